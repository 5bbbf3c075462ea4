package org.kernelsim.api.emit;

import org.kernelsim.cpu.asm.A64.MemOp;
import org.kernelsim.cpu.asm.Cond;
import org.kernelsim.cpu.asm.Reg;
import org.kernelsim.cpu.asm.Shift;
import org.kernelsim.cpu.decode.Decoder;
import org.kernelsim.cpu.decode.Form;
import org.kernelsim.cpu.decode.Insn;
import org.kernelsim.cpu.decode.Op;

/**
 * Encoders for the A64 instructions static-call backends and simulated kernel code use
 * (aarch64.md §1), with plain register numbers. Pure functions of their operands; PC-relative
 * forms take the byte offset from the instruction itself, and B/BL return {@link #BREAK_FAULT}
 * when it does not fit, as the kernel's {@code aarch64_insn_gen_branch_imm()} does.
 *
 * <p>This is a facade: every word is produced by the assembler's checked encoders
 * ({@link org.kernelsim.cpu.asm.A64}) and every classification by the CPU's decoder
 * ({@link Decoder}), so encodings exist once. Register 31 is mapped to SP or ZR as the
 * instruction defines it. Immediates and PC-relative offsets are truncated to their fields
 * (offsets wrap modulo the field's range) exactly as this class always did; operands that
 * cannot be expressed at all (a register number outside 0..31, a MOVZ/MOVK shift past the
 * register's width, LDP with Rt == Rt2) are rejected with {@link IllegalArgumentException}.
 */
public final class A64 {

    public static final int NOP = 0xd503201f;
    public static final int BTI = 0xd503241f;
    public static final int BTI_C = 0xd503245f;
    public static final int BTI_J = 0xd503249f;
    public static final int BTI_JC = 0xd50324df;
    public static final int PACIASP = 0xd503233f;
    public static final int RET = 0xd65f03c0;
    public static final int ISB = 0xd5033fdf;
    public static final int DSB_ISH = 0xd5033b9f;
    public static final int STP_FP_LR_PRE = 0xa9bf7bfd; // stp x29, x30, [sp, #-16]!
    public static final int LDP_FP_LR_POST = 0xa8c17bfd; // ldp x29, x30, [sp], #16
    public static final int MOV_FP_SP = 0x910003fd;     // mov x29, sp
    /** {@code brk #0x100}: what the kernel's instruction generators return on error. */
    public static final int BREAK_FAULT = 0xd4202000;
    public static final int XZR = 31;
    public static final int SP = 31;

    private A64() {
    }

    // ---- register numbers -> Reg: 31 is ZR unless the operand is an SP slot

    private static Reg x(int n) {
        return Reg.X(n);
    }

    private static Reg w(int n) {
        return Reg.W(n);
    }

    private static Reg xsp(int n) {
        return n == 31 ? Reg.SP : Reg.X(n);
    }

    private static Reg wsp(int n) {
        return n == 31 ? Reg.WSP : Reg.W(n);
    }

    /** {@code v} truncated to a signed field of {@code bits} bits (what masking into the field keeps). */
    private static long wrap(long v, int bits) {
        return v << (64 - bits) >> (64 - bits);
    }

    /** A byte offset whose word offset ({@code offset >> 2}) is truncated to a {@code bits}-bit field. */
    private static long wrapWords(long offset, int bits) {
        return wrap(offset >> 2, bits) << 2;
    }

    /** A scaled pair offset: {@code imm / 8} truncated to the 7-bit field, back in bytes. */
    private static long pairOffset(int imm) {
        return wrap(imm / 8, 7) * 8;
    }

    // ---- encoders

    public static boolean branchInRange(long offset) {
        return offset >= -0x8000000L && offset < 0x8000000L && (offset & 3) == 0;
    }

    /** B: offset relative to the branch; BREAK_FAULT if out of ±128 MiB or misaligned. */
    public static int b(long offset) {
        return branchInRange(offset) ? org.kernelsim.cpu.asm.A64.b(offset) : BREAK_FAULT;
    }

    public static int bl(long offset) {
        return branchInRange(offset) ? org.kernelsim.cpu.asm.A64.bl(offset) : BREAK_FAULT;
    }

