package org.kernelsim.kernel.backends;

import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.LDST64_ABS_LO12_NC;

import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.api.types.FunctionType;

/**
 * A NULL key whose prototype is not {@code void(void)}, for static-call.md §11 scenario 4 under
 * generic+kCFI: {@code DEFINE_STATIC_CALL_NULL(sc_null_int, void(int))} (the shape of x86's
 * {@code static_call_cond(x86_pmu_enable_all)(added)}) and
 *
 * <ul>
 *   <li>{@code long sc_null_int_cond(void)}: x0 = {@link ContractModule#MARK}, then
 *       {@code static_call_cond(sc_null_int)(MARK)}, return x0;</li>
 *   <li>{@code void int_sink(int)}: stores its argument in {@code sc_int_seen}, a correctly typed target.</li>
 * </ul>
 */
final class CondProtoModule implements KernelModule {

    static final FunctionType VOID_INT = FunctionType.parse("void(int)");
    /** {@code _ZTSFviE}: low 32 bits of xxHash64, checked independently of {@link FunctionType#kcfiId()}. */
    static final int VOID_INT_ID = 0x019c0cac;
    static final StaticCallKeyDef KEY = StaticCallKeyDef.ofNull("sc_null_int", VOID_INT);

    static MachineSpec spec() {
        MachineSpec s = Specs.spec();
        List<KernelModule> m = new ArrayList<>(s.modules());
        m.add(new CondProtoModule());
        return s.withModules(m);
    }

    @Override
    public String name() {
        return "sc_cond_proto";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".data").align(8).beginObject("sc_int_seen", true).quad(0).endObject();
        e.section(".text");
        e.beginFunction("int_sink", VOID_INT, true);
        e.insn(A64.BTI_C);
        e.insn(A64.adrp(9, 0), ADR_PREL_PG_HI21, "sc_int_seen");
        e.insn(A64.strX(0, 9, 0), LDST64_ABS_LO12_NC, "sc_int_seen");
        e.insn(A64.RET);
        e.endFunction();
        ctx.defineStaticCall(KEY);
        e.section(".text");
        e.beginFunction("sc_null_int_cond", ContractModule.LONG_VOID, true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        e.insn(A64.movzX(0, ContractModule.MARK, 0));
        ctx.staticCall(KEY.name(), CallKind.COND);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();
    }
}
