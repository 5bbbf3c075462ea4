package org.kernelsim.cpu.user;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.kernelsim.cpu.elf.ElfExecutable;
import org.kernelsim.cpu.elf.ElfFormatException;

/**
 * {@code sim exec PROGRAM.elf [--max-insns N] [--stats]}: runs a static AArch64 Linux program at
 * EL0. The program's fd 1 goes to {@code out}, its fd 2 and the simulator's diagnostics
 * (signals, limits, {@code --stats}) to {@code err}.
 */
public final class ExecTool {

    private ExecTool() {
    }

    /** Returns the program's exit status (128 + signal if killed; 124 at the instruction limit; 125 unsupported syscall; 126 unloadable). */
    public static int run(Path elf, long maxInsns, boolean stats, PrintStream out, PrintStream err) {
        ElfExecutable exe;
        try {
            exe = ElfExecutable.read(elf);
        } catch (IOException e) {
            err.println("kernelsim: cannot read " + elf + ": " + e.getMessage());
            return 126;
        } catch (ElfFormatException e) {
            err.println("kernelsim: " + e.getMessage());
            return 126;
        }
        UserModeRunner.Result r = new UserModeRunner(exe, out, err).run(maxInsns);
        if (!r.message().isEmpty()) {
            err.println(r.message());
        }
        if (stats) {
            err.printf("instructions:     %,d%n", r.counters().instructions());
            err.printf("cycles (model):   %,d%n", r.counters().cycles());
            err.printf("host time:        %.1f ms%n", r.hostNanos() / 1e6);
            err.printf("guest MIPS:       %.1f%n", r.mips());
        }
        err.flush();
        out.flush();
        return r.status();
    }

    /** Command-line entry for direct use: {@code java ... ExecTool PROGRAM.elf [--max-insns N] [--stats]}. */
    public static void main(String[] args) {
        Path elf = null;
        long max = 0;
        boolean stats = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--max-insns" -> {
                    if (i + 1 >= args.length) {
                        usage("--max-insns needs a number");
                    }
                    try {
                        max = Long.parseLong(args[++i].replace("_", ""));
                    } catch (NumberFormatException e) {
                        usage("--max-insns needs a number, got " + args[i]);
                    }
                }
                case "--stats" -> stats = true;
                default -> {
                    if (args[i].startsWith("-") || elf != null) {
                        usage("unexpected argument " + args[i]);
                    }
                    elf = Path.of(args[i]);
                }
            }
        }
        if (elf == null) {
            usage("missing PROGRAM.elf");
        }
        System.exit(run(elf, max, stats, System.out, System.err));
    }

    private static void usage(String problem) {
        System.err.println("kernelsim exec: " + problem);
        System.err.println("usage: exec PROGRAM.elf [--max-insns N] [--stats]");
        System.exit(2);
    }
}
