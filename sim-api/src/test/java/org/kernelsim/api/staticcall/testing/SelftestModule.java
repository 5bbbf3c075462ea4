package org.kernelsim.api.staticcall.testing;

import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;

/**
 * The kernel's static_call selftest (static-call.md §5) as a built-in module:
 * {@code func_a(x)=x+1}, {@code func_b(x)=x+2}, {@code DEFINE_STATIC_CALL(sc_selftest, func_a)}
 * (exported), and guest callers: {@code sc_selftest_call(x)}, {@code sc_selftest_tail(x)} and
 * {@code sc_selftest_loop(n)} (n calls with x=2, BUG() unless each returns 3 or 4).
 */
public final class SelftestModule implements KernelModule {

    public static final FunctionType INT_INT = FunctionType.parse("int(int)");
    public static final StaticCallKeyDef KEY = StaticCallKeyDef.of("sc_selftest", INT_INT, "func_a").exportedKey();

    @Override
    public String name() {
        return "sc_selftest";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".text");
        addFunction(e, "func_a", 1);
        addFunction(e, "func_b", 2);
        e.export("func_a").export("func_b");
        ctx.defineStaticCall(KEY);

        e.section(".text");
        e.beginFunction("sc_selftest_call", INT_INT, true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        ctx.staticCall(KEY.name(), CallKind.CALL);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();

        e.beginFunction("sc_selftest_tail", INT_INT, true);
        e.insn(A64.BTI_C);
        ctx.staticCall(KEY.name(), CallKind.TAIL);
        e.endFunction();

        emitLoop(ctx, e, "sc_selftest_loop", KEY.name());
    }

    static void addFunction(CodeEmitter e, String name, int add) {
        e.beginFunction(name, INT_INT, true);
        e.insn(A64.BTI_C).insn(A64.addImmW(0, 0, add)).insn(A64.RET);
        e.endFunction();
    }

    /** {@code long loop(long n)}: n times {@code r = static_call(key)(2); BUG_ON(r - 3 > 1)}; returns 0. */
    static void emitLoop(ModuleBuildContext ctx, CodeEmitter e, String name, String key) {
        String top = e.uniqueLabel("loop");
        String done = e.uniqueLabel("done");
        String ok = e.uniqueLabel("ok");
        e.beginFunction(name, FunctionType.parse("long(long)"), true);
        e.insn(A64.BTI_C).insn(A64.stpPre(29, 30, 31, -32)).insn(A64.MOV_FP_SP).insn(A64.stpOff(19, 20, 31, 16));
        e.insn(A64.movX(19, 0));
        e.label(top);
        e.insn(A64.cbz(19, 0, true), CONDBR19, done, 0);
        e.insn(A64.movzW(0, 2, 0));
        ctx.staticCall(key, CallKind.CALL);
        e.insn(A64.subImmW(0, 0, 3)).insn(A64.cmpImmW(0, 1));
        e.insn(A64.bcond(A64.LS, 0), CONDBR19, ok, 0);
        e.insn(A64.brk(0x800));
        e.label(ok);
        e.insn(A64.subImmX(19, 19, 1));
        e.insn(A64.b(0), JUMP26, top, 0);
        e.label(done);
        e.insn(A64.movzX(0, 0, 0));
        e.insn(A64.ldpOff(19, 20, 31, 16)).insn(A64.ldpPost(29, 30, 31, 32)).insn(A64.RET);
        e.endFunction();
    }
}
