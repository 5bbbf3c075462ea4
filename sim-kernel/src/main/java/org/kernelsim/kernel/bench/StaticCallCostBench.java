package org.kernelsim.kernel.bench;

import static java.util.Objects.requireNonNull;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.patching.TextPatcher.PatchStats;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;

/**
 * What one static call and one update cost under a backend, measured by running guest code:
 * loops of {@code iterations} calls run on CPU 0, and counter deltas are divided by the count.
 * Instructions are exact; cycles come from the cost model (a model, labelled so).
 *
 * <p>"call" is the whole static call from the call site to the return, a 3-instruction target
 * ({@code bti c; add w0, w0, #1; ret}) included: (loop with the call − empty loop) / N. "over BL"
 * is what it costs beyond a direct {@code bl} to the near target from the same caller. The near
 * target is in vmlinux; the far one in a module forced beyond ±128 MiB. The caller is vmlinux, or
 * a module forced beyond ±128 MiB ({@code sc_bench_caller}) calling the same exported vmlinux key:
 * there, a {@code bl} into vmlinux goes through the module's PLT ({@code adrp; add; br x16}) and
 * lands on a {@code bti c} (the trampoline's, for out-of-line backends; the target's for the
 * plain-BL baseline), while generic's {@code adrp; ldr} of the key reaches ±4 GiB and needs none.
 * An update alternates the key between the two targets while the other CPUs are online, and
 * counts what the kernel did for it: text patches by kind and stop_machine stall cycles (summed
 * over CPUs).
 */
public final class StaticCallCostBench {

    static final FunctionType INT_INT = FunctionType.parse("int(int)");
    static final FunctionType LONG_LONG = FunctionType.parse("long(long)");
    static final StaticCallKeyDef KEY = StaticCallKeyDef.of("sc_bench", INT_INT, "bench_near").exportedKey();

    /** One backend configuration to measure: its name and its Guice module (options applied). */
    public record Subject(String backend, Module module) {
        public Subject {
            requireNonNull(backend, "backend");
            requireNonNull(module, "module");
        }
    }

    /** Where the calling loop runs: {@code vmlinux}, or {@code far module} (beyond ±128 MiB of the image). */
    public static final String CALLER_VMLINUX = "vmlinux";
    public static final String CALLER_FAR_MODULE = "far module";

    /**
     * Cost of one call from {@code caller} to {@code target}: per-call instructions and modelled
     * cycles, and the same beyond a plain BL to the near target from the same caller.
     */
    public record CallCost(String backend, String cfi, String caller, String target, double insns, double cycles,
                           double extraInsns, double extraCycles) {
    }

    /** Cost of one update: patches by kind and stop_machine stall cycles per update. */
    public record UpdateCost(String backend, double nosync, double stopMachine, double literalWrites,
                             double stallCycles) {
    }

    public record Result(List<CallCost> calls, List<UpdateCost> updates) {
        public Result {
            calls = List.copyOf(calls);
            updates = List.copyOf(updates);
        }
    }

    private final int iterations;
    private final int cpus;

