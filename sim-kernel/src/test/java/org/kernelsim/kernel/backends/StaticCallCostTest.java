package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;

/**
 * What one static call costs under each built-in backend: guest loops of N iterations run on
 * one CPU, and counter deltas are divided by N. Instructions are exact; cycles come from the
 * default cost model (a model, labelled so). "call" is the whole static call from the call site
 * to the return, a 3-instruction target included, i.e. (loop with the call − empty loop) / N;
 * "over BL" is what it costs beyond a direct {@code bl} to the same target. The near target is in
 * vmlinux; the far one is in a module forced beyond ±128 MiB.
 *
 * <p>Regenerate the README table with:
 * {@code ./mvnw -B -ntp -o -q verify -pl sim-kernel -am -Dtest=StaticCallCostTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkernelsim.costs=static-call-costs.md}
 */
class StaticCallCostTest {

    static final int N = 10_000;
    static final FunctionType INT_INT = FunctionType.parse("int(int)");
    static final FunctionType LONG_LONG = FunctionType.parse("long(long)");
    static final StaticCallKeyDef KEY = StaticCallKeyDef.of("sc_bench", INT_INT, "bench_near").exportedKey();

    record Row(String backend, String cfi, String target, double insns, double cycles, double extraInsns,
               double extraCycles) {
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

    static final KernelModule BENCH = TestModules.module("sc_bench", true, (Consumer<ModuleBuildContext>) ctx -> {
        CodeEmitter e = ctx.emitter();
        target(e, "bench_near");
        ctx.defineStaticCall(KEY);
        e.section(".text");
        loop(e, "bench_empty", () -> { });
        loop(e, "bench_bl", () -> e.insn(A64.bl(0), CALL26, "bench_near", 0));
        loop(e, "bench_sc", () -> ctx.staticCall(KEY.name(), CallKind.CALL));
    });

    static final KernelModule FAR = TestModules.module("sc_bench_far", false, ctx -> target(ctx.emitter(), "bench_far"));

    private static CpuCounters.Snapshot run(SimKernel k, String loop) {
        CpuCounters.Snapshot before = k.cpus().get(0).counters().snapshot();
        k.call(0, loop, N);
        return k.cpus().get(0).counters().snapshot().minus(before);
    }

    static List<Row> measure() {
        List<Row> rows = new ArrayList<>();
        for (String backend : List.of("generic", "cfi-ret0", "ool-literal", "ool-branch")) {
            for (CfiMode cfi : List.of(CfiMode.OFF, CfiMode.ENFORCING)) {
                MachineSpec spec = MachineSpec.defaults().withBti(true).withCfi(cfi)
                        .withPlacement(MachineSpec.Placement.FAR).withModules(List.of(BENCH, FAR));
                SimKernel k = BuiltIns.boot(spec, backend);
                k.modules().load("sc_bench_far");
                CpuCounters.Snapshot empty = run(k, "bench_empty");
                CpuCounters.Snapshot bl = run(k, "bench_bl").minus(empty);
                for (String target : List.of("near", "far")) {
                    k.staticCalls().update(KEY.name(), "bench_" + target);
                    CpuCounters.Snapshot sc = run(k, "bench_sc").minus(empty);
                    assertEquals(List.of(), k.reports().all());
                    rows.add(new Row(backend, cfi == CfiMode.OFF ? "off" : "on", target, (double) sc.instructions() / N,
                            (double) sc.cycles() / N, (double) (sc.instructions() - bl.instructions()) / N,
                            (double) (sc.cycles() - bl.cycles()) / N));
                }
            }
        }
        return rows;
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| backend | kCFI | target | insns/call | cycles/call (model) | insns over BL | cycles over BL (model) |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %+.2f | %+.2f |%n", r.backend(), r.cfi(),
                    r.target(), r.insns(), r.cycles(), r.extraInsns(), r.extraCycles()));
        }
        return sb.toString();
    }

    @Test
    void costPerCall() throws IOException {
        List<Row> rows = measure();
        // Exact instruction counts, from the machine code (target body: bti c; add; ret).
        assertEquals(6.0, find(rows, "generic", "off", "near").insns(), "adrp; ldr; blr + 3");
        assertEquals(11.0, find(rows, "generic", "on", "near").insns(), "+ ldur, movk, movk, cmp, b.eq (the brk is jumped over)");
        assertEquals(8.0, find(rows, "ool-literal", "on", "far").insns(), "bl; bti c; adrp; ldr; br + 3");
        assertEquals(6.0, find(rows, "ool-branch", "off", "near").insns(), "bl; bti c; b + 3");
        assertEquals(8.0, find(rows, "ool-branch", "off", "far").insns(), "bl; bti c; nop; ldr; br + 3");
        String table = markdown(rows);
        String out = System.getProperty("kernelsim.costs");
        if (out != null && !out.isBlank()) {
            Path p = Path.of(System.getProperty("kernelsim.root", ".."), out);
            Files.writeString(p, table);
        }
        System.out.print(table);
    }

    private static Row find(List<Row> rows, String backend, String cfi, String target) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.cfi().equals(cfi) && r.target().equals(target))
                .findFirst().orElseThrow();
    }
}
