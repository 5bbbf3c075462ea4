package org.kernelsim.api.staticcall.testing;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;

/**
 * A loadable module that defines its own exported key {@code sc_mod} ({@code int(int)}, initially
 * vmlinux's {@code func_a}), a local target {@code mod_c(x) = x + 3}, and callers
 * {@code sc_mod_call(x)} and {@code sc_mod_tail(x)}: the key's trampoline and literal (if any)
 * live in module memory, and its targets may lie on either side of the BL range.
 */
public final class ModuleKeyModule implements KernelModule {

    public static final StaticCallKeyDef KEY = StaticCallKeyDef.of("sc_mod", SelftestModule.INT_INT, "func_a").exportedKey();

    @Override
    public String name() {
        return "sc_modkey";
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".text");
        SelftestModule.addFunction(e, "mod_c", 3);
        ctx.defineStaticCall(KEY);
        e.section(".text");
        e.beginFunction("sc_mod_call", SelftestModule.INT_INT, true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        ctx.staticCall(KEY.name(), CallKind.CALL);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();
        e.beginFunction("sc_mod_tail", SelftestModule.INT_INT, true);
        e.insn(A64.BTI_C);
        ctx.staticCall(KEY.name(), CallKind.TAIL);
        e.endFunction();
    }
}
