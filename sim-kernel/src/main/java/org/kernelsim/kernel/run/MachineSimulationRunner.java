package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ProgressBar;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.config.TimelineEvent;
import org.kernelsim.kernel.output.JsonReport;
import org.kernelsim.kernel.output.StatTable;

/**
 * The real {@link SimulationRunner}: one fresh machine per backend run, each on its own host
 * thread (one machine per thread; machines share nothing), results gathered in plan order so
 * parallel and sequential runs print and write the same bytes (apart from JSON {@code host}).
 */
public final class MachineSimulationRunner implements SimulationRunner {

    private static final Logger LOG = LogManager.getLogger(MachineSimulationRunner.class);

    private final int threads;
    private final boolean progressBar;

    /**
     * @param threads host threads for compare runs (1: sequential)
     * @param progressBar draw a progress bar (stdout is a terminal) rather than log lines
     */
    public MachineSimulationRunner(int threads, boolean progressBar) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        this.progressBar = progressBar;
    }

    /** As many threads as host processors, a bar when there is a console. */
    public static MachineSimulationRunner forHost() {
        return new MachineSimulationRunner(Runtime.getRuntime().availableProcessors(), System.console() != null);
    }

    /** The reports and the host timings of a plan's runs, without printing. */
    public record Outcome(List<BackendReport> runs, List<BackendReport.HostTiming> timings, long wallMillis) {
    }

    @Override
    public RunResult run(RunPlan plan, PrintWriter out) {
        Outcome outcome = execute(plan);
        SimConfig config = plan.config();
        String title = plan.workload().type() + " (" + plan.configFile().getFileName() + ")";
        StatTable.print(out, title, outcome.runs());
        config.report().json().ifPresent(file -> {
            var tree = JsonReport.tree(config, outcome.runs(), JsonReport.host(outcome.wallMillis(), outcome.timings()));
            try {
                Path path = Path.of(file);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Files.writeString(path, JsonReport.text(tree));
                out.println("JSON report: " + path);
            } catch (IOException e) {
                // Not a bug: the user's path or the file system. The table above stays printed.
                out.flush();
                throw new RunUsageException("cannot write the JSON report " + file + ": " + reason(e), e);
            }
        });
        out.flush();
        return new RunResult(true, failures(outcome.runs()));
    }

    /** "No such file or directory", or the exception's own words: what went wrong, not its class. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "Permission denied"
                    // from creating the report's directories: a path on the way is a file
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                    : e instanceof java.nio.file.NotDirectoryException ? "Not a directory"
                    : e.getClass().getSimpleName();
            return fs.getFile() == null ? reason : fs.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Runs every backend of the plan and returns the reports in plan order. */
    public Outcome execute(RunPlan plan) {
        long start = System.nanoTime();
        List<BackendRun> backends = plan.backends();
        MachineSpec spec = spec(plan);
        CostModel costs = CostModel.defaults().withOverrides(plan.config().costModel());
        List<TimelineStep> timeline = timeline(plan.config().workload().timeline());
        // One workload instance per machine, made here on the calling thread, before any machine
        // boots: a plugin that cannot drive a machine is the user's to fix, not a failed simulation.
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            workloads.add(create(plan.workload()));
        }
        double[] progress = new double[backends.size()];
        ProgressBar bar = progressBar ? new ProgressBar("kernelsim", 1000L * backends.size()) : null;
        List<Future<Timed>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, backends.size()));
        try {
            for (int i = 0; i < backends.size(); i++) {
                int index = i;
                BackendRun b = backends.get(i);
                DoubleConsumer onProgress = f -> {
                    synchronized (progress) {
                        progress[index] = Math.max(progress[index], Math.min(1.0, f));
                        if (bar != null) {
                            double sum = 0;
                            for (double p : progress) {
                                sum += p;
                            }
                            bar.stepTo((long) (sum * 1000));
                        }
                    }
                };
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    if (bar == null) {
                        LOG.info("{}: booting {} CPUs", b.name(), spec.cpus());
                    }
                    MachineRun run = new MachineRun(b, spec, costs, workloads.get(index), timeline, onProgress);
                    BackendReport report = run.run();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (bar == null) {
                        LOG.info("{}: done, {} instructions", b.name(), report.counters().instructions());
                    }
                    double mips = ms == 0 ? 0 : report.counters().instructions() / (ms * 1000.0);
                    return new Timed(report, new BackendReport.HostTiming(b.name(), ms, mips));
                }));
            }
            List<BackendReport> reports = new ArrayList<>();
            List<BackendReport.HostTiming> timings = new ArrayList<>();
            for (Future<Timed> f : futures) {
                Timed t = f.get();
                reports.add(t.report());
                timings.add(t.timing());
            }
            return new Outcome(reports, timings, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a simulation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
    }

    /**
     * {@link WorkloadPlugin#create}, or a usage error naming the plugin and where it came from when
     * the plugin only describes itself (the interface's default throws UnsupportedOperationException).
     */
    static Workload create(WorkloadRun w) {
        WorkloadPlugin plugin = w.plugin();
        try {
            return requireNonNull(plugin.create(w.parameters()), "create() returned null");
        } catch (UnsupportedOperationException e) {
            boolean implemented;
            try {
                implemented = plugin.getClass().getMethod("create", Record.class).getDeclaringClass()
                        != WorkloadPlugin.class;
            } catch (NoSuchMethodException impossible) {
                implemented = true;
            }
            String why = implemented ? "its create() refuses: " + e.getMessage()
                    : "the plugin only describes itself (it does not implement WorkloadPlugin.create)";
            throw new RunUsageException("workload type '" + w.type() + "' from " + w.source().describe() + " ("
                    + plugin.getClass().getName() + ") cannot drive a machine: " + why
                    + "; it can be listed and checked, not run", e);
        }
    }

    private record Timed(BackendReport report, BackendReport.HostTiming timing) {
    }

    /** The machine every backend boots: the config's, with the modules the plan resolved. */
    public static MachineSpec spec(RunPlan plan) {
        SimConfig c = plan.config();
        List<KernelModule> modules = plan.modules();
        var k = c.kernel();
        return new MachineSpec(c.machine().cpus(), c.seed(), c.machine().slice(),
                MachineSpec.Interleave.valueOf(c.machine().scheduler().name()),
                new KernelFeatures(CfiMode.valueOf(k.cfi().name()), c.machine().bti()), k.textSize().bytes(),
                MachineSpec.Placement.valueOf(k.modules().placement().name()),
                MachineSpec.CmodxPolicy.valueOf(k.cmodx().name()), 0, modules);
    }

    static List<TimelineStep> timeline(List<TimelineEvent> events) {
        return events.stream()
                .map(e -> e.load().map(m -> new TimelineStep(e.at(), TimelineStep.Action.LOAD, m))
                        .orElseGet(() -> new TimelineStep(e.at(), TimelineStep.Action.UNLOAD, e.unload().orElseThrow())))
                .sorted(java.util.Comparator.comparingLong(TimelineStep::at))
                .toList();
    }

    /** The kinds of failure any run showed, for {@code --fail-on}. */
    public static Set<FailureKind> failures(List<BackendReport> runs) {
        Set<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
        for (BackendReport r : runs) {
            if (!r.cfiFailures().isEmpty()) {
                kinds.add(FailureKind.CFI);
            }
            if (!r.oopses().isEmpty()) {
                kinds.add(FailureKind.OOPS);
            }
            if (r.panic().isPresent()) {
                kinds.add(FailureKind.PANIC);
            }
            if (!r.violations().isEmpty()) {
                kinds.add(FailureKind.VIOLATION);
            }
        }
        return kinds;
    }
}
