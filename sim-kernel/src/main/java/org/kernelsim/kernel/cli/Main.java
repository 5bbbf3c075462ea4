package org.kernelsim.kernel.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.util.concurrent.Callable;
import org.kernelsim.kernel.config.ConfigException;
import org.kernelsim.kernel.plugin.PluginConflictException;
import org.kernelsim.kernel.run.RunUsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The kernelsim command line ({@code ./sim}). Exit status: 0 success; 1 the run found failures
 * that {@code --fail-on} asked about; 2 a usage, config or output-file error; 70 an internal error. No Java
 * stack trace reaches the user unless {@code --debug} asks for it.
 */
public final class Main {

    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private final CliEnvironment env;

    public Main(CliEnvironment env) {
        this.env = requireNonNull(env, "env");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status;
        try {
            status = new Main(CliEnvironment.fromSystem()).execute(args, out, err);
        } catch (Throwable t) {
            // Last line of defence (an error while setting up the command line itself).
            err.println("kernelsim: internal error: " + t + " (run with --debug for the stack trace)");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                t.printStackTrace(err);
            }
            status = INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    @Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "kernelsim: a simulated arm64 Linux kernel that runs real A64 code, for comparing "
                    + "static_call backends.",
            footerHeading = "%nExit status:%n",
            footer = {"  0   success", "  1   the run found failures that --fail-on asked about",
                    "  2   usage, config or output-file error", "  70  internal error (a bug: please report it with --debug)"})
    static final class Top implements Callable<Integer> {
        private final CliContext ctx;

        Top(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ctx.err.println("kernelsim: missing command; one of: run, check, backends, workloads, disasm, exec, bench");
            ctx.err.println("(see ./sim --help)");
            return USAGE;
        }
    }

    /** Runs one command line and returns its exit status. */
    public int execute(String[] args, PrintWriter out, PrintWriter err) {
        requireNonNull(args, "args");
        GlobalOptions options = new GlobalOptions();
        CliContext ctx = new CliContext(env, options, out, err);
        CommandLine cli = withGlobals(new CommandLine(new Top(ctx)), options);
        cli.addSubcommand(withGlobals(new CommandLine(new Commands.Run(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new Commands.Check(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new Commands.Backends(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new Commands.Workloads(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new MachineTools.Disasm(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new MachineTools.Exec(ctx)), options));
        cli.addSubcommand(withGlobals(new CommandLine(new MachineTools.Bench(ctx)), options));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("kernelsim: " + e.getMessage());
            CommandLine failed = e.getCommandLine();
            err.println("(see ./sim " + (failed.getParent() == null ? "" : failed.getCommandName() + " ") + "--help)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> report(e, options.debug, err));
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static CommandLine withGlobals(CommandLine commandLine, GlobalOptions options) {
        commandLine.getCommandSpec().addMixin("global", CommandSpec.forAnnotatedObject(options));
        return commandLine;
    }

    /** The one place an exception becomes words and an exit status. */
    static int report(Exception e, boolean debug, PrintWriter err) {
        int status;
        if (e instanceof ConfigException || e instanceof PluginConflictException || e instanceof UsageException
                || e instanceof RunUsageException) {
            err.println("kernelsim: " + e.getMessage());
            status = USAGE;
        } else {
            err.println("kernelsim: internal error: " + (e.getMessage() == null ? "" : e.getMessage() + " ")
                    + "(" + e.getClass().getName() + ")");
            if (!debug) {
                err.println("(run with --debug for the stack trace)");
            }
            status = INTERNAL;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }
}
