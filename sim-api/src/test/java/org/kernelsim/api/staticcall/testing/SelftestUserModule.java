package org.kernelsim.api.staticcall.testing;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;

/** A loadable module calling vmlinux's exported {@code sc_selftest} key: {@code sc_user_call(x)} and {@code sc_user_loop(n)}. */
public final class SelftestUserModule implements KernelModule {

    @Override
    public String name() {
        return "sc_user";
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        ctx.declareStaticCall(SelftestModule.KEY);
        e.section(".text");
        e.beginFunction("sc_user_call", SelftestModule.INT_INT, true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        ctx.staticCall(SelftestModule.KEY.name(), CallKind.CALL);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();
        SelftestModule.emitLoop(ctx, e, "sc_user_loop", SelftestModule.KEY.name());
    }
}
