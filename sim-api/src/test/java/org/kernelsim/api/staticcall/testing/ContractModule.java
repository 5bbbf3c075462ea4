package org.kernelsim.api.staticcall.testing;

import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;
import static org.kernelsim.cpu.obj.RelocationType.LDST64_ABS_LO12_NC;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;

/**
 * Built-in keys of every kind for the contract and for backend-specific tests, each with guest
 * callers. Callers of {@code long(void)}-shaped keys put {@link #MARK} in x0 before the call and
 * return x0 afterwards, so "returned 0" and "left x0 alone" can be told apart.
 *
 * <ul>
 *   <li>{@code sc_null}: {@code DEFINE_STATIC_CALL_NULL}, {@code void(void)}; {@code sc_null_cond()},
 *       {@code sc_null_call()} (returns x0).</li>
 *   <li>{@code sc_void}: {@code void(void)} = {@code sc_count}, which counts its calls in
 *       {@code sc_counter}; {@code sc_void_cond()}, {@code sc_void_call()}.</li>
 *   <li>{@code sc_ret0}: {@code DEFINE_STATIC_CALL_RET0}, {@code long(void)}; {@code sc_ret0_call()}.
 *       Targets {@code long_7} (returns 7).</li>
 *   <li>{@code sc_ret0_u}: RET0 typed {@code unsigned int(void)}, like perf's
 *       {@code __perf_guest_state}; {@code sc_ret0_u_call()}. Target {@code uint_9}.</li>
 *   <li>{@code sc_race_loop(n)}: n calls of {@code sc_selftest(2)}; BUG unless 3 or 4; returns how
 *       many gave 4 (reached {@code func_b}).</li>
 * </ul>
 */
public final class ContractModule implements KernelModule {

    public static final int MARK = 0x55;
    public static final FunctionType VOID_VOID = FunctionType.parse("void(void)");
    public static final FunctionType LONG_VOID = FunctionType.parse("long(void)");
    public static final FunctionType UINT_VOID = FunctionType.parse("unsigned int(void)");
    public static final StaticCallKeyDef NULL_KEY = StaticCallKeyDef.ofNull("sc_null", VOID_VOID);
    public static final StaticCallKeyDef VOID_KEY = StaticCallKeyDef.of("sc_void", VOID_VOID, "sc_count");
    public static final StaticCallKeyDef RET0_KEY = StaticCallKeyDef.ofRet0("sc_ret0", LONG_VOID);
    public static final StaticCallKeyDef RET0_UINT_KEY = StaticCallKeyDef.ofRet0("sc_ret0_u", UINT_VOID);

    @Override
    public String name() {
        return "sc_contract";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".data").align(8).beginObject("sc_counter", true).quad(0).endObject();
        e.section(".text");
        // void sc_count(void) { sc_counter++; }
        e.beginFunction("sc_count", VOID_VOID, true);
        e.insn(A64.BTI_C);
        e.insn(A64.adrp(9, 0), ADR_PREL_PG_HI21, "sc_counter");
        e.insn(A64.ldrX(10, 9, 0), LDST64_ABS_LO12_NC, "sc_counter");
        e.insn(A64.addImmX(10, 10, 1));
        e.insn(A64.strX(10, 9, 0), LDST64_ABS_LO12_NC, "sc_counter");
        e.insn(A64.RET);
        e.endFunction();
        e.beginFunction("long_7", LONG_VOID, true).insn(A64.BTI_C).insn(A64.movzX(0, 7, 0)).insn(A64.RET).endFunction();
        e.beginFunction("uint_9", UINT_VOID, true).insn(A64.BTI_C).insn(A64.movzW(0, 9, 0)).insn(A64.RET).endFunction();

        for (StaticCallKeyDef k : new StaticCallKeyDef[] {NULL_KEY, VOID_KEY, RET0_KEY, RET0_UINT_KEY}) {
            ctx.defineStaticCall(k);
        }
        e.section(".text");
        caller(ctx, e, "sc_null_cond", NULL_KEY, CallKind.COND);
        caller(ctx, e, "sc_null_call", NULL_KEY, CallKind.CALL);
        caller(ctx, e, "sc_void_cond", VOID_KEY, CallKind.COND);
        caller(ctx, e, "sc_void_call", VOID_KEY, CallKind.CALL);
        caller(ctx, e, "sc_ret0_call", RET0_KEY, CallKind.CALL);
        caller(ctx, e, "sc_ret0_u_call", RET0_UINT_KEY, CallKind.CALL);
        emitRaceLoop(ctx, e);
    }

    /** {@code long name(void)}: x0 = MARK; the static call; return x0. */
    private static void caller(ModuleBuildContext ctx, CodeEmitter e, String name, StaticCallKeyDef key, CallKind kind) {
        e.beginFunction(name, LONG_VOID, true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        e.insn(A64.movzX(0, MARK, 0));
        ctx.staticCall(key.name(), kind);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();
    }

    /** {@code long sc_race_loop(long n)}: counts results of 4 in x20; BUG() on anything but 3 or 4. */
    private static void emitRaceLoop(ModuleBuildContext ctx, CodeEmitter e) {
        String top = e.uniqueLabel("race");
        String done = e.uniqueLabel("race_done");
        String ok = e.uniqueLabel("race_ok");
        e.beginFunction("sc_race_loop", FunctionType.parse("long(long)"), true);
        e.insn(A64.BTI_C).insn(A64.stpPre(29, 30, 31, -32)).insn(A64.MOV_FP_SP).insn(A64.stpOff(19, 20, 31, 16));
        e.insn(A64.movX(19, 0)).insn(A64.movzX(20, 0, 0));
        e.label(top);
        e.insn(A64.cbz(19, 0, true), CONDBR19, done, 0);
        e.insn(A64.movzW(0, 2, 0));
        ctx.staticCall(SelftestModule.KEY.name(), CallKind.CALL);
        e.insn(A64.subImmW(0, 0, 3)).insn(A64.cmpImmW(0, 1));
        e.insn(A64.bcond(A64.LS, 0), CONDBR19, ok, 0);
        e.insn(A64.brk(0x800));
        e.label(ok);
        e.insn(A64.addRegX(20, 20, 0)); // +1 when func_b answered 4, +0 for func_a's 3
        e.insn(A64.subImmX(19, 19, 1));
        e.insn(A64.b(0), JUMP26, top, 0);
        e.label(done);
        e.insn(A64.movX(0, 20));
        e.insn(A64.ldpOff(19, 20, 31, 16)).insn(A64.ldpPost(29, 30, 31, 32)).insn(A64.RET);
        e.endFunction();
    }
}