    /** B.cond with a 4-bit condition (0 = EQ, 1 = NE, ...), ±1 MiB. */
    public static int bcond(int cond, long offset) {
        return org.kernelsim.cpu.asm.A64.bCond(Cond.of(cond), wrapWords(offset, 19));
    }

    public static int cbz(int rt, long offset, boolean x) {
        return org.kernelsim.cpu.asm.A64.cbz(x ? x(rt) : w(rt), wrapWords(offset, 19));
    }

    public static int cbnz(int rt, long offset, boolean x) {
        return org.kernelsim.cpu.asm.A64.cbnz(x ? x(rt) : w(rt), wrapWords(offset, 19));
    }

    public static int br(int rn) {
        return org.kernelsim.cpu.asm.A64.br(x(rn));
    }

    public static int blr(int rn) {
        return org.kernelsim.cpu.asm.A64.blr(x(rn));
    }

    public static int ret(int rn) {
        return org.kernelsim.cpu.asm.A64.ret(x(rn));
    }

    public static int brk(int imm16) {
        return org.kernelsim.cpu.asm.A64.brk(imm16 & 0xffff);
    }

    public static int hvc(int imm16) {
        return org.kernelsim.cpu.asm.A64.hvc(imm16 & 0xffff);
    }

    public static int svc(int imm16) {
        return org.kernelsim.cpu.asm.A64.svc(imm16 & 0xffff);
    }

    /** ADRP with a page delta (in pages); 0 when the relocation fills it in. */
    public static int adrp(int rd, long pageDelta) {
        return org.kernelsim.cpu.asm.A64.adrpPages(x(rd), wrap(pageDelta, 21));
    }

    /** ADR, byte offset ±1 MiB. */
    public static int adr(int rd, long offset) {
        return org.kernelsim.cpu.asm.A64.adr(x(rd), wrap(offset, 21));
    }

    /** LDR Xt, [Xn, #imm] (unsigned offset, multiple of 8). */
    public static int ldrX(int rt, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstUnsigned(MemOp.LDR_X, x(rt), xsp(rn), imm / 8 & 0xfff);
    }

    /** LDR Wt, [Xn, #imm] (multiple of 4). */
    public static int ldrW(int rt, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstUnsigned(MemOp.LDR_W, w(rt), xsp(rn), imm / 4 & 0xfff);
    }

    public static int strX(int rt, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstUnsigned(MemOp.STR_X, x(rt), xsp(rn), imm / 8 & 0xfff);
    }

    public static int strW(int rt, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstUnsigned(MemOp.STR_W, w(rt), xsp(rn), imm / 4 & 0xfff);
    }

    /** LDR Xt, label (literal, ±1 MiB). */
    public static int ldrLiteralX(int rt, long offset) {
        return org.kernelsim.cpu.asm.A64.ldrLiteral(x(rt), wrapWords(offset, 19), false);
    }

    /** LDUR Wt, [Xn, #simm9]. */
    public static int ldurW(int rt, int rn, int simm9) {
        return org.kernelsim.cpu.asm.A64.ldstImm9(MemOp.LDR_W, w(rt), xsp(rn), wrap(simm9, 9), 0);
    }

    public static int movzW(int rd, int imm16, int shift) {
        return org.kernelsim.cpu.asm.A64.movz(w(rd), imm16 & 0xffff, shift / 16 * 16);
    }

    public static int movzX(int rd, int imm16, int shift) {
        return org.kernelsim.cpu.asm.A64.movz(x(rd), imm16 & 0xffff, shift / 16 * 16);
    }

    public static int movkW(int rd, int imm16, int shift) {
        return org.kernelsim.cpu.asm.A64.movk(w(rd), imm16 & 0xffff, shift / 16 * 16);
    }

    public static int movkX(int rd, int imm16, int shift) {
        return org.kernelsim.cpu.asm.A64.movk(x(rd), imm16 & 0xffff, shift / 16 * 16);
    }

    /** MOV Xd, Xm (ORR Xd, XZR, Xm). */
    public static int movX(int rd, int rm) {
        return org.kernelsim.cpu.asm.A64.movReg(x(rd), x(rm));
    }

    /** ADD Xd, Xn, #imm12 (Xn may be SP). */
    public static int addImmX(int rd, int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.addImm(xsp(rd), xsp(rn), imm12 & 0xfff);
    }

    public static int addImmW(int rd, int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.addImm(wsp(rd), wsp(rn), imm12 & 0xfff);
    }