    public StaticCallCostBench(int iterations, int cpus) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive: " + iterations);
        }
        if (cpus < 1 || cpus > 256) {
            throw new IllegalArgumentException("cpus must be in 1..256: " + cpus);
        }
        this.iterations = iterations;
        this.cpus = cpus;
    }

    public Result measure(List<Subject> subjects) {
        List<CallCost> calls = new ArrayList<>();
        List<UpdateCost> updates = new ArrayList<>();
        for (Subject s : subjects) {
            for (CfiMode cfi : List.of(CfiMode.OFF, CfiMode.ENFORCING)) {
                SimKernel k = boot(s, cfi, 1);
                for (String caller : List.of(CALLER_VMLINUX, CALLER_FAR_MODULE)) {
                    String prefix = caller.equals(CALLER_VMLINUX) ? "bench_" : "bench_mod_";
                    CpuCounters.Snapshot empty = run(k, prefix + "empty");
                    CpuCounters.Snapshot bl = run(k, prefix + "bl").minus(empty);
                    for (String target : List.of("near", "far")) {
                        k.staticCalls().update(KEY.name(), "bench_" + target);
                        CpuCounters.Snapshot sc = run(k, prefix + "sc").minus(empty);
                        if (!k.reports().all().isEmpty()) {
                            throw new IllegalStateException(s.backend() + ": the benchmark itself caused kernel reports: "
                                    + k.reports().all());
                        }
                        calls.add(new CallCost(s.backend(), cfi == CfiMode.OFF ? "off" : "on", caller, target,
                                (double) sc.instructions() / iterations, (double) sc.cycles() / iterations,
                                (double) (sc.instructions() - bl.instructions()) / iterations,
                                (double) (sc.cycles() - bl.cycles()) / iterations));
                    }
                }
            }
            updates.add(updateCost(s));
        }
        return new Result(calls, updates);
    }

    private UpdateCost updateCost(Subject s) {
        SimKernel k = boot(s, CfiMode.OFF, cpus);
        PatchStats before = k.patcher().stats();
        long stallBefore = k.stopMachine().stallCycles();
        int n = 100;
        for (int i = 0; i < n; i++) {
            k.staticCalls().update(KEY.name(), i % 2 == 0 ? "bench_far" : "bench_near");
        }
        PatchStats after = k.patcher().stats();
        return new UpdateCost(s.backend(), (double) (after.nosync() - before.nosync()) / n,
                (double) (after.stopMachine() - before.stopMachine()) / n,
                (double) (after.literalWrites() - before.literalWrites()) / n,
                (double) (k.stopMachine().stallCycles() - stallBefore) / n);
    }

    private static SimKernel boot(Subject s, CfiMode cfi, int cpus) {
        MachineSpec spec = MachineSpec.defaults().withCpus(cpus).withBti(true).withCfi(cfi)
                .withPlacement(MachineSpec.Placement.FAR).withModules(List.of(BENCH, FAR, CALLER));
        SimKernel k = Machines.boot(spec, s.module());
        k.modules().load("sc_bench_far");
        k.modules().load("sc_bench_caller");
        return k;
    }

    private CpuCounters.Snapshot run(SimKernel k, String loop) {
        CpuCounters.Snapshot before = k.cpus().get(0).counters().snapshot();
        k.call(0, loop, iterations);
        return k.cpus().get(0).counters().snapshot().minus(before);
    }

    /** Markdown tables, as the README shows them. */
    public static String markdown(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("| backend | kCFI | caller | target | insns/call | cycles/call (model) | insns over BL"
                + " | cycles over BL (model) |\n");
        sb.append("|---|---|---|---|---:|---:|---:|---:|\n");
        for (CallCost c : r.calls()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %+.2f | %+.2f |%n", c.backend(),
                    c.cfi(), c.caller(), c.target(), c.insns(), c.cycles(), c.extraInsns(), c.extraCycles()));
        }
        sb.append('\n');
        sb.append("| backend | nosync patches/update | stop_machine patches/update | literal writes/update"
                + " | stop_machine stall cycles/update (model) |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        for (UpdateCost u : r.updates()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f |%n", u.backend(), u.nosync(),
                    u.stopMachine(), u.literalWrites(), u.stallCycles()));
        }
        return sb.toString();
    }

    private static void target(CodeEmitter e, String name) {
        e.section(".text");
        e.beginFunction(name, INT_INT, true).insn(A64.BTI_C).insn(A64.addImmW(0, 0, 1)).insn(A64.RET).endFunction();
        e.export(name);
    }

    /** {@code long name(long n)}: n times {@code w0 = 2; body}. */
    private static void loop(CodeEmitter e, String name, Runnable body) {
        String top = e.uniqueLabel("top");
        String done = e.uniqueLabel("done");
        e.beginFunction(name, LONG_LONG, true);
        e.insn(A64.BTI_C).insn(A64.stpPre(29, 30, 31, -32)).insn(A64.MOV_FP_SP).insn(A64.stpOff(19, 20, 31, 16));
        e.insn(A64.movX(19, 0));
        e.label(top);
        e.insn(A64.cbz(19, 0, true), CONDBR19, done, 0);
        e.insn(A64.movzW(0, 2, 0));
        body.run();
        e.insn(A64.subImmX(19, 19, 1));
        e.insn(A64.b(0), JUMP26, top, 0);
        e.label(done);
        e.insn(A64.movzX(0, 0, 0));
        e.insn(A64.ldpOff(19, 20, 31, 16)).insn(A64.ldpPost(29, 30, 31, 32)).insn(A64.RET);
        e.endFunction();
    }

    static final KernelModule BENCH = KernelModule.of("sc_bench", true, "static-call cost benchmark loops", ctx -> {
        CodeEmitter e = ctx.emitter();
        target(e, "bench_near");
        ctx.defineStaticCall(KEY);
        e.section(".text");
        loop(e, "bench_empty", () -> { });
        loop(e, "bench_bl", () -> e.insn(A64.bl(0), CALL26, "bench_near", 0));
        loop(e, "bench_sc", () -> ctx.staticCall(KEY.name(), CallKind.CALL));
    });

    static final KernelModule FAR = KernelModule.of("sc_bench_far", false, "static-call cost benchmark far target",
            ctx -> target(ctx.emitter(), "bench_far"));

    /** The same loops in a loadable module (placed far), calling vmlinux's exported key and {@code bench_near}. */
    static final KernelModule CALLER = KernelModule.of("sc_bench_caller", false, "static-call cost benchmark far caller", ctx -> {
        CodeEmitter e = ctx.emitter();
        ctx.declareStaticCall(KEY);
        e.section(".text");
        loop(e, "bench_mod_empty", () -> { });
        loop(e, "bench_mod_bl", () -> e.insn(A64.bl(0), CALL26, "bench_near", 0));
        loop(e, "bench_mod_sc", () -> ctx.staticCall(KEY.name(), CallKind.CALL));
    });
}
