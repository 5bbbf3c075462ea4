package org.kernelsim.kernel.testbackend;

import static org.kernelsim.cpu.obj.RelocationType.ADD_ABS_LO12_NC;
import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.LDST64_ABS_LO12_NC;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.TransformContext;

/**
 * A generic-style backend for the kernel's own tests (the real ones live in sim-plugins): a call
 * site loads {@code key->func} and BLRs to it, kCFI-checked like clang when kCFI is on.
 */
public class TestBackend implements StaticCallBackend {

    @Override
    public String name() {
        return "test-generic";
    }

    @Override
    public Semantics semantics() {
        return Semantics.GENERIC;
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
    }

    @Override
    public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
        CodeEmitter e = ctx.emitter();
        boolean tail = kind == CallKind.TAIL;
        int t = tail ? 16 : 8;
        e.insn(A64.adrp(t, 0), ADR_PREL_PG_HI21, key.keySymbol());
        e.insn(A64.ldrX(t, t, 0), LDST64_ABS_LO12_NC, key.keySymbol());
        if (kind == CallKind.COND) {
            String have = e.uniqueLabel("have");
            e.insn(A64.cbnz(t, 0, true), CONDBR19, have, 0);
            e.insn(A64.adrp(t, 0), ADR_PREL_PG_HI21, StaticCallNames.NOP);
            e.insn(A64.addImmX(t, t, 0), ADD_ABS_LO12_NC, StaticCallNames.NOP);
            e.label(have);
        }
        if (ctx.features().cfi().enabled()) {
            int id = key.type().kcfiId();
            int a = tail ? 9 : 16;
            e.insn(A64.ldurW(a, t, -4));
            e.insn(A64.movkW(17, id & 0xffff, 0));
            e.insn(A64.movkW(17, id >>> 16, 16));
            e.insn(A64.cmpW(a, 17));
            e.insn(A64.bcond(A64.EQ, 8));
            e.insn(A64.brk(A64.kcfiBrkImm(17, t)));
        }
        e.insn(tail ? A64.br(t) : A64.blr(t));
    }

    @Override
    public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
        throw new IllegalStateException("generic static calls have nothing to transform");
    }
}
