package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.plugin.ParameterInfo;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.config.ConfigWriter;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.plugin.Registered;
import org.kernelsim.kernel.run.FailureKind;
import org.kernelsim.kernel.run.RunPlan;
import org.kernelsim.kernel.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The subcommands. Each returns its exit status; errors are thrown and mapped by {@link Main}. */
final class Commands {

    private Commands() {
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Run CONFIG: validate it, resolve the backends and the workload, and run the simulation.",
                    "(Until the machine is wired in, this prints the plan and says that nothing ran.)"})
    static final class Run implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "The config file (.yaml, .yml or .json).")
        Path config;

        @Option(names = "--fail-on", split = ",", paramLabel = "KIND", converter = FailureKindConverter.class,
                description = "Exit with status 1 when the run finds any of these: cfi, oops, panic, violation "
                        + "(comma-separated).")
        List<FailureKind> failOn = new ArrayList<>();

        Run(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            PluginRegistry registry = ctx.plugins();
            SimConfig config = new ConfigLoader(registry).load(this.config);
            RunPlan plan = RunPlan.resolve(this.config, config, registry);
            RunResult result = ctx.env.runner().run(plan, ctx.out);
            ctx.out.flush();
            Set<FailureKind> hit = EnumSet.noneOf(FailureKind.class);
            hit.addAll(result.failures());
            hit.retainAll(failOn);
            if (!hit.isEmpty()) {
                ctx.err.println("kernelsim: the run found " + String.join(", ",
                        hit.stream().map(FailureKind::cliName).toList()) + " (--fail-on)");
                return 1;
            }
            return 0;
        }
    }

    /** Case-sensitive, like the config: {@code cfi}, not {@code CFI}. */
    static final class FailureKindConverter implements ITypeConverter<FailureKind> {
        @Override
        public FailureKind convert(String value) {
            return FailureKind.byCliName(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a failure kind; valid: " + String.join(", ",
                    java.util.Arrays.stream(FailureKind.values()).map(FailureKind::cliName).toList())));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Validate CONFIG and print the effective config (YAML, every default filled in).")
    static final class Check implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "The config file (.yaml, .yml or .json).")
        Path config;

        Check(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            SimConfig config = new ConfigLoader(ctx.plugins()).load(this.config);
            ctx.out.print(new ConfigWriter().toYaml(config));
            ctx.out.flush();
            return 0;
        }
    }

    @Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the static_call backends: name, description, where each came from, and options.")
    static final class Backends implements Callable<Integer> {
        private final CliContext ctx;

        Backends(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            PluginRegistry registry = ctx.plugins();
            if (registry.backends().isEmpty()) {
                ctx.out.println("No backends: " + registry.knownBackends() + ".");
                ctx.out.flush();
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "SOURCE", "DESCRIPTION"});
            for (Registered<BackendPlugin> r : registry.backends().values()) {
                rows.add(new String[] {r.name(), r.source().describe(), r.plugin().description()});
            }
            Table.print(ctx.out, rows);
            for (Registered<BackendPlugin> r : registry.backends().values()) {
                List<ParameterInfo> options = r.plugin().options();
                if (!options.isEmpty()) {
                    ctx.out.println();
                    ctx.out.println("options of " + r.name() + " (staticCall.options." + r.name() + "):");
                    Table.parameters(ctx.out, options);
                }
            }
            ctx.out.flush();
            return 0;
        }
    }

    @Command(name = "workloads", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the workloads with their parameters (name, type, default) and descriptions.")
    static final class Workloads implements Callable<Integer> {
        private final CliContext ctx;

        Workloads(CliContext ctx) {
            this.ctx = requireNonNull(ctx, "ctx");
        }

        @Override
        public Integer call() {
            ctx.configureLogging();
            PluginRegistry registry = ctx.plugins();
            if (registry.workloads().isEmpty()) {
                ctx.out.println("No workloads: " + registry.knownWorkloads() + ".");
                ctx.out.flush();
                return 0;
            }
            boolean first = true;
            for (Registered<WorkloadPlugin> r : registry.workloads().values()) {
                if (!first) {
                    ctx.out.println();
                }
                first = false;
                ctx.out.println(r.name() + " - " + r.plugin().description() + " [" + r.source().describe() + "]");
                List<ParameterInfo> params = r.plugin().parameters();
                if (params.isEmpty()) {
                    ctx.out.println("  (no parameters)");
                } else {
                    Table.parameters(ctx.out, params);
                }
            }
            ctx.out.println();
            ctx.out.println("Every workload also takes 'type' (its name) and 'timeline' (module loads and unloads).");
            ctx.out.flush();
            return 0;
        }
    }
}
