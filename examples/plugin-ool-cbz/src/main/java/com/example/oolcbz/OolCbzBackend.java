package com.example.oolcbz;

import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;
import static org.kernelsim.cpu.obj.RelocationType.LDST64_ABS_LO12_NC;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.TransformContext;

/**
 * Ard Biesheuvel's November 2020 proposal (v3, never merged): the mainline trampoline plus a
 * {@code cbz}, so a NULL literal returns with x0 unchanged instead of calling
 * {@code __static_call_return0}.
 *
 * <pre>
 *   .static_call.text, .align 4
 *   __SCT__name:  bti c
 *                 adrp x16, 1f
 *                 ldr  x16, [x16, #:lo12:1f]
 *                 cbz  x16, 0f
 *                 br   x16
 *             0:  ret
 *   .rodata, .align 3
 *   1: .quad target          // 0 for NULL
 * </pre>
 */
public final class OolCbzBackend implements StaticCallBackend {

    @Override
    public String name() {
        return "ool-cbz";
    }

    /** HAVE_STATIC_CALL: the core stores key->func, then asks us to transform the trampoline. */
    @Override
    public Semantics semantics() {
        return Semantics.OUT_OF_LINE;
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
        CodeEmitter e = ctx.emitter();
        String back = e.currentSection();
        String literal = ".L" + key.trampolineSymbol() + "_literal";
        e.section(Sections.STATIC_CALL_TEXT).align(16);
        e.beginFunction(key.trampolineSymbol(), null, true); // asm: no kCFI type word
        e.insn(A64.BTI_C);
        e.insn(A64.adrp(16, 0), ADR_PREL_PG_HI21, literal);
        e.insn(A64.ldrX(16, 16, 0), LDST64_ABS_LO12_NC, literal);
        e.insn(A64.cbz(16, 8, true));
        e.insn(A64.br(16));
        e.insn(A64.RET);
        e.endFunction();
        e.section(Sections.RODATA).align(8).label(literal);
        if (key.initial() instanceof StaticCallKeyDef.Initial.Func f) {
            e.quad(f.symbol(), 0);
        } else if (key.initial() instanceof StaticCallKeyDef.Initial.Ret0) {
            e.quad(StaticCallNames.RETURN0, 0);
        } else {
            e.quad(0);
        }
        e.section(back);
    }

    @Override
    public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
        // A direct branch to the trampoline; the module loader adds a PLT when it is out of range.
        int insn = kind == CallKind.TAIL ? A64.b(0) : A64.bl(0);
        ctx.emitter().insn(insn, kind == CallKind.TAIL ? JUMP26 : CALL26, key.trampolineSymbol(), 0);
    }

    @Override
    public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
        if (tramp == 0) {
            return;
        }
        int adrp = ctx.memory().read32(tramp + 4);
        int ldr = ctx.memory().read32(tramp + 8);
        long literal = ((tramp + 4) & ~0xfffL) + A64.adrpOffset(adrp) + A64.ldrXImmOffset(ldr);
        int ret = ctx.patcher().writeLiteral64(literal, func); // NULL stays 0: the cbz returns
        if (ret != 0) {
            throw new IllegalStateException("ool-cbz: literal write at 0x" + Long.toHexString(literal) + " failed: " + ret);
        }
    }
}
