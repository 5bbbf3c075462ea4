package org.kernelsim.modules.workloads;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.modules.perf.PerfCore;
import org.kernelsim.modules.tracepoint.TracepointCore;
import org.kernelsim.modules.tracepoint.TracepointProbeModule;

/**
 * Tracepoint probe churn: every CPU runs tasks that context-switch through {@code __schedule}
 * (firing {@code sched_switch}) every {@code switchWork} loop iterations, while the timeline
 * loads and unloads probe modules ({@code tp_probe_a}, {@code tp_probe_b}, {@code tp_probe_c}).
 * Reports each probe's hits ({@code hits.<module>}), the switches ({@code switches}) and, in the
 * key history, which target {@code tp_func_sched_switch} held over time.
 */
public final class TracepointChurnWorkload implements WorkloadPlugin {

    public record Parameters(
            @Param(description = "modelled cycles (of CPU 0) the churn lasts", defaultValue = "2000000", min = 1)
            long duration,
            @Param(description = "loop iterations (3 instructions each) between two context switches", defaultValue = "100",
                    min = 0)
            long switchWork,
            @Param(description = "context switches per workload task", defaultValue = "50", min = 1)
            long switchesPerTask) {
    }

    @Override
    public String name() {
        return "tracepoint-churn";
    }

    @Override
    public String description() {
        return "sched_switch tracepoint hit on every context switch while probe modules load and unload";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<String> requiredModules(Record parameters) {
        return List.of(TracepointCore.NAME, "tp_probe_a", "tp_probe_b", "tp_probe_c");
    }

    @Override
    public Workload create(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ctx -> new Run(p, ctx).run();
    }

    private static final class Run {
        private final Parameters p;
        private final WorkloadContext ctx;
        private final Kernel k;
        private final TimelineRun timeline;
        private final long worker;
        /** Hits of probe modules already unloaded (their counters went with them). */
        private final Map<String, Long> hits = new TreeMap<>();

        Run(Parameters p, WorkloadContext ctx) {
            this.p = p;
            this.ctx = ctx;
            this.k = ctx.kernel();
            this.timeline = new TimelineRun(ctx);
            this.worker = k.kallsyms().addressOf(TracepointCore.WORKER);
        }

        void run() {
            // A probe module's counters are read when it is GOING: after its exit unregistered the
            // probe and waited for a grace period (no CPU can still be in it), before its memory goes.
            k.modules().addNotifier((state, m) -> {
                if (state == org.kernelsim.api.module.ModuleState.GOING) {
                    harvest(m.name());
                }
            });
            String key = TracepointCore.KEY.name();
            timeline.run(p.duration(), this::between, step -> {
                if (TimelineRun.apply(k, step) && step.action() == TimelineStep.Action.LOAD) {
                    hits.putIfAbsent(step.module(), 0L);
                }
                ctx.recordKeyTarget(key);
                ctx.progress((double) step.at() / p.duration());
            });
            k.modules().loaded().forEach(m -> harvest(m.name()));
            hits.forEach((module, n) -> ctx.addMetric("hits." + module, n));
            ctx.addMetric("switches", timeline.sumPerCpu(TracepointCore.SWITCH_COUNT));
        }

        /** Adds a loaded probe module's per-CPU hit counters to its total and clears them. */
        private void harvest(String module) {
            var sym = k.kallsyms().lookup(TracepointProbeModule.hitsSymbol(module));
            if (sym.isEmpty()) {
                return;
            }
            long base = sym.get().address();
            long n = 0;
            for (int cpu = 0; cpu < PerfCore.NR_CPUS && cpu < timeline.cpus(); cpu++) {
                n += k.memory().read64(base + 8L * cpu);
                k.memory().write64(base + 8L * cpu, 0);
            }
            hits.merge(module, n, Long::sum);
        }

        private void between() {
            timeline.keepBusy(cpu -> k.spawn(cpu, "sched-worker/" + cpu, worker, p.switchesPerTask(), p.switchWork()));
        }
    }
}