    public static int subImmX(int rd, int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.subImm(xsp(rd), xsp(rn), imm12 & 0xfff);
    }

    /** ADD Xd, Xn, Xm. */
    public static int addRegX(int rd, int rn, int rm) {
        return org.kernelsim.cpu.asm.A64.addShifted(x(rd), x(rn), x(rm), Shift.LSL, 0);
    }

    /** CMP Wn, Wm (SUBS WZR, Wn, Wm). */
    public static int cmpW(int rn, int rm) {
        return org.kernelsim.cpu.asm.A64.subsShifted(Reg.WZR, w(rn), w(rm), Shift.LSL, 0);
    }

    public static int cmpImmX(int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.subsImm(Reg.XZR, xsp(rn), imm12 & 0xfff);
    }

    /** The clang kCFI BRK immediate: 0x8000 | typeReg << 5 | targetReg. */
    public static int kcfiBrkImm(int typeReg, int targetReg) {
        return 0x8000 | typeReg << 5 | targetReg;
    }

    /** STP Xt1, Xt2, [Xn, #imm]! (pre-index, imm multiple of 8 in [-512, 504]). */
    public static int stpPre(int rt1, int rt2, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstPair(false, false, x(rt1), x(rt2), xsp(rn), pairOffset(imm), 3);
    }

    /** LDP Xt1, Xt2, [Xn], #imm (post-index). */
    public static int ldpPost(int rt1, int rt2, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstPair(true, false, x(rt1), x(rt2), xsp(rn), pairOffset(imm), 1);
    }

    /** STP Xt1, Xt2, [Xn, #imm] (signed offset). */
    public static int stpOff(int rt1, int rt2, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstPair(false, false, x(rt1), x(rt2), xsp(rn), pairOffset(imm), 2);
    }

    /** LDP Xt1, Xt2, [Xn, #imm] (signed offset). */
    public static int ldpOff(int rt1, int rt2, int rn, int imm) {
        return org.kernelsim.cpu.asm.A64.ldstPair(true, false, x(rt1), x(rt2), xsp(rn), pairOffset(imm), 2);
    }

    public static int subImmW(int rd, int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.subImm(wsp(rd), wsp(rn), imm12 & 0xfff);
    }

    public static int cmpImmW(int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.subsImm(Reg.WZR, wsp(rn), imm12 & 0xfff);
    }

    /** ADD Xd, Xn, Xm, LSL #shift. */
    public static int addShiftedX(int rd, int rn, int rm, int shift) {
        return org.kernelsim.cpu.asm.A64.addShifted(x(rd), x(rn), x(rm), Shift.LSL, shift);
    }

    /** EOR Xd, Xn, Xm, LSL #shift. */
    public static int eorShiftedX(int rd, int rn, int rm, int shift) {
        return org.kernelsim.cpu.asm.A64.eorShifted(x(rd), x(rn), x(rm), Shift.LSL, shift);
    }

    /** AND Xd, Xn, #(2^bits - 1), bits in 1..63 (Xd may be SP). */
    public static int andMaskX(int rd, int rn, int bits) {
        return org.kernelsim.cpu.asm.A64.andImm(xsp(rd), x(rn), (1L << bits) - 1);
    }

    /** LSL Xd, Xn, #shift (UBFM alias). */
    public static int lslX(int rd, int rn, int shift) {
        return org.kernelsim.cpu.asm.A64.ubfm(x(rd), x(rn), (64 - shift) & 63, 63 - shift);
    }

    /** UBFX Wd, Wn, #lsb, #width (UBFM alias). */
    public static int ubfxW(int rd, int rn, int lsb, int width) {
        return org.kernelsim.cpu.asm.A64.ubfm(w(rd), w(rn), lsb, lsb + width - 1);
    }

    /** SXTW Xd, Wn (SBFM alias). */
    public static int sxtw(int rd, int rn) {
        return org.kernelsim.cpu.asm.A64.sbfm(x(rd), x(rn), 0, 31);
    }

    /** SUBS Xd, Xn, #imm12 (Xn may be SP). */
    public static int subsImmX(int rd, int rn, int imm12) {
        return org.kernelsim.cpu.asm.A64.subsImm(x(rd), xsp(rn), imm12 & 0xfff);
    }

