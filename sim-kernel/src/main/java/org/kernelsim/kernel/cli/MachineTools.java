package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kernelsim.cpu.disasm.DisasmTool;
import org.kernelsim.cpu.user.ExecTool;
import org.kernelsim.kernel.bench.StaticCallCostBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The machine-level subcommands: they drive the simulated CPU directly, without a kernel. */
final class MachineTools {

    private MachineTools() {
    }

    @Command(name = "disasm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Disassemble A64 instruction words, one objdump-format line per word.",
                    "Each line is  addr:<TAB>word <TAB>text  with objdump's aliases (mov, cmp, ret, bti c, ...)."})
    static final class Disasm implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--base", paramLabel = "ADDR", converter = AddressConverter.class,
                description = "Address of the first word (hex, 0x optional; default 0).")
        long base;

        @Parameters(arity = "1..*", paramLabel = "HEXWORD", description = "32-bit words in hex, e.g. d503245f.")
        List<String> words;

        Disasm(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            try (PrintStream out = stream(ctx.out); PrintStream err = stream(ctx.err)) {
                int status = DisasmTool.run(base, words, out, err);
                return status == 0 ? Main.OK : Main.USAGE;
            }
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Run a static AArch64 Linux ELF executable at EL0 on one simulated CPU.",
                    "Syscalls: write (fd 1, 2), exit, exit_group; anything else stops with its number and PC.",
                    "The exit status is the program's (128+signal when it is killed, as a shell reports it)."})
    static final class Exec implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "PROGRAM.elf", description = "The static ELF executable (ET_EXEC, EM_AARCH64).")
        Path program;

        @Option(names = "--max-insns", paramLabel = "N",
                description = "Stop after N instructions (default: no limit).")
        long maxInsns = Long.MAX_VALUE;

        @Option(names = "--stats", description = "Print instructions, modelled cycles, host time and guest MIPS on stderr.")
        boolean stats;

        Exec(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            if (!Files.isRegularFile(program)) {
                throw new UsageException(program + ": no such file");
            }
            if (maxInsns <= 0) {
                throw new UsageException("--max-insns must be positive: " + maxInsns);
            }
            try (PrintStream out = stream(ctx.out); PrintStream err = stream(ctx.err)) {
                return ExecTool.run(program, maxInsns, stats, out, err);
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Measure what one static call and one update cost under each backend, by running guest code.",
                    "Instructions are exact counts; cycles come from the cost model (a model, labelled so).",
                    "Prints two markdown tables: per call (caller vmlinux or a far module, near/far target, kCFI off/on)",
                    "and per update (patches by kind, stop_machine stall cycles)."})
    static final class Bench implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--backend", paramLabel = "NAME",
                description = "Backend to measure (repeatable; default: every backend found), with default options.")
        List<String> backends = new java.util.ArrayList<>();

        @Option(names = "--iterations", paramLabel = "N", description = "Calls per measured loop (default: ${DEFAULT-VALUE}).")
        int iterations = 10_000;

        @Option(names = "--cpus", paramLabel = "N",
                description = "Online CPUs while updates are measured (default: ${DEFAULT-VALUE}).")
        int cpus = 4;

        Bench(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            if (iterations < 1 || iterations > 100_000_000) {
                throw new UsageException("--iterations must be in 1..100000000: " + iterations);
            }
            if (cpus < 1 || cpus > 256) {
                throw new UsageException("--cpus must be in 1..256: " + cpus);
            }
            var registry = ctx.plugins();
            var loader = new org.kernelsim.kernel.config.ConfigLoader(registry);
            List<String> names = backends.isEmpty() ? List.copyOf(registry.backends().keySet()) : backends;
            List<StaticCallCostBench.Subject> subjects = new java.util.ArrayList<>();
            for (String name : names) {
                var plugin = registry.backend(name).orElseThrow(
                        () -> new UsageException(registry.unknownBackend(name, "--backend"))).plugin();
                subjects.add(new StaticCallCostBench.Subject(name,
                        plugin.module(loader.defaultsOf(plugin.optionsType()))));
            }
            var result = new StaticCallCostBench(iterations, cpus).measure(subjects);
            ctx.out.print(StaticCallCostBench.markdown(result));
            ctx.out.flush();
            return Main.OK;
        }
    }

    static PrintStream stream(java.io.PrintWriter writer) {
        return new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8);
    }

    /** Hex with or without 0x, as addresses are written in kernel logs. */
    static final class AddressConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String hex = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            try {
                return Long.parseUnsignedLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a hex address");
            }
        }
    }
}
