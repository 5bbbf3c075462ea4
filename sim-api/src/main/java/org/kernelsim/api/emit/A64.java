package org.kernelsim.api.emit;

/**
 * Encoders for the A64 instructions static-call backends and simulated kernel code use
 * (aarch64.md §1). Pure functions of their operands; PC-relative forms take the byte offset
 * from the instruction itself and return {@link #BREAK_FAULT} when it does not fit, as the
 * kernel's {@code aarch64_insn_gen_branch_imm()} does.
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

    public static boolean branchInRange(long offset) {
        return offset >= -0x8000000L && offset < 0x8000000L && (offset & 3) == 0;
    }

    /** B: offset relative to the branch; BREAK_FAULT if out of ±128 MiB or misaligned. */
    public static int b(long offset) {
        return branchInRange(offset) ? 0x14000000 | (int) ((offset >> 2) & 0x3ffffff) : BREAK_FAULT;
    }

    public static int bl(long offset) {
        return branchInRange(offset) ? 0x94000000 | (int) ((offset >> 2) & 0x3ffffff) : BREAK_FAULT;
    }

    /** B.cond with a 4-bit condition (0 = EQ, 1 = NE, ...), ±1 MiB. */
    public static int bcond(int cond, long offset) {
        return 0x54000000 | (int) (((offset >> 2) & 0x7ffff) << 5) | (cond & 0xf);
    }

    public static int cbz(int rt, long offset, boolean x) {
        return (x ? 0xb4000000 : 0x34000000) | (int) (((offset >> 2) & 0x7ffff) << 5) | rt;
    }

    public static int cbnz(int rt, long offset, boolean x) {
        return (x ? 0xb5000000 : 0x35000000) | (int) (((offset >> 2) & 0x7ffff) << 5) | rt;
    }

    public static int br(int rn) {
        return 0xd61f0000 | rn << 5;
    }

    public static int blr(int rn) {
        return 0xd63f0000 | rn << 5;
    }

    public static int ret(int rn) {
        return 0xd65f0000 | rn << 5;
    }

    public static int brk(int imm16) {
        return 0xd4200000 | (imm16 & 0xffff) << 5;
    }

    public static int hvc(int imm16) {
        return 0xd4000002 | (imm16 & 0xffff) << 5;
    }

    public static int svc(int imm16) {
        return 0xd4000001 | (imm16 & 0xffff) << 5;
    }

    /** ADRP with a page delta (in pages); 0 when the relocation fills it in. */
    public static int adrp(int rd, long pageDelta) {
        int immlo = (int) (pageDelta & 3);
        int immhi = (int) ((pageDelta >> 2) & 0x7ffff);
        return 0x90000000 | immlo << 29 | immhi << 5 | rd;
    }

    /** ADR, byte offset ±1 MiB. */
    public static int adr(int rd, long offset) {
        int immlo = (int) (offset & 3);
        int immhi = (int) ((offset >> 2) & 0x7ffff);
        return 0x10000000 | immlo << 29 | immhi << 5 | rd;
    }

    /** LDR Xt, [Xn, #imm] (unsigned offset, multiple of 8). */
    public static int ldrX(int rt, int rn, int imm) {
        return 0xf9400000 | (imm / 8 & 0xfff) << 10 | rn << 5 | rt;
    }

    /** LDR Wt, [Xn, #imm] (multiple of 4). */
    public static int ldrW(int rt, int rn, int imm) {
        return 0xb9400000 | (imm / 4 & 0xfff) << 10 | rn << 5 | rt;
    }

    public static int strX(int rt, int rn, int imm) {
        return 0xf9000000 | (imm / 8 & 0xfff) << 10 | rn << 5 | rt;
    }

    public static int strW(int rt, int rn, int imm) {
        return 0xb9000000 | (imm / 4 & 0xfff) << 10 | rn << 5 | rt;
    }

    /** LDR Xt, label (literal, ±1 MiB). */
    public static int ldrLiteralX(int rt, long offset) {
        return 0x58000000 | (int) (((offset >> 2) & 0x7ffff) << 5) | rt;
    }

    /** LDUR Wt, [Xn, #simm9]. */
    public static int ldurW(int rt, int rn, int simm9) {
        return 0xb8400000 | (simm9 & 0x1ff) << 12 | rn << 5 | rt;
    }

    public static int movzW(int rd, int imm16, int shift) {
        return 0x52800000 | (shift / 16) << 21 | (imm16 & 0xffff) << 5 | rd;
    }

    public static int movzX(int rd, int imm16, int shift) {
        return 0xd2800000 | (shift / 16) << 21 | (imm16 & 0xffff) << 5 | rd;
    }

    public static int movkW(int rd, int imm16, int shift) {
        return 0x72800000 | (shift / 16) << 21 | (imm16 & 0xffff) << 5 | rd;
    }

    public static int movkX(int rd, int imm16, int shift) {
        return 0xf2800000 | (shift / 16) << 21 | (imm16 & 0xffff) << 5 | rd;
    }

    /** MOV Xd, Xm (ORR Xd, XZR, Xm). */
    public static int movX(int rd, int rm) {
        return 0xaa0003e0 | rm << 16 | rd;
    }

    /** ADD Xd, Xn, #imm12 (Xn may be SP). */
    public static int addImmX(int rd, int rn, int imm12) {
        return 0x91000000 | (imm12 & 0xfff) << 10 | rn << 5 | rd;
    }

    public static int addImmW(int rd, int rn, int imm12) {
        return 0x11000000 | (imm12 & 0xfff) << 10 | rn << 5 | rd;
    }

    public static int subImmX(int rd, int rn, int imm12) {
        return 0xd1000000 | (imm12 & 0xfff) << 10 | rn << 5 | rd;
    }

    /** ADD Xd, Xn, Xm. */
    public static int addRegX(int rd, int rn, int rm) {
        return 0x8b000000 | rm << 16 | rn << 5 | rd;
    }

    /** CMP Wn, Wm (SUBS WZR, Wn, Wm). */
    public static int cmpW(int rn, int rm) {
        return 0x6b00001f | rm << 16 | rn << 5;
    }

    public static int cmpImmX(int rn, int imm12) {
        return 0xf100001f | (imm12 & 0xfff) << 10 | rn << 5;
    }

    /** The clang kCFI BRK immediate: 0x8000 | typeReg << 5 | targetReg. */
    public static int kcfiBrkImm(int typeReg, int targetReg) {
        return 0x8000 | typeReg << 5 | targetReg;
    }

    /** STP Xt1, Xt2, [Xn, #imm]! (pre-index, imm multiple of 8 in [-512, 504]). */
    public static int stpPre(int rt1, int rt2, int rn, int imm) {
        return 0xa9800000 | ((imm / 8) & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt1;
    }

    /** LDP Xt1, Xt2, [Xn], #imm (post-index). */
    public static int ldpPost(int rt1, int rt2, int rn, int imm) {
        return 0xa8c00000 | ((imm / 8) & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt1;
    }

    /** STP Xt1, Xt2, [Xn, #imm] (signed offset). */
    public static int stpOff(int rt1, int rt2, int rn, int imm) {
        return 0xa9000000 | ((imm / 8) & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt1;
    }

    /** LDP Xt1, Xt2, [Xn, #imm] (signed offset). */
    public static int ldpOff(int rt1, int rt2, int rn, int imm) {
        return 0xa9400000 | ((imm / 8) & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt1;
    }

    public static int subImmW(int rd, int rn, int imm12) {
        return 0x51000000 | (imm12 & 0xfff) << 10 | rn << 5 | rd;
    }

    public static int cmpImmW(int rn, int imm12) {
        return 0x7100001f | (imm12 & 0xfff) << 10 | rn << 5;
    }

    /** Condition codes for {@link #bcond}. */
    public static final int EQ = 0, NE = 1, HS = 2, LO = 3, HI = 8, LS = 9, GE = 10, LT = 11, GT = 12, LE = 13;

    // ---- classification, for CMODX checks and decoding trampolines ----

    public static boolean isB(int w) {
        return (w & 0xfc000000) == 0x14000000;
    }

    public static boolean isBl(int w) {
        return (w & 0xfc000000) == 0x94000000;
    }

    public static boolean isNop(int w) {
        return w == NOP;
    }

    public static boolean isBrk(int w) {
        return (w & 0xffe0001f) == 0xd4200000;
    }

    public static boolean isSvc(int w) {
        return (w & 0xffe0001f) == 0xd4000001;
    }

    public static boolean isHvc(int w) {
        return (w & 0xffe0001f) == 0xd4000002;
    }

    public static boolean isSmc(int w) {
        return (w & 0xffe0001f) == 0xd4000003;
    }

    public static boolean isIsb(int w) {
        return (w & 0xfffff0ff) == 0xd50330df;
    }

    public static boolean isAdrp(int w) {
        return (w & 0x9f000000) == 0x90000000;
    }

    public static boolean isLdrXImm(int w) {
        return (w & 0xffc00000) == 0xf9400000;
    }

    /**
     * The Arm ARM's CMODX set (B2.2.5): concurrent modification between two of these is safe,
     * a racing fetch sees the old or the new instruction.
     */
    public static boolean isCmodxSafe(int w) {
        return isB(w) || isBl(w) || isBrk(w) || isHvc(w) || isIsb(w) || isNop(w) || isSmc(w) || isSvc(w);
    }

    /** Sign-extended byte offset of a B/BL. */
    public static long branchOffset(int w) {
        return (long) (w << 6 >> 6) << 2;
    }

    /** Sign-extended page delta (in bytes) of an ADRP. */
    public static long adrpOffset(int w) {
        long immlo = (w >>> 29) & 3;
        long immhi = (w >>> 5) & 0x7ffff;
        long imm = immhi << 2 | immlo;
        return (imm << 43 >> 43) << 12;
    }

    /** The byte offset of an LDR Xt, [Xn, #imm]. */
    public static long ldrXImmOffset(int w) {
        return (long) ((w >>> 10) & 0xfff) * 8;
    }
}
