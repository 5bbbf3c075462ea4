package org.kernelsim.modules.microbench;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.GuestContext;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.modules.code.Guest;

/**
 * The static-call microbenchmark's code, generated for one set of parameters: {@code keys} keys
 * {@code mb_key_<i>}, each with two targets ({@code mb_target_<i>_0/1} in vmlinux, and
 * {@code mb_far_target_<i>_0/1} in the loadable module {@code microbench_far}), the measured loop
 * {@code mb_loop(iterations, updateEvery)} with one {@code static_call(mb_key_<i>)(x)} site per key
 * in its body, and the baseline {@code mb_loop_base} that is the same loop without the calls and
 * the updates. An update ({@code mb_update}, Java) flips the next key, round-robin, between its two
 * targets of the current placement.
 */
public final class MicrobenchModules {

    public static final String CORE = "microbench";
    public static final String FAR = "microbench_far";
    public static final String LOOP = "mb_loop";
    public static final String BASELINE = "mb_loop_base";
    /** {@code u64 mb_far}: 1 once the keys target the far module (mb_update then flips between far targets). */
    private static final String FAR_FLAG = "mb_far";
    private static final String NEXT_KEY = "mb_update_next";
    private static final int GT = 12;

    private MicrobenchModules() {
    }

    public static String key(int i) {
        return "mb_key_" + i;
    }

    public static String target(boolean far, int i, int which) {
        return (far ? "mb_far_target_" : "mb_target_") + i + "_" + which;
    }

    static String prototype(boolean cond) {
        return cond ? "void(long)" : "long(long)";
    }

    /** The built-in half: keys, near targets, the loops, {@code mb_update}. */
    public static KernelModule core(int keys, boolean cond) {
        return new Generated(CORE, true, ctx -> buildCore(ctx, keys, cond));
    }

    /** The loadable half: far targets (placed beyond BL range when the kernel places modules far). */
    public static KernelModule far(int keys, boolean cond) {
        return new Generated(FAR, false, ctx -> {
            Guest g = new Guest(ctx.emitter());
            for (int i = 0; i < keys; i++) {
                emitTargets(g, true, i, cond);
            }
        });
    }

    private static void emitTargets(Guest g, boolean far, int i, boolean cond) {
        for (int which = 0; which < 2; which++) {
            // long f(long x) { return x + 1 + which; }; the void form computes the same into x9.
            g.function(target(far, i, which), prototype(cond), true)
                    .insn(A64.addImmX(cond ? 9 : 0, 0, 1 + which)).insn(A64.RET).end();
        }
    }

    private static void buildCore(ModuleBuildContext ctx, int keys, boolean cond) {
        var e = ctx.emitter();
        e.section(".data").align(8);
        e.beginObject(FAR_FLAG, true).quad(0).endObject();
        e.beginObject(NEXT_KEY, false).quad(0).endObject();
        Guest g = new Guest(e);
        for (int i = 0; i < keys; i++) {
            emitTargets(g, false, i, cond);
            ctx.defineStaticCall(StaticCallKeyDef.of(key(i), FunctionType.parse(prototype(cond)), target(false, i, 0))
                    .exportedKey());
        }
        ctx.javaFunction("mb_update", FunctionType.parse("void(void)"), c -> update(c, keys), false);
        emitLoop(ctx, g, LOOP, keys, cond, true);
        emitLoop(ctx, g, BASELINE, keys, cond, false);
    }

    /**
     * {@code long loop(long iterations, long updateEvery)}: x19 iterations left, x20 the sum of
     * results, x21 calls until the next update, x22 updateEvery. The baseline keeps every
     * instruction but the static-call sites and the {@code bl mb_update}.
     */
    private static void emitLoop(ModuleBuildContext ctx, Guest g, String name, int keys, boolean cond, boolean calls) {
        String loop = g.newLabel("mbloop");
        String next = g.newLabel("mbnext");
        String done = g.newLabel("mbdone");
        g.function(name, "long(long, long)", true).prologue(48)
                .insn(A64.stpOff(19, 20, A64.SP, 16)).insn(A64.stpOff(21, 22, A64.SP, 32))
                .insn(A64.movX(19, 0)).insn(A64.movX(22, 1)).insn(A64.movX(21, 1)).movImm(20, 0)
                .cbz(19, true, done)
                .label(loop);
        for (int i = 0; i < keys; i++) {
            g.insn(A64.movX(0, 19));
            if (calls) {
                ctx.staticCall(key(i), cond ? CallKind.COND : CallKind.CALL);
            }
            g.insn(A64.addRegX(20, 20, 0));
        }
        g.cbz(22, true, next).insn(Guest.subsImmX(21, 21, keys)).bcond(GT, next).insn(A64.addRegX(21, 21, 22));
        if (calls) {
            g.bl("mb_update");
        }
        g.label(next).insn(Guest.subsImmX(19, 19, 1)).bcond(1 /* NE */, loop)
                .label(done).insn(A64.movX(0, 20))
                .insn(A64.ldpOff(21, 22, A64.SP, 32)).insn(A64.ldpOff(19, 20, A64.SP, 16)).epilogue(48).end();
    }

    /** Flips the next key (round-robin) to its other target of the current placement. */
    private static long update(GuestContext c, int keys) {
        Kernel k = c.kernel();
        long nextVar = k.kallsyms().addressOf(NEXT_KEY);
        int i = (int) (k.memory().read64(nextVar) % keys);
        k.memory().write64(nextVar, i + 1);
        boolean far = k.memory().read64(k.kallsyms().addressOf(FAR_FLAG)) != 0;
        long now = k.staticCalls().query(key(i));
        int which = now == k.kallsyms().addressOf(target(far, i, 0)) ? 1 : 0;
        k.staticCalls().update(key(i), target(far, i, which));
        return 0;
    }

    /** Points every key at its far target 0 and makes mb_update flip between far targets. */
    public static void retargetFar(Kernel k, int keys) {
        for (int i = 0; i < keys; i++) {
            k.staticCalls().update(key(i), target(true, i, 0));
        }
        k.memory().write64(k.kallsyms().addressOf(FAR_FLAG), 1);
    }

    /** A module whose code is generated from workload parameters. */
    private record Generated(String name, boolean builtIn, java.util.function.Consumer<ModuleBuildContext> body)
            implements KernelModule {
        Generated {
            requireNonNull(name, "name");
            requireNonNull(body, "body");
        }

        @Override
        public String description() {
            return "generated by the microbench workload";
        }

        @Override
        public void build(ModuleBuildContext ctx) {
            body.accept(ctx);
        }
    }
}
