package org.kernelsim.modules.workloads;

import java.util.List;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.modules.cmodx.CmodxChurnModules;

/**
 * "Is this patch sequence legal while other CPUs run it?": CPUs 1..N call
 * {@code static_call_cond(cc_key_<i>)()} in a loop ({@code cc_caller}) while CPU 0 toggles every
 * key between its function {@code cc_func_<i>} and NULL every {@code updateEvery} modelled cycles
 * (CPU 0 runs a spin loop in between, so its clock moves). Under ool-branch with {@code nullAs: ret}
 * each toggle rewrites the slot B ↔ RET (outside the CMODX set) while the callers may execute it.
 * Each call is classified by the caller: it reached the function, reached the NULL path, or was
 * stray. Metrics: {@code updates}, {@code calls}, {@code callsFunc}, {@code callsNull},
 * {@code callsStray}; the key history gives each key's targets over time.
 */
public final class CmodxChurnWorkload implements WorkloadPlugin {

    public record Parameters(
            @Param(description = "keys toggled together, one static_call_cond site each in the callers' loop",
                    defaultValue = "1", min = 1, max = 16)
            int keys,
            @Param(description = "modelled cycles (of CPU 0) the churn lasts", defaultValue = "200000", min = 1)
            long duration,
            @Param(description = "CPU 0 toggles every key (function <-> NULL) every N modelled cycles of its own",
                    defaultValue = "10000", min = 1)
            long updateEvery,
            @Param(description = "loop iterations per caller task (a task start is a context-synchronisation event)",
                    defaultValue = "200", min = 1)
            long iterations) {
    }

    @Override
    public String name() {
        return "cmodx-churn";
    }

    @Override
    public String description() {
        return "CPUs 1..N call static_call_cond keys that CPU 0 toggles between a function and NULL";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<KernelModule> generatedModules(Record parameters) {
        return List.of(CmodxChurnModules.core(((Parameters) parameters).keys()));
    }

    @Override
    public Workload create(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ctx -> run(p, ctx);
    }

    private static void run(Parameters p, WorkloadContext ctx) {
        Kernel k = ctx.kernel();
        TimelineRun workers = new TimelineRun(ctx);
        long caller = k.kallsyms().addressOf(CmodxChurnModules.CALLER);
        long spin = k.kallsyms().addressOf(CmodxChurnModules.SPIN);
        Runnable between = () -> workers.keepBusy(cpu -> cpu == 0
                ? k.spawn(0, "cmodx-updater/0", spin, p.iterations())
                : k.spawn(cpu, "cmodx-caller/" + cpu, caller, p.iterations()));
        for (int i = 0; i < p.keys(); i++) {
            ctx.recordKeyTarget(CmodxChurnModules.key(i));
        }
        long start = ctx.now();
        long end = start + p.duration();
        long updates = 0;
        long failed = 0;
        for (long at = start + p.updateEvery(); at <= end; at += p.updateEvery()) {
            if (!ctx.runUntil(at, between)) {
                break;
            }
            // Between slices the kernel's Java runs as CPU 0; the callers are mid-loop on theirs.
            for (int i = 0; i < p.keys(); i++) {
                String key = CmodxChurnModules.key(i);
                int ret = k.staticCalls().query(key) == 0
                        ? k.staticCalls().update(key, CmodxChurnModules.function(i))
                        : k.staticCalls().updateNull(key);
                if (ret == 0) {
                    updates++;
                } else {
                    failed++;
                }
                ctx.recordKeyTarget(key);
            }
            ctx.progress((double) (at - start) / p.duration());
        }
        if (!k.panicked()) {
            ctx.runUntil(end, between);
        }
        long[] outcomes = new long[CmodxChurnModules.OUTCOME_SLOTS];
        long base = k.kallsyms().addressOf(CmodxChurnModules.OUTCOMES);
        for (int cpu = 0; cpu < workers.cpus(); cpu++) {
            for (int s = 0; s < outcomes.length; s++) {
                outcomes[s] += k.memory().read64(base + 8L * (cpu * CmodxChurnModules.OUTCOME_SLOTS + s));
            }
        }
        ctx.addMetric("updates", updates);
        ctx.addMetric("failedUpdates", failed);
        ctx.addMetric("calls", outcomes[CmodxChurnModules.FUNC] + outcomes[CmodxChurnModules.NULL]
                + outcomes[CmodxChurnModules.STRAY]);
        ctx.addMetric("callsFunc", outcomes[CmodxChurnModules.FUNC]);
        ctx.addMetric("callsNull", outcomes[CmodxChurnModules.NULL]);
        ctx.addMetric("callsStray", outcomes[CmodxChurnModules.STRAY]);
        ctx.addMetric("funcHits", workers.sumPerCpu(CmodxChurnModules.HITS));
    }
}
