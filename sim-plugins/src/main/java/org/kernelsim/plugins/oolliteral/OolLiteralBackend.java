package org.kernelsim.plugins.oolliteral;

import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;
import static org.kernelsim.cpu.obj.RelocationType.LDST64_ABS_LO12_NC;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.TransformContext;

/**
 * The arm64 mainline trampoline since April 2026 (Ard Biesheuvel, 54ac9ff8f119; static-call.md §8):
 *
 * <pre>
 *   .pushsection .static_call.text, "ax"
 *   .align 4
 *   __SCT__name:  d503245f   bti c
 *                 90000010   adrp x16, 1f
 *                 f9400210   ldr  x16, [x16, #:lo12:1f]
 *                 d61f0200   br   x16
 *   .pushsection .rodata
 *   .align 3
 *   1: .quad target            // NULL and RET0: __static_call_return0
 * </pre>
 *
 * Call sites are {@code bl __SCT__name} (tail: {@code b}), no kCFI check; a module beyond ±128 MiB
 * reaches the trampoline through the loader's PLT ({@code br x16}, landing on {@code bti c}).
 * {@code arch_static_call_transform} ignores site and tail, maps NULL to
 * {@code __static_call_return0}, decodes the literal's address from the ADRP/LDR pair and writes
 * it with one {@code aarch64_insn_write_literal_u64}: no instruction ever changes, no cache
 * maintenance, no stop_machine.
 */
public final class OolLiteralBackend implements StaticCallBackend {

    private boolean warned;

    @Override
    public String name() {
        return "ool-literal";
    }

    @Override
    public Semantics semantics() {
        return Semantics.OUT_OF_LINE;
    }

    /** The literal's local label in the key's object. */
    static String literalLabel(String key) {
        return ".L__SCT__" + key + "_literal";
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
        CodeEmitter e = ctx.emitter();
        String section = e.currentSection();
        String lit = literalLabel(key.name());
        // ARCH_DEFINE_STATIC_CALL_TRAMP: asm, so no kCFI type word (nobody calls it indirectly).
        e.section(Sections.STATIC_CALL_TEXT).align(16);
        e.beginFunction(key.trampolineSymbol(), null, true);
        e.insn(A64.BTI_C);
        e.insn(A64.adrp(16, 0), ADR_PREL_PG_HI21, lit);
        e.insn(A64.ldrX(16, 16, 0), LDST64_ABS_LO12_NC, lit);
        e.insn(A64.br(16));
        e.endFunction();
        e.section(Sections.RODATA).align(8);
        e.label(lit);
        String target = key.initial() instanceof StaticCallKeyDef.Initial.Func f ? f.symbol() : StaticCallNames.RETURN0;
        e.quad(target, 0);
        e.section(section);
    }

    @Override
    public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
        CodeEmitter e = ctx.emitter();
        if (kind == CallKind.TAIL) {
            e.insn(A64.b(0), JUMP26, key.trampolineSymbol(), 0);
        } else {
            // static_call_cond() is (void)static_call(): the trampoline handles NULL.
            e.insn(A64.bl(0), CALL26, key.trampolineSymbol(), 0);
        }
    }

    /**
     * {@code ALIGN_DOWN(tramp + 4, SZ_4K) + aarch64_insn_adrp_get_offset(insn@+4) + 8 * imm12(insn@+8)}.
     */
    public static long literalAddress(long tramp, int adrp, int ldr) {
        return ((tramp + 4) & ~0xfffL) + A64.adrpOffset(adrp) + A64.ldrXImmOffset(ldr);
    }

    @Override
    public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
        if (tramp == 0) {
            return; // out-of-line: there is nothing at a site to change
        }
        if (func == 0) {
            func = ctx.return0();
        }
        long literal = literalAddress(tramp, ctx.memory().read32(tramp + 4), ctx.memory().read32(tramp + 8));
        int ret = ctx.patcher().writeLiteral64(literal, func);
        if (ret != 0 && !warned) {
            warned = true; // WARN_ON_ONCE(ret)
            ctx.warn(String.format("arch_static_call_transform: writing the literal of %s at 0x%016x failed: %d%s",
                    key.name(), literal, ret, ret == Errno.EINVAL ? " (-EINVAL)" : ""));
        }
    }
}