    /** LDR Xt, [Xn, Xm, LSL #3]. */
    public static int ldrXIndexed(int rt, int rn, int rm) {
        return org.kernelsim.cpu.asm.A64.ldstReg(MemOp.LDR_X, x(rt), xsp(rn), x(rm), org.kernelsim.cpu.asm.Extend.UXTX,
                true);
    }

    /** STR Xt, [Xn, Xm, LSL #3]. */
    public static int strXIndexed(int rt, int rn, int rm) {
        return org.kernelsim.cpu.asm.A64.ldstReg(MemOp.STR_X, x(rt), xsp(rn), x(rm), org.kernelsim.cpu.asm.Extend.UXTX,
                true);
    }

    /** MOV Wd, Wm (ORR Wd, WZR, Wm). */
    public static int movW(int rd, int rm) {
        return org.kernelsim.cpu.asm.A64.movReg(w(rd), w(rm));
    }

    /** MRS Xt, MPIDR_EL1. */
    public static int mrsMpidr(int rt) {
        return org.kernelsim.cpu.asm.A64.mrs(x(rt), org.kernelsim.cpu.core.SystemRegister.MPIDR_EL1);
    }

    /** Condition codes for {@link #bcond}. */
    public static final int EQ = 0, NE = 1, HS = 2, LO = 3, HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13;

    // ---- classification, for CMODX checks and decoding trampolines (by the CPU's decode table)

    /** The decode-table form of {@code w}, or null when it is UNDEFINED. */
    private static Form form(int w) {
        return Decoder.formOf(w);
    }

    private static boolean is(int w, int op) {
        Form f = form(w);
        return f != null && f.op() == op;
    }

    /** The decoded {@code w}, which must be of operation {@code op} (named {@code what} otherwise). */
    private static Insn decoded(int w, int op, String what) {
        Insn i = Decoder.decode(w);
        if (i.op != op) {
            throw new IllegalArgumentException(String.format("0x%08x is not %s", w, what));
        }
        return i;
    }

    public static boolean isB(int w) {
        return is(w, Op.B);
    }

    public static boolean isBl(int w) {
        return is(w, Op.BL);
    }

    public static boolean isNop(int w) {
        return w == NOP;
    }

    public static boolean isBrk(int w) {
        return is(w, Op.BRK);
    }

    public static boolean isSvc(int w) {
        return is(w, Op.SVC);
    }

    public static boolean isHvc(int w) {
        return is(w, Op.HVC);
    }

    public static boolean isSmc(int w) {
        return is(w, Op.SMC);
    }

    public static boolean isIsb(int w) {
        return is(w, Op.ISB);
    }

    public static boolean isAdrp(int w) {
        return is(w, Op.ADRP);
    }

    /** LDR Xt, [Xn, #imm] (64-bit load, scaled unsigned offset). */
    public static boolean isLdrXImm(int w) {
        Form f = form(w);
        return f != null && f.name().equals("LDR_x_uimm");
    }

    /**
     * The Arm ARM's CMODX set (B2.2.5): concurrent modification between two of these is safe,
     * a racing fetch sees the old or the new instruction. (NOP is the one hint in the set.)
     */
    public static boolean isCmodxSafe(int w) {
        if (w == NOP) {
            return true;
        }
        Form f = form(w);
        if (f == null) {
            return false;
        }
        int op = f.op();
        return op == Op.B || op == Op.BL || op == Op.BRK || op == Op.HVC || op == Op.ISB || op == Op.SMC || op == Op.SVC;
    }

    /** Sign-extended byte offset of a B/BL. */
    public static long branchOffset(int w) {
        Insn i = Decoder.decode(w);
        if (i.op != Op.B && i.op != Op.BL) {
            throw new IllegalArgumentException(String.format("0x%08x is not a B or BL", w));
        }
        return i.imm;
    }

    /** Sign-extended page delta (in bytes) of an ADRP. */
    public static long adrpOffset(int w) {
        return decoded(w, Op.ADRP, "an ADRP").imm;
    }

    /** The byte offset of an LDR Xt, [Xn, #imm]. */
    public static long ldrXImmOffset(int w) {
        if (!isLdrXImm(w)) {
            throw new IllegalArgumentException(String.format("0x%08x is not an LDR Xt, [Xn, #imm]", w));
        }
        return Decoder.decode(w).imm;
    }
}
