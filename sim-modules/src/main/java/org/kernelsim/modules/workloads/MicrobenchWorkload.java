package org.kernelsim.modules.workloads;

import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.module.ModuleLoadException;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.modules.microbench.MicrobenchModules;

/**
 * A tight guest loop of static calls, measured. CPU 0 runs {@code mb_loop} (one
 * {@code static_call(mb_key_<i>)(x)} site per key in the body) and then the baseline
 * {@code mb_loop_base} (the same loop without the calls and updates), each after a short warm-up
 * run that primes the instruction cache and the branch predictors. Per call:
 * (loop − baseline) / (iterations × keys), in retired instructions (exact) and modelled cycles,
 * which includes the callee's body ({@code bti c; add; ret}: 3 instructions) and, with
 * {@code updateEvery}, the updates' share. With {@code kind: tail} a site is the tail call that is
 * the whole body of {@code mb_tail_<i>}, which the loop calls, so a call also includes
 * {@code bl mb_tail_<i>} and its {@code bti c}.
 */
public final class MicrobenchWorkload implements WorkloadPlugin {

    public enum Target { NEAR, FAR }

    public enum Kind { CALL, COND, TAIL }

    public record Parameters(
            @Param(description = "number of keys, one call site each in the loop body", defaultValue = "4", min = 1,
                    max = 256)
            int keys,
            @Param(description = "loop iterations (each makes one call per key)", defaultValue = "10000", min = 1)
            long iterations,
            @Param(description = "where the targets live: near (vmlinux) or far (module microbench_far; place it "
                    + "beyond 128MiB with kernel.modules.placement: far)", defaultValue = "near")
            Target target,
            @Param(description = "an update (next key, round-robin, to its other target) every N calls; 0: never",
                    defaultValue = "0", min = 0)
            long updateEvery,
            @Param(description = "call: static_call(k)(x) on long(long); cond: static_call_cond(k)(x) on void(long); "
                    + "tail: the loop calls mb_tail_<i>(x), whose body is the tail call return static_call(k)(x)",
                    defaultValue = "call")
            Kind kind) {
    }

    @Override
    public String name() {
        return "microbench";
    }

    @Override
    public String description() {
        return "a tight loop of static calls: instructions and modelled cycles per call, measured against a baseline loop";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<KernelModule> generatedModules(Record parameters) {
        Parameters p = (Parameters) parameters;
        boolean cond = p.kind() == Kind.COND;
        List<KernelModule> modules = new ArrayList<>(List.of(MicrobenchModules.core(p.keys(), switch (p.kind()) {
            case CALL -> CallKind.CALL;
            case COND -> CallKind.COND;
            case TAIL -> CallKind.TAIL;
        })));
        if (p.target() == Target.FAR) {
            modules.add(MicrobenchModules.far(p.keys(), cond));
        }
        return List.copyOf(modules);
    }

    @Override
    public Workload create(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ctx -> run(p, ctx);
    }

    private static final long WARMUP = 16;

    private static void run(Parameters p, WorkloadContext ctx) {
        Kernel k = ctx.kernel();
        if (p.target() == Target.FAR) {
            try {
                LoadedModule far = k.modules().load(MicrobenchModules.FAR);
                ctx.addMetric("farTargetsNear", far.near() ? 1 : 0);
                if (far.near()) {
                    k.printk("microbench: " + MicrobenchModules.FAR + " was placed within BL range; "
                            + "kernel.modules.placement: far puts it beyond 128MiB");
                }
            } catch (ModuleLoadException e) {
                k.printk(e.getMessage());
                return;
            }
            MicrobenchModules.retargetFar(k, p.keys());
        }
        for (int i = 0; i < p.keys(); i++) {
            ctx.recordKeyTarget(MicrobenchModules.key(i));
        }
        try {
            CpuCounters.Snapshot loop = measure(k, MicrobenchModules.LOOP, p);
            ctx.progress(0.5);
            CpuCounters.Snapshot base = measure(k, MicrobenchModules.BASELINE, p);
            long calls = p.iterations() * p.keys();
            ctx.addMetric("measuredCalls", calls);
            ctx.addMetric("callInstructions", loop.instructions() - base.instructions());
            ctx.addMetric("callCycles", loop.cycles() - base.cycles());
            ctx.addMetric("loopInstructions", loop.instructions());
            ctx.addMetric("loopCycles", loop.cycles());
            ctx.addMetric("baselineInstructions", base.instructions());
            ctx.addMetric("baselineCycles", base.cycles());
        } catch (GuestCallFailed e) {
            k.printk("microbench: " + e.getMessage());
        }
        for (int i = 0; i < p.keys(); i++) {
            ctx.recordKeyTarget(MicrobenchModules.key(i));
        }
    }

    /** CPU 0's counter delta over one run of {@code loop}, after a warm-up run (same code path, few iterations). */
    private static CpuCounters.Snapshot measure(Kernel k, String loop, Parameters p) {
        var cpu0 = k.cpus().get(0);
        k.call(0, loop, WARMUP, 0);
        CpuCounters.Snapshot before = cpu0.counters().snapshot();
        k.call(0, loop, p.iterations(), p.updateEvery());
        return cpu0.counters().snapshot().minus(before);
    }
}
