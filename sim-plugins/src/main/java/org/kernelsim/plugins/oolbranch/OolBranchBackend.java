package org.kernelsim.plugins.oolbranch;

import static java.util.Objects.requireNonNull;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;

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
 * Mark Rutland's 2021 design (static-call.md §7, §8), without {@code cbz}:
 *
 * <pre>
 *   .align 3
 *   __SCT__name:  +0   d503245f   bti c
 *                 +4   B func | RET | NOP        (the slot)
 *                 +8   58000050   ldr x16, .+8   (the literal)
 *                 +12  d61f0200   br  x16
 *                 +16  .quad literal
 *   __SCN__name:  +24  d503245f   bti c          (where a NULL literal points: returns, x0 unchanged)
 *                 +28  d65f03c0   ret
 * </pre>
 *
 * An update writes the literal first ({@code aarch64_insn_write_literal_u64}), then the slot:
 * {@code B func} when func is within [-0x8000000, +0x7fffffc] of the slot, else {@code NOP}
 * (fall through to the literal); NULL is {@code RET} ({@code nullAs: ret}) or {@code B __SCN__name}
 * ({@code nullAs: stub}). A CPU running a stale NOP reaches the new literal; a stale B the old
 * target. The slot goes through {@code patch_text_nosync} ({@code rewrite: nosync}) or
 * {@code aarch64_insn_patch_text} under stop_machine ({@code rewrite: stop-machine}).
 *
 * <p>Objects are built with the slot as NOP (or the final RET/B for NULL) and the literal
 * relocated, which is correct wherever the target lies; {@link #init} then turns a NOP into a
 * B when the linked target is in range (NOP→B stays in the CMODX set).
 */
public final class OolBranchBackend implements StaticCallBackend {

    public static final int SLOT = 4;
    public static final int LDR = 8;
    public static final int LITERAL = 16;
    public static final int NULL_STUB = 24;
    /** {@code ldr x16, .+8}. */
    public static final int LDR_X16_LITERAL = 0x58000050;

    private final OolBranchOptions options;

    public OolBranchBackend(OolBranchOptions options) {
        this.options = requireNonNull(options, "options");
    }

    public OolBranchOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "ool-branch";
    }

    @Override
    public Semantics semantics() {
        return Semantics.OUT_OF_LINE;
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
        CodeEmitter e = ctx.emitter();
        String section = e.currentSection();
        String nullStub = StaticCallNames.nopStub(key.name());
        e.section(Sections.STATIC_CALL_TEXT).align(8);
        e.beginFunction(key.trampolineSymbol(), null, true);
        e.insn(A64.BTI_C);
        boolean isNull = key.initial() instanceof StaticCallKeyDef.Initial.Null;
        if (isNull && options.nullAs() == OolBranchOptions.NullAs.RET) {
            e.insn(A64.RET);
        } else if (isNull) {
            e.insn(A64.b(0), JUMP26, nullStub, 0); // same section, 20 bytes on: always in range
        } else {
            e.insn(A64.NOP); // init() makes it a B when the linked target is in range
        }
        e.insn(LDR_X16_LITERAL);
        e.insn(A64.br(16));
        if (key.initial() instanceof StaticCallKeyDef.Initial.Func f) {
            e.quad(f.symbol(), 0);
        } else {
            e.quad(isNull ? nullStub : StaticCallNames.RETURN0, 0);
        }
        e.endFunction();
        e.beginFunction(nullStub, null, false);
        e.insn(A64.BTI_C).insn(A64.RET);
        e.endFunction();
        e.section(section);
    }

    @Override
    public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
        CodeEmitter e = ctx.emitter();
        if (kind == CallKind.TAIL) {
            e.insn(A64.b(0), JUMP26, key.trampolineSymbol(), 0);
        } else {
            e.insn(A64.bl(0), CALL26, key.trampolineSymbol(), 0);
        }
    }

    /** What the slot of a trampoline at {@code tramp} holds for {@code func} (0 = NULL). */
    public int slotFor(long tramp, long func) {
        long slot = tramp + SLOT;
        if (func == 0) {
            return options.nullAs() == OolBranchOptions.NullAs.RET ? A64.RET : A64.b(NULL_STUB - SLOT);
        }
        long offset = func - slot;
        return A64.branchInRange(offset) ? A64.b(offset) : A64.NOP;
    }

    /** Where the literal is, decoded from the {@code ldr x16, <literal>} at +8. */
    static long literalAddress(TransformContext ctx, long tramp) {
        int ldr = ctx.memory().read32(tramp + LDR);
        long imm19 = (long) (ldr << 8 >> 13); // bits [23:5], sign-extended
        return tramp + LDR + imm19 * 4;
    }

    @Override
    public void init(TransformContext ctx, StaticCallKey key) {
        long tramp = key.trampoline();
        if (tramp == 0) {
            return;
        }
        long func = key.func();
        int want = slotFor(tramp, func);
        if (ctx.patcher().read(tramp + SLOT) != want) {
            check(ctx, key, "slot", ctx.patcher().patchNosync(tramp + SLOT, want));
        }
    }

    @Override
    public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
        if (tramp == 0) {
            return;
        }
        // "Always patch the literal, then patch the {B | RET | NOP}."
        long literal = func == 0 ? tramp + NULL_STUB : func;
        check(ctx, key, "literal", ctx.patcher().writeLiteral64(literalAddress(ctx, tramp), literal));
        int insn = slotFor(tramp, func);
        int ret = options.rewrite() == OolBranchOptions.Rewrite.NOSYNC
                ? ctx.patcher().patchNosync(tramp + SLOT, insn)
                : ctx.patcher().patch(new long[] {tramp + SLOT}, new int[] {insn});
        check(ctx, key, "slot", ret);
    }

    private static void check(TransformContext ctx, StaticCallKey key, String what, int ret) {
        if (ret != 0) {
            throw new IllegalStateException(String.format("ool-branch: patching the %s of %s failed: %d", what,
                    key.trampoline() == 0 ? key.name() : ctx.kallsyms().format(key.trampoline()), ret));
        }
    }
}
