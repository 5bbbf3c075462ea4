package org.kernelsim.plugins.generic;

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
 * {@code !HAVE_STATIC_CALL} (static-call.md §2, §8): there is no trampoline and nothing is ever
 * patched. A call site is what clang makes of {@code static_call(name)(args)} in the generic
 * header: load {@code __SCK__name.func} and call through it, with the kCFI check sequence
 * (aarch64.md §3.1) in front of the indirect branch when kCFI is on.
 *
 * <pre>
 *   adrp x8, __SCK__name              ; tail: x16
 *   ldr  x8, [x8, #:lo12:__SCK__name]
 *   [cond only: cbnz x8, 1f; adrp x8, __static_call_nop; add x8, x8, #:lo12:__static_call_nop; 1:]
 *   [kCFI: ldur w16, [x8, #-4]; movk w17, #lo; movk w17, #hi, lsl #16; cmp w16, w17; b.eq 2f; brk #0x8228; 2:]
 *   blr  x8                           ; tail: br x16 (w9 for the loaded id, brk #0x8230)
 * </pre>
 *
 * A NULL key's {@code static_call()} branches to 0 (an instruction abort, or with kCFI the LDUR
 * at 0xfffffffffffffffc faults first); {@code static_call_cond()} calls {@code __static_call_nop}
 * instead, which the kernel core defines once in vmlinux (as it does {@code __static_call_return0}).
 */
public class GenericBackend implements StaticCallBackend {

    /** The register clang loads the target into for a normal call (x8, as in the reported ESR 0xf2008228). */
    public static final int CALL_REG = 8;
    /** Tail calls go through x16 so that BTI lets them land on {@code bti c}. */
    public static final int TAIL_REG = 16;

    private final String name;

    public GenericBackend() {
        this("generic");
    }

    protected GenericBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Semantics semantics() {
        return Semantics.GENERIC;
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
        // The core has emitted __SCK__<name>; the generic configuration has no trampoline.
    }

    @Override
    public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
        CodeEmitter e = ctx.emitter();
        boolean tail = kind == CallKind.TAIL;
        int t = tail ? TAIL_REG : CALL_REG;
        e.insn(A64.adrp(t, 0), ADR_PREL_PG_HI21, key.keySymbol());
        e.insn(A64.ldrX(t, t, 0), LDST64_ABS_LO12_NC, key.keySymbol());
        if (kind == CallKind.COND) {
            // __static_call_cond(): READ_ONCE(key.func) ?: &__static_call_nop; the call still happens.
            String have = e.uniqueLabel("sc_have");
            e.insn(A64.cbnz(t, 0, true), CONDBR19, have, 0);
            e.insn(A64.adrp(t, 0), ADR_PREL_PG_HI21, StaticCallNames.NOP);
            e.insn(A64.addImmX(t, t, 0), ADD_ABS_LO12_NC, StaticCallNames.NOP);
            e.label(have);
        }
        if (ctx.features().cfi().enabled()) {
            emitKcfiCheck(e, t, key.type().kcfiId());
        }
        e.insn(tail ? A64.br(t) : A64.blr(t));
    }

    /**
     * LLVM's {@code LowerKCFI_CHECK} for target register {@code t}: w16/w17 scratch, the one equal
     * to {@code t} replaced by w9. Falls through onto the BLR/BR.
     */
    public static void emitKcfiCheck(CodeEmitter e, int t, int typeId) {
        int a = t == 16 ? 9 : 16;
        int b = t == 17 ? 9 : 17;
        e.insn(A64.ldurW(a, t, -4));
        e.insn(A64.movkW(b, typeId & 0xffff, 0));
        e.insn(A64.movkW(b, typeId >>> 16, 16));
        e.insn(A64.cmpW(a, b));
        e.insn(A64.bcond(A64.EQ, 8));
        e.insn(A64.brk(A64.kcfiBrkImm(b, t)));
    }

    @Override
    public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
        throw new IllegalStateException(name + ": generic static calls have no text to transform");
    }
}
