package org.kernelsim.modules.selftest;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.modules.code.Guest;

/**
 * CONFIG_STATIC_CALL_SELFTEST (static-call.md §5): {@code func_a(x)=x+1}, {@code func_b(x)=x+2},
 * {@code DEFINE_STATIC_CALL(sc_selftest, func_a)}, and {@code sc_selftest_call(x)} making the call.
 */
public final class SelftestModule implements KernelModule {

    public static final String NAME = "static_call_selftest";
    public static final StaticCallKeyDef KEY = StaticCallKeyDef.of("sc_selftest", FunctionType.parse("int(int)"), "func_a");
    public static final String CALLER = "sc_selftest_call";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the kernel's static_call selftest: func_a/func_b behind sc_selftest";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        Guest g = new Guest(ctx.emitter());
        g.function("func_a", "int(int)", true).insn(A64.addImmW(0, 0, 1)).insn(A64.RET).end();
        g.function("func_b", "int(int)", true).insn(A64.addImmW(0, 0, 2)).insn(A64.RET).end();
        ctx.defineStaticCall(KEY);
        g.function(CALLER, "int(int)", true).prologue(16);
        ctx.staticCall(KEY.name(), CallKind.CALL);
        g.epilogue(16).end();
    }
}
