package org.kernelsim.cpu.asm;

import org.kernelsim.cpu.core.SystemRegister;

/**
 * Pure A64 instruction encoders: each method returns one 32-bit instruction word, or throws
 * {@link IllegalArgumentException} naming the instruction and the offending operand (wrong
 * register kind or width, immediate out of range, unencodable bitmask). No state, no labels:
 * {@link Assembler} builds on these, and the kernel's text patching uses them directly
 * (e.g. {@link #b(long, long)} to generate a branch between two addresses).
 *
 * <p>Register 31 is SP for ADD/SUB-immediate operands and load/store bases, ZR elsewhere; every
 * encoder checks that the caller passed the matching {@link Reg}.
 */
public final class A64 {

    public static final int NOP = 0xd503201f;
    /** The kernel's AARCH64_BREAK_FAULT (brk #0x100): what its insn generators return on error. */
    public static final int BREAK_FAULT = 0xd4202000;

    private A64() {
    }

    // ------------------------------------------------------------------ operand checks

    static int rd(String insn, Reg r, boolean allowSp) {
        return reg(insn, "Rd", r, allowSp);
    }

    static int reg(String insn, String role, Reg r, boolean allowSp) {
        if (r.isSp() && !allowSp) {
            throw new IllegalArgumentException(insn + ": " + role + " cannot be " + r + " (register 31 is the zero register here)");
        }
        return r.number();
    }

    /** A register that must be SP-or-general (never ZR): ADD/SUB immediate operands, load/store bases. */
    static int regOrSp(String insn, String role, Reg r) {
        if (r.isZr()) {
            throw new IllegalArgumentException(insn + ": " + role + " cannot be " + r + " (register 31 is SP here)");
        }
        return r.number();
    }

    static int base(String insn, Reg r) {
        if (!r.is64()) {
            throw new IllegalArgumentException(insn + ": base register must be 64-bit, got " + r);
        }
        return regOrSp(insn, "base", r);
    }

    static void sameWidth(String insn, Reg... regs) {
        for (Reg r : regs) {
            if (r.is64() != regs[0].is64()) {
                throw new IllegalArgumentException(insn + ": registers must all be X or all W: " + java.util.Arrays.toString(regs));
            }
        }
    }

    static void need64(String insn, Reg r) {
        if (!r.is64()) {
            throw new IllegalArgumentException(insn + ": needs an X register, got " + r);
        }
    }

    static long checkRange(String insn, String what, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(insn + ": " + what + " " + v + " out of range [" + min + ", " + max + "]");
        }
        return v;
    }

    static String hex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /** Signed PC-relative offset field of {@code bits} bits, scaled by 4, with an exact range message. */
    static int branchField(String insn, long offset, int bits, String range) {
        if ((offset & 3) != 0) {
            throw new IllegalArgumentException(insn + " target misaligned: offset " + hex(offset));
        }
        long limit = 1L << (bits + 1);
        if (offset < -limit || offset >= limit) {
            throw new IllegalArgumentException(insn + " target out of " + range + " range: offset " + hex(offset));
        }
        return (int) ((offset >> 2) & ((1L << bits) - 1));
    }

    // ------------------------------------------------------------------ branches

    public static int b(long offset) {
        return 0x14000000 | branchField("B", offset, 26, "±128 MiB");
    }

    public static int bl(long offset) {
        return 0x94000000 | branchField("BL", offset, 26, "±128 MiB");
    }

    /** B from {@code pc} to {@code target}. */
    public static int b(long pc, long target) {
        return b(target - pc);
    }

    /** BL from {@code pc} to {@code target}. */
    public static int bl(long pc, long target) {
        return bl(target - pc);
    }

    public static int bCond(Cond cond, long offset) {
        return 0x54000000 | branchField("B." + cond, offset, 19, "±1 MiB") << 5 | cond.code();
    }

    public static int cbz(Reg rt, long offset) {
        return 0x34000000 | rt.sf() << 31 | branchField("CBZ", offset, 19, "±1 MiB") << 5 | reg("cbz", "Rt", rt, false);
    }

    public static int cbnz(Reg rt, long offset) {
        return 0x35000000 | rt.sf() << 31 | branchField("CBNZ", offset, 19, "±1 MiB") << 5 | reg("cbnz", "Rt", rt, false);
    }

    public static int tbz(Reg rt, int bit, long offset) {
        return tb(0x36000000, "TBZ", rt, bit, offset);
    }

    public static int tbnz(Reg rt, int bit, long offset) {
        return tb(0x37000000, "TBNZ", rt, bit, offset);
    }

    private static int tb(int base, String insn, Reg rt, int bit, long offset) {
        checkRange(insn, "bit", bit, 0, rt.is64() ? 63 : 31);
        return base | (bit >> 5) << 31 | (bit & 31) << 19 | branchField(insn, offset, 14, "±32 KiB") << 5
                | reg(insn, "Rt", rt, false);
    }

    public static int br(Reg rn) {
        need64("br", rn);
        return 0xd61f0000 | reg("br", "Rn", rn, false) << 5;
    }

    public static int blr(Reg rn) {
        need64("blr", rn);
        return 0xd63f0000 | reg("blr", "Rn", rn, false) << 5;
    }

    public static int ret() {
        return ret(Reg.LR);
    }

    public static int ret(Reg rn) {
        need64("ret", rn);
        return 0xd65f0000 | reg("ret", "Rn", rn, false) << 5;
    }

    public static int eret() {
        return 0xd69f03e0;
    }

    // ------------------------------------------------------------------ exceptions, hints, barriers, system

    public static int svc(int imm16) {
        return 0xd4000001 | (int) checkRange("svc", "immediate", imm16, 0, 0xffff) << 5;
    }

    public static int hvc(int imm16) {
        return 0xd4000002 | (int) checkRange("hvc", "immediate", imm16, 0, 0xffff) << 5;
    }

    public static int smc(int imm16) {
        return 0xd4000003 | (int) checkRange("smc", "immediate", imm16, 0, 0xffff) << 5;
    }

    public static int brk(int imm16) {
        return 0xd4200000 | (int) checkRange("brk", "immediate", imm16, 0, 0xffff) << 5;
    }

    public static int hlt(int imm16) {
        return 0xd4400000 | (int) checkRange("hlt", "immediate", imm16, 0, 0xffff) << 5;
    }

    /** UDF #imm16: permanently undefined. */
    public static int udf(int imm16) {
        return (int) checkRange("udf", "immediate", imm16, 0, 0xffff);
    }

    /** HINT #imm (CRm:op2); unallocated hints execute as NOP. */
    public static int hint(int imm) {
        return 0xd503201f | (int) checkRange("hint", "immediate", imm, 0, 127) << 5;
    }

    public static int nop() {
        return NOP;
    }

    public static int yield() {
        return hint(1);
    }

    public static int wfe() {
        return hint(2);
    }

    public static int wfi() {
        return hint(3);
    }

    public static int sev() {
        return hint(4);
    }

    public static int sevl() {
        return hint(5);
    }

    public static int paciasp() {
        return hint(25);
    }

    public static int pacibsp() {
        return hint(27);
    }

    public static int autiasp() {
        return hint(29);
    }

    public static int autibsp() {
        return hint(31);
    }

    /** BTI with no target: matches no branch type (a landing pad only for BTYPE 00). */
    public static int bti() {
        return hint(32);
    }

    public static int btiC() {
        return hint(34);
    }

    public static int btiJ() {
        return hint(36);
    }

    public static int btiJc() {
        return hint(38);
    }

    public static int isb() {
        return 0xd5033fdf;
    }

    public static int dsb(Barrier option) {
        return 0xd503309f | option.crm() << 8;
    }

    public static int dmb(Barrier option) {
        return 0xd50330bf | option.crm() << 8;
    }

    public static int clrex() {
        return 0xd5033f5f;
    }

    /** IC/DC by VA (Xt = address) or the "all" forms (Xt must be XZR). */
    public static int cacheOp(CacheOp op, Reg xt) {
        need64(op.name(), xt);
        if (!op.takesAddress() && !xt.isZr()) {
            throw new IllegalArgumentException(op + " takes no address register, got " + xt);
        }
        return op.baseWord() | reg(op.name(), "Xt", xt, false);
    }

    public static int mrs(Reg xt, SystemRegister sysreg) {
        need64("mrs", xt);
        return 0xd5300000 | sysreg.encoding() << 5 | reg("mrs", "Xt", xt, false);
    }

    public static int msr(SystemRegister sysreg, Reg xt) {
        need64("msr", xt);
        return 0xd5100000 | sysreg.encoding() << 5 | reg("msr", "Xt", xt, false);
    }

    /** MSR DAIFSet, #imm4: masks the named exceptions (D=8, A=4, I=2, F=1). */
    public static int msrDaifSet(int imm4) {
        return 0xd50340df | (int) checkRange("msr daifset", "immediate", imm4, 0, 15) << 8;
    }

    /** MSR DAIFClr, #imm4: unmasks the named exceptions. */
    public static int msrDaifClr(int imm4) {
        return 0xd50340ff | (int) checkRange("msr daifclr", "immediate", imm4, 0, 15) << 8;
    }

    /** MSR SPSel, #imm1. */
    public static int msrSpSel(int imm1) {
        return 0xd50040bf | (int) checkRange("msr spsel", "immediate", imm1, 0, 1) << 8;
    }

    // ------------------------------------------------------------------ PC-relative addressing

    public static int adr(Reg rd, long offset) {
        need64("adr", rd);
        if (offset < -(1L << 20) || offset >= 1L << 20) {
            throw new IllegalArgumentException("ADR target out of ±1 MiB range: offset " + hex(offset));
        }
        return adrWord(0x10000000, offset, rd);
    }

    /** ADRP with a page delta (target page - PC page, in pages). */
    public static int adrpPages(Reg rd, long pages) {
        need64("adrp", rd);
        if (pages < -(1L << 20) || pages >= 1L << 20) {
            throw new IllegalArgumentException("ADRP target out of ±4 GiB range: " + hex(pages) + " pages");
        }
        return adrWord(0x90000000, pages, rd);
    }

    /** ADRP from {@code pc} to the page of {@code target}. */
    public static int adrp(Reg rd, long pc, long target) {
        return adrpPages(rd, (target >> 12) - (pc >> 12));
    }

    private static int adrWord(int base, long imm, Reg rd) {
        int v = (int) imm & 0x1fffff;
        return base | (v & 3) << 29 | (v >> 2) << 5 | reg("adr", "Rd", rd, false);
    }

    // ------------------------------------------------------------------ add/sub

    /** ADD/SUB/ADDS/SUBS (immediate): imm12 optionally shifted by 12. Negative immediates flip ADD<->SUB. */
    static int addSubImm(boolean sub, boolean setFlags, Reg rd, Reg rn, long imm) {
        String insn = (sub ? "sub" : "add") + (setFlags ? "s" : "");
        sameWidth(insn, rd, rn);
        if (imm < 0 && imm != Long.MIN_VALUE) {
            return addSubImm(!sub, setFlags, rd, rn, -imm);
        }
        int sh;
        long field;
        if (imm >= 0 && imm <= 0xfff) {
            sh = 0;
            field = imm;
        } else if ((imm & 0xfff) == 0 && imm >> 12 <= 0xfff && imm > 0) {
            sh = 1;
            field = imm >> 12;
        } else {
            throw new IllegalArgumentException(insn + ": immediate " + hex(imm) + " is not a 12-bit value, optionally shifted by 12");
        }
        int d = setFlags ? reg(insn, "Rd", rd, false) : regOrSp(insn, "Rd", rd);
        int n = regOrSp(insn, "Rn", rn);
        return 0x11000000 | rd.sf() << 31 | (sub ? 1 : 0) << 30 | (setFlags ? 1 : 0) << 29 | sh << 22
                | (int) field << 10 | n << 5 | d;
    }

    public static int addImm(Reg rd, Reg rn, long imm) {
        return addSubImm(false, false, rd, rn, imm);
    }

    public static int addsImm(Reg rd, Reg rn, long imm) {
        return addSubImm(false, true, rd, rn, imm);
    }

    public static int subImm(Reg rd, Reg rn, long imm) {
        return addSubImm(true, false, rd, rn, imm);
    }

    public static int subsImm(Reg rd, Reg rn, long imm) {
        return addSubImm(true, true, rd, rn, imm);
    }

    /** ADD/SUB/ADDS/SUBS (shifted register). ROR is not allowed. */
    static int addSubShifted(boolean sub, boolean setFlags, Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        String insn = (sub ? "sub" : "add") + (setFlags ? "s" : "");
        sameWidth(insn, rd, rn, rm);
        if (shift == Shift.ROR) {
            throw new IllegalArgumentException(insn + ": ROR is not a valid shift for add/sub");
        }
        checkRange(insn, "shift amount", amount, 0, rd.is64() ? 63 : 31);
        return 0x0b000000 | rd.sf() << 31 | (sub ? 1 : 0) << 30 | (setFlags ? 1 : 0) << 29 | shift.ordinal() << 22
                | reg(insn, "Rm", rm, false) << 16 | amount << 10 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    /** ADD/SUB/ADDS/SUBS (extended register): Rm extended then shifted left by 0..4; Rd/Rn may be SP. */
    static int addSubExtended(boolean sub, boolean setFlags, Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        String insn = (sub ? "sub" : "add") + (setFlags ? "s" : "");
        sameWidth(insn, rd, rn);
        checkRange(insn, "extend shift", amount, 0, 4);
        boolean wantX = extend == Extend.UXTX || extend == Extend.SXTX;
        if (rd.is64() && rm.is64() != wantX) {
            throw new IllegalArgumentException(insn + ": extend " + extend + " needs a " + (wantX ? "X" : "W") + " Rm, got " + rm);
        }
        if (!rd.is64() && rm.is64()) {
            throw new IllegalArgumentException(insn + ": 32-bit form needs a W Rm, got " + rm);
        }
        int d = setFlags ? reg(insn, "Rd", rd, false) : regOrSp(insn, "Rd", rd);
        return 0x0b200000 | rd.sf() << 31 | (sub ? 1 : 0) << 30 | (setFlags ? 1 : 0) << 29
                | reg(insn, "Rm", rm, false) << 16 | extend.option() << 13 | amount << 10 | regOrSp(insn, "Rn", rn) << 5 | d;
    }

    public static int addShifted(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return addSubShifted(false, false, rd, rn, rm, shift, amount);
    }

    public static int subShifted(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return addSubShifted(true, false, rd, rn, rm, shift, amount);
    }

    public static int addsShifted(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return addSubShifted(false, true, rd, rn, rm, shift, amount);
    }

    public static int subsShifted(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return addSubShifted(true, true, rd, rn, rm, shift, amount);
    }

    public static int addExtended(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return addSubExtended(false, false, rd, rn, rm, extend, amount);
    }

    public static int subExtended(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return addSubExtended(true, false, rd, rn, rm, extend, amount);
    }

    public static int addsExtended(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return addSubExtended(false, true, rd, rn, rm, extend, amount);
    }

    public static int subsExtended(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return addSubExtended(true, true, rd, rn, rm, extend, amount);
    }

    /** ADD/SUB with a register: the extended form when SP is involved (as GNU as does), else shifted LSL #0. */
    static int addSubReg(boolean sub, boolean setFlags, Reg rd, Reg rn, Reg rm) {
        if (rd.isSp() || rn.isSp()) {
            return addSubExtended(sub, setFlags, rd, rn, rm, rd.is64() ? Extend.UXTX : Extend.UXTW, 0);
        }
        return addSubShifted(sub, setFlags, rd, rn, rm, Shift.LSL, 0);
    }

    /** ADC/ADCS/SBC/SBCS. */
    static int addSubCarry(boolean sub, boolean setFlags, Reg rd, Reg rn, Reg rm) {
        String insn = (sub ? "sbc" : "adc") + (setFlags ? "s" : "");
        sameWidth(insn, rd, rn, rm);
        return 0x1a000000 | rd.sf() << 31 | (sub ? 1 : 0) << 30 | (setFlags ? 1 : 0) << 29
                | reg(insn, "Rm", rm, false) << 16 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    // ------------------------------------------------------------------ logical

    /** opc: 0 AND, 1 ORR, 2 EOR, 3 ANDS. Bitmask immediate; unencodable values are rejected by name. */
    static int logicalImm(int opc, Reg rd, Reg rn, long imm) {
        String insn = new String[] {"and", "orr", "eor", "ands"}[opc];
        sameWidth(insn, rd, rn);
        var enc = BitmaskImmediate.encode(imm, rd.is64());
        if (enc.isEmpty()) {
            throw new IllegalArgumentException(insn + ": " + hex(imm) + " is not encodable as a " + (rd.is64() ? 64 : 32)
                    + "-bit logical (bitmask) immediate");
        }
        int nImmrImms = enc.getAsInt();
        int d = opc == 3 ? reg(insn, "Rd", rd, false) : regOrSp(insn, "Rd", rd);
        return 0x12000000 | rd.sf() << 31 | opc << 29 | nImmrImms << 10 | reg(insn, "Rn", rn, false) << 5 | d;
    }

    /** AND Rd, Rn, #imm (bitmask immediate; unencodable values are rejected). */
    public static int andImm(Reg rd, Reg rn, long imm) {
        return logicalImm(0, rd, rn, imm);
    }

    /** EOR Rd, Rn, Rm{, shift #amount}. */
    public static int eorShifted(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return logicalShifted(2, false, rd, rn, rm, shift, amount);
    }

    /** opc: 0 AND, 1 ORR, 2 EOR, 3 ANDS; invert: BIC/ORN/EON/BICS. */
    static int logicalShifted(int opc, boolean invert, Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        String insn = invert ? new String[] {"bic", "orn", "eon", "bics"}[opc] : new String[] {"and", "orr", "eor", "ands"}[opc];
        sameWidth(insn, rd, rn, rm);
        checkRange(insn, "shift amount", amount, 0, rd.is64() ? 63 : 31);
        return 0x0a000000 | rd.sf() << 31 | opc << 29 | shift.ordinal() << 22 | (invert ? 1 : 0) << 21
                | reg(insn, "Rm", rm, false) << 16 | amount << 10 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    // ------------------------------------------------------------------ moves

    /** opc: 0 MOVN, 2 MOVZ, 3 MOVK. */
    static int moveWide(int opc, Reg rd, int imm16, int shift) {
        String insn = opc == 0 ? "movn" : opc == 2 ? "movz" : "movk";
        checkRange(insn, "immediate", imm16, 0, 0xffff);
        if (shift % 16 != 0 || shift < 0 || shift > (rd.is64() ? 48 : 16)) {
            throw new IllegalArgumentException(insn + ": shift must be " + (rd.is64() ? "0, 16, 32 or 48" : "0 or 16") + ", got " + shift);
        }
        return 0x12800000 | rd.sf() << 31 | opc << 29 | (shift / 16) << 21 | imm16 << 5 | reg(insn, "Rd", rd, false);
    }

    public static int movz(Reg rd, int imm16, int shift) {
        return moveWide(2, rd, imm16, shift);
    }

    public static int movn(Reg rd, int imm16, int shift) {
        return moveWide(0, rd, imm16, shift);
    }

    public static int movk(Reg rd, int imm16, int shift) {
        return moveWide(3, rd, imm16, shift);
    }

    /**
     * MOV Rd, #imm as one instruction, choosing like GNU as: MOVZ, then MOVN, then ORR with a
     * bitmask immediate. Values needing more than one instruction are rejected (use
     * {@link Assembler#movImm64}).
     */
    public static int movImm(Reg rd, long imm) {
        int bits = rd.is64() ? 64 : 32;
        long v = rd.is64() ? imm : imm & 0xffffffffL;
        if (!rd.is64() && imm >>> 32 != 0 && imm >> 31 != -1L) {
            throw new IllegalArgumentException("mov: " + hex(imm) + " does not fit in 32 bits for " + rd);
        }
        if (!rd.isSp()) {
            for (int sh = 0; sh < bits; sh += 16) {
                if ((v & ~(0xffffL << sh)) == 0) {
                    return movz(rd, (int) (v >>> sh) & 0xffff, sh);
                }
            }
            long inv = rd.is64() ? ~v : ~v & 0xffffffffL;
            for (int sh = 0; sh < bits; sh += 16) {
                if ((inv & ~(0xffffL << sh)) == 0) {
                    return movn(rd, (int) (inv >>> sh) & 0xffff, sh);
                }
            }
        }
        if (BitmaskImmediate.encode(v, rd.is64()).isPresent()) {
            return logicalImm(1, rd, rd.is64() ? Reg.XZR : Reg.WZR, v);
        }
        throw new IllegalArgumentException("mov: " + hex(imm) + " needs more than one instruction for " + rd);
    }

    /** MOV between registers: ADD #0 when SP is involved, else ORR Rd, ZR, Rm. */
    public static int movReg(Reg rd, Reg rm) {
        sameWidth("mov", rd, rm);
        if (rd.isSp() || rm.isSp()) {
            return addImm(rd, rm, 0);
        }
        return logicalShifted(1, false, rd, rd.is64() ? Reg.XZR : Reg.WZR, rm, Shift.LSL, 0);
    }

    // ------------------------------------------------------------------ bitfield / extract

    /** opc: 0 SBFM, 1 BFM, 2 UBFM. */
    static int bitfield(int opc, Reg rd, Reg rn, int immr, int imms) {
        String insn = new String[] {"sbfm", "bfm", "ubfm"}[opc];
        sameWidth(insn, rd, rn);
        int max = rd.is64() ? 63 : 31;
        checkRange(insn, "immr", immr, 0, max);
        checkRange(insn, "imms", imms, 0, max);
        return 0x13000000 | rd.sf() << 31 | opc << 29 | rd.sf() << 22 | immr << 16 | imms << 10
                | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    public static int sbfm(Reg rd, Reg rn, int immr, int imms) {
        return bitfield(0, rd, rn, immr, imms);
    }

    public static int bfm(Reg rd, Reg rn, int immr, int imms) {
        return bitfield(1, rd, rn, immr, imms);
    }

    public static int ubfm(Reg rd, Reg rn, int immr, int imms) {
        return bitfield(2, rd, rn, immr, imms);
    }

    public static int extr(Reg rd, Reg rn, Reg rm, int lsb) {
        sameWidth("extr", rd, rn, rm);
        checkRange("extr", "lsb", lsb, 0, rd.is64() ? 63 : 31);
        return 0x13800000 | rd.sf() << 31 | rd.sf() << 22 | reg("extr", "Rm", rm, false) << 16 | lsb << 10
                | reg("extr", "Rn", rn, false) << 5 | reg("extr", "Rd", rd, false);
    }

    // ------------------------------------------------------------------ conditional

    /** op/o2 selection: 0 CSEL, 1 CSINC, 2 CSINV, 3 CSNEG. */
    static int condSelect(int kind, Reg rd, Reg rn, Reg rm, Cond cond) {
        String insn = new String[] {"csel", "csinc", "csinv", "csneg"}[kind];
        sameWidth(insn, rd, rn, rm);
        return 0x1a800000 | rd.sf() << 31 | (kind >> 1) << 30 | reg(insn, "Rm", rm, false) << 16 | cond.code() << 12
                | (kind & 1) << 10 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    /** CCMP (negative=false) / CCMN with a register. */
    static int condCompareReg(boolean negative, Reg rn, Reg rm, int nzcv, Cond cond) {
        String insn = negative ? "ccmn" : "ccmp";
        sameWidth(insn, rn, rm);
        checkRange(insn, "nzcv", nzcv, 0, 15);
        return (negative ? 0x3a400000 : 0x7a400000) | rn.sf() << 31 | reg(insn, "Rm", rm, false) << 16 | cond.code() << 12
                | reg(insn, "Rn", rn, false) << 5 | nzcv;
    }

    /** CCMP / CCMN with a 5-bit immediate. */
    static int condCompareImm(boolean negative, Reg rn, int imm5, int nzcv, Cond cond) {
        String insn = negative ? "ccmn" : "ccmp";
        checkRange(insn, "immediate", imm5, 0, 31);
        checkRange(insn, "nzcv", nzcv, 0, 15);
        return (negative ? 0x3a400800 : 0x7a400800) | rn.sf() << 31 | imm5 << 16 | cond.code() << 12
                | reg(insn, "Rn", rn, false) << 5 | nzcv;
    }

    // ------------------------------------------------------------------ 1-, 2- and 3-source

    /** Data-processing (2 source): UDIV 2, SDIV 3, LSLV 8, LSRV 9, ASRV 10, RORV 11. */
    static int dp2(int opcode, String insn, Reg rd, Reg rn, Reg rm) {
        sameWidth(insn, rd, rn, rm);
        return 0x1ac00000 | rd.sf() << 31 | reg(insn, "Rm", rm, false) << 16 | opcode << 10
                | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    /** Data-processing (1 source): RBIT 0, REV16 1, REV32/REV(W) 2, REV(X) 3, CLZ 4, CLS 5. */
    static int dp1(int opcode, String insn, Reg rd, Reg rn) {
        sameWidth(insn, rd, rn);
        return 0x5ac00000 | rd.sf() << 31 | opcode << 10 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    /** MADD/MSUB: Rd = Ra ± Rn*Rm. */
    static int maddSub(boolean sub, Reg rd, Reg rn, Reg rm, Reg ra) {
        String insn = sub ? "msub" : "madd";
        sameWidth(insn, rd, rn, rm, ra);
        return 0x1b000000 | rd.sf() << 31 | reg(insn, "Rm", rm, false) << 16 | (sub ? 1 : 0) << 15
                | reg(insn, "Ra", ra, false) << 10 | reg(insn, "Rn", rn, false) << 5 | reg(insn, "Rd", rd, false);
    }

    /** SMADDL/SMSUBL/UMADDL/UMSUBL: Xd = Xa ± Wn*Wm (widening). */
    static int maddLong(boolean unsigned, boolean sub, Reg xd, Reg wn, Reg wm, Reg xa) {
        String insn = (unsigned ? "u" : "s") + (sub ? "msubl" : "maddl");
        need64(insn, xd);
        need64(insn, xa);
        if (wn.is64() || wm.is64()) {
            throw new IllegalArgumentException(insn + ": multiplicands must be W registers, got " + wn + ", " + wm);
        }
        return (unsigned ? 0x9ba00000 : 0x9b200000) | reg(insn, "Rm", wm, false) << 16 | (sub ? 1 : 0) << 15
                | reg(insn, "Ra", xa, false) << 10 | reg(insn, "Rn", wn, false) << 5 | reg(insn, "Rd", xd, false);
    }

    /** SMULH/UMULH: high 64 bits of the 128-bit product. */
    static int mulHigh(boolean unsigned, Reg xd, Reg xn, Reg xm) {
        String insn = unsigned ? "umulh" : "smulh";
        need64(insn, xd);
        sameWidth(insn, xd, xn, xm);
        return (unsigned ? 0x9bc07c00 : 0x9b407c00) | reg(insn, "Rm", xm, false) << 16 | reg(insn, "Rn", xn, false) << 5
                | reg(insn, "Rd", xd, false);
    }

    // ------------------------------------------------------------------ loads and stores

    /** A load/store size/opc pair, named like the mnemonic. */
    public enum MemOp {
        STRB(0, 0, 1, false), LDRB(0, 1, 1, false), LDRSB_X(0, 2, 1, true), LDRSB_W(0, 3, 1, false),
        STRH(1, 0, 2, false), LDRH(1, 1, 2, false), LDRSH_X(1, 2, 2, true), LDRSH_W(1, 3, 2, false),
        STR_W(2, 0, 4, false), LDR_W(2, 1, 4, false), LDRSW(2, 2, 4, true),
        STR_X(3, 0, 8, true), LDR_X(3, 1, 8, true);

        final int size, opc, bytes;
        final boolean xReg;

        MemOp(int size, int opc, int bytes, boolean xReg) {
            this.size = size;
            this.opc = opc;
            this.bytes = bytes;
            this.xReg = xReg;
        }

        public int bytes() {
            return bytes;
        }

        String mnemonic() {
            String n = name().toLowerCase(java.util.Locale.ROOT);
            return n.endsWith("_x") || n.endsWith("_w") ? n.substring(0, n.length() - 2) : n;
        }

        /** The LDR/STR op for a register of this width, from the register itself. */
        static MemOp of(boolean load, Reg rt) {
            return load ? (rt.is64() ? LDR_X : LDR_W) : (rt.is64() ? STR_X : STR_W);
        }
    }

    private static int rt(MemOp op, Reg rt) {
        if (rt.is64() != op.xReg) {
            throw new IllegalArgumentException(op.mnemonic() + ": Rt must be " + (op.xReg ? "an X" : "a W") + " register, got " + rt);
        }
        return reg(op.mnemonic(), "Rt", rt, false);
    }

    /** [Xn, #offset] choosing the scaled unsigned form, else LDUR/STUR like GNU as. */
    public static int ldst(MemOp op, Reg rt, Reg rn, long offset) {
        if (offset >= 0 && offset % op.bytes == 0 && offset / op.bytes <= 0xfff) {
            return ldstUnsigned(op, rt, rn, (int) (offset / op.bytes));
        }
        if (offset >= -256 && offset <= 255) {
            return ldstImm9(op, rt, rn, offset, 0);
        }
        throw new IllegalArgumentException(op.mnemonic() + ": offset " + offset + " is neither a scaled unsigned 12-bit "
                + "offset (multiple of " + op.bytes + " in [0, " + 0xfff * op.bytes + "]) nor in [-256, 255]");
    }

    /** The scaled unsigned-offset form with a raw imm12 (used by relocations). */
    public static int ldstUnsigned(MemOp op, Reg rt, Reg rn, int imm12) {
        checkRange(op.mnemonic(), "scaled offset", imm12, 0, 0xfff);
        return 0x39000000 | op.size << 30 | op.opc << 22 | imm12 << 10 | base(op.mnemonic(), rn) << 5 | rt(op, rt);
    }

    /** LDUR/STUR (mode 0), post-index (1), pre-index (3): signed 9-bit byte offset. */
    public static int ldstImm9(MemOp op, Reg rt, Reg rn, long offset, int mode) {
        checkRange(op.mnemonic(), "offset", offset, -256, 255);
        if (mode != 0 && rt.number() == rn.number() && !rn.isSp() && !rt.isZr()) {
            throw new IllegalArgumentException(op.mnemonic() + ": writeback with Rt == Rn (" + rt + ") is unpredictable");
        }
        return 0x38000000 | op.size << 30 | op.opc << 22 | ((int) offset & 0x1ff) << 12 | mode << 10
                | base(op.mnemonic(), rn) << 5 | rt(op, rt);
    }

    /** [Xn, Rm{, extend {#amount}}]: amount must be 0 or log2(access size). */
    public static int ldstReg(MemOp op, Reg rt, Reg rn, Reg rm, Extend extend, boolean shifted) {
        int option = extend.option();
        if (option != 2 && option != 3 && option != 6 && option != 7) {
            throw new IllegalArgumentException(op.mnemonic() + ": register offset extend must be UXTW, LSL(UXTX), SXTW or SXTX, got " + extend);
        }
        if (rm.is64() != ((option & 1) == 1)) {
            throw new IllegalArgumentException(op.mnemonic() + ": extend " + extend + " needs " + ((option & 1) == 1 ? "an X" : "a W") + " index, got " + rm);
        }
        return 0x38200800 | op.size << 30 | op.opc << 22 | reg(op.mnemonic(), "Rm", rm, false) << 16 | option << 13
                | (shifted ? 1 : 0) << 12 | base(op.mnemonic(), rn) << 5 | rt(op, rt);
    }

    /** LDR (literal): W, X, or LDRSW when {@code signedWord}. */
    public static int ldrLiteral(Reg rt, long offset, boolean signedWord) {
        int base = signedWord ? 0x98000000 : rt.is64() ? 0x58000000 : 0x18000000;
        if (signedWord) {
            need64("ldrsw", rt);
        }
        return base | branchField("LDR (literal)", offset, 19, "±1 MiB") << 5 | reg("ldr", "Rt", rt, false);
    }

    /** LDP/STP (also LDPSW): mode 1 post-index, 2 signed offset, 3 pre-index. */
    public static int ldstPair(boolean load, boolean signedWord, Reg rt, Reg rt2, Reg rn, long offset, int mode) {
        String insn = signedWord ? "ldpsw" : load ? "ldp" : "stp";
        sameWidth(insn, rt, rt2);
        if (signedWord) {
            need64(insn, rt);
        }
        int scale = signedWord ? 4 : rt.is64() ? 8 : 4;
        if (offset % scale != 0) {
            throw new IllegalArgumentException(insn + ": offset " + offset + " is not a multiple of " + scale);
        }
        checkRange(insn, "offset", offset, -64L * scale, 63L * scale);
        if (load && rt.number() == rt2.number()) {
            throw new IllegalArgumentException(insn + ": Rt == Rt2 (" + rt + ") is unpredictable for loads");
        }
        int opc = signedWord ? 1 : rt.is64() ? 2 : 0;
        return 0x28000000 | opc << 30 | mode << 23 | (load ? 1 : 0) << 22 | ((int) (offset / scale) & 0x7f) << 15
                | reg(insn, "Rt2", rt2, false) << 10 | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    /** Exclusive and acquire/release forms without a status register: LDXR/LDAXR/LDAR/STLR. */
    public static int ldxr(Reg rt, Reg rn) {
        return ldstExclusive("ldxr", LDXR, rt.is64() ? 3 : 2, rt, rn);
    }

    public static int ldaxr(Reg rt, Reg rn) {
        return ldstExclusive("ldaxr", LDAXR, rt.is64() ? 3 : 2, rt, rn);
    }

    public static int ldar(Reg rt, Reg rn) {
        return ldstExclusive("ldar", LDAR, rt.is64() ? 3 : 2, rt, rn);
    }

    public static int stlr(Reg rt, Reg rn) {
        return ldstExclusive("stlr", STLR, rt.is64() ? 3 : 2, rt, rn);
    }

    /** STXR/STLXR Ws, Rt, [Xn]. */
    public static int stxr(boolean release, Reg ws, Reg rt, Reg rn) {
        return storeExclusive(release, rt.is64() ? 3 : 2, ws, rt, rn);
    }

    // ------------------------------------------------------------------ more system forms

    /** SYS #op1, Cn, Cm, #op2, Xt (the generic form behind IC/DC/TLBI). */
    public static int sys(int op1, int crn, int crm, int op2, Reg xt) {
        need64("sys", xt);
        checkRange("sys", "op1", op1, 0, 7);
        checkRange("sys", "CRn", crn, 0, 15);
        checkRange("sys", "CRm", crm, 0, 15);
        checkRange("sys", "op2", op2, 0, 7);
        return 0xd5080000 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | reg("sys", "Xt", xt, false);
    }

    public static int tlbi(TlbiOp op, Reg xt) {
        need64("tlbi", xt);
        if (!op.takesRegister() && !xt.isZr()) {
            throw new IllegalArgumentException("tlbi " + op + " takes no register, got " + xt);
        }
        return op.baseWord() | reg("tlbi", "Xt", xt, false);
    }

    /** MRS Xt, S&lt;op0&gt;_&lt;op1&gt;_C&lt;n&gt;_C&lt;m&gt;_&lt;op2&gt;: any system register by encoding. */
    public static int mrs(Reg xt, int op0, int op1, int crn, int crm, int op2) {
        need64("mrs", xt);
        return 0xd5300000 | sysregFields(op0, op1, crn, crm, op2) | reg("mrs", "Xt", xt, false);
    }

    public static int msr(int op0, int op1, int crn, int crm, int op2, Reg xt) {
        need64("msr", xt);
        return 0xd5100000 | sysregFields(op0, op1, crn, crm, op2) | reg("msr", "Xt", xt, false);
    }

    private static int sysregFields(int op0, int op1, int crn, int crm, int op2) {
        checkRange("mrs/msr", "op0", op0, 2, 3);
        checkRange("mrs/msr", "op1", op1, 0, 7);
        checkRange("mrs/msr", "CRn", crn, 0, 15);
        checkRange("mrs/msr", "CRm", crm, 0, 15);
        checkRange("mrs/msr", "op2", op2, 0, 7);
        return ((op0 - 2) << 14 | op1 << 11 | crn << 7 | crm << 3 | op2) << 5;
    }

    /** MSR &lt;pstatefield&gt;, #imm4 (op1/op2 select the field: DAIFSet 3/6, DAIFClr 3/7, SPSel 0/5, PAN 0/4). */
    public static int msrImm(int op1, int op2, int imm4) {
        checkRange("msr", "op1", op1, 0, 7);
        checkRange("msr", "op2", op2, 0, 7);
        checkRange("msr", "immediate", imm4, 0, 15);
        return 0xd500401f | op1 << 16 | imm4 << 8 | op2 << 5;
    }

    /** ISB with an explicit option (15 = SY). */
    public static int isb(int crm) {
        return 0xd50330df | (int) checkRange("isb", "option", crm, 0, 15) << 8;
    }

    /** DSB with a raw option (#0 is SSBB, #4 PSSBB). */
    public static int dsb(int crm) {
        return 0xd503309f | (int) checkRange("dsb", "option", crm, 0, 15) << 8;
    }

    public static int dmb(int crm) {
        return 0xd50330bf | (int) checkRange("dmb", "option", crm, 0, 15) << 8;
    }

    public static int clrex(int crm) {
        return 0xd503305f | (int) checkRange("clrex", "immediate", crm, 0, 15) << 8;
    }

    /** SB: speculation barrier. */
    public static int sb() {
        return 0xd50330ff;
    }

    // ------------------------------------------------------------------ CRC32

    /** CRC32{B,H,W,X} (c=false) / CRC32C* (c=true); sz 0..3; the X form takes an X Rm. */
    public static int crc32(boolean c, int sz, Reg wd, Reg wn, Reg rm) {
        String insn = "crc32" + (c ? "c" : "") + "bhwx".charAt(sz);
        if (wd.is64() || wn.is64() || rm.is64() != (sz == 3)) {
            throw new IllegalArgumentException(insn + ": operands must be Wd, Wn, " + (sz == 3 ? "Xm" : "Wm"));
        }
        return 0x1ac04000 | (sz == 3 ? 1 : 0) << 31 | reg(insn, "Rm", rm, false) << 16 | (c ? 1 : 0) << 12 | sz << 10
                | reg(insn, "Rn", wn, false) << 5 | reg(insn, "Rd", wd, false);
    }

    // ------------------------------------------------------------------ prefetch, unprivileged, non-temporal, exclusives, atomics

    /** PRFM #prfop, [Xn, #offset] (scaled unsigned 12-bit, multiple of 8). */
    public static int prfm(int prfop, Reg rn, long offset) {
        checkRange("prfm", "prfop", prfop, 0, 31);
        if (offset % 8 != 0) {
            throw new IllegalArgumentException("prfm: offset " + offset + " is not a multiple of 8");
        }
        checkRange("prfm", "offset", offset, 0, 0xfff * 8L);
        return 0xf9800000 | (int) (offset / 8) << 10 | base("prfm", rn) << 5 | prfop;
    }

    /** PRFM #prfop, label. */
    public static int prfmLiteral(int prfop, long offset) {
        checkRange("prfm", "prfop", prfop, 0, 31);
        return 0xd8000000 | branchField("PRFM (literal)", offset, 19, "±1 MiB") << 5 | prfop;
    }

    /** PRFM #prfop, [Xn, Rm{, extend}]. */
    public static int prfmReg(int prfop, Reg rn, Reg rm, Extend extend, boolean shifted) {
        checkRange("prfm", "prfop", prfop, 0, 31);
        return (ldstReg(MemOp.LDR_X, Reg.X0, rn, rm, extend, shifted) & ~0x00c0001f) | 2 << 22 | prfop;
    }

    /** LDTR/STTR family: the unprivileged imm9 form (mode 2). */
    public static int ldstUnprivileged(MemOp op, Reg rt, Reg rn, long offset) {
        checkRange(op.mnemonic(), "offset", offset, -256, 255);
        return 0x38000800 | op.size << 30 | op.opc << 22 | ((int) offset & 0x1ff) << 12 | base(op.mnemonic(), rn) << 5 | rt(op, rt);
    }

    /** LDNP/STNP: the non-temporal pair (mode 0). */
    public static int ldstPairNonTemporal(boolean load, Reg rt, Reg rt2, Reg rn, long offset) {
        return ldstPair(load, false, rt, rt2, rn, offset, 0);
    }

    /** Access size of exclusive / ordered / atomic forms: 0 byte, 1 half, 2 word, 3 doubleword. */
    private static int exSize(String insn, Reg rt, int size) {
        if (size == 3 ? !rt.is64() : rt.is64()) {
            throw new IllegalArgumentException(insn + ": Rt must be " + (size == 3 ? "an X" : "a W") + " register, got " + rt);
        }
        return size;
    }

    /**
     * The load/store-exclusive and ordered family without a status register:
     * LDXR (acquire=false, ordered=false), LDAXR (acquire), LDAR (ordered), STLR (store, ordered).
     */
    public static int ldstExclusive(String insn, int base, int size, Reg rt, Reg rn) {
        return base | exSize(insn, rt, size) << 30 | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    public static final int LDXR = 0x085f7c00, LDAXR = 0x085ffc00, LDAR = 0x08dffc00, STLR = 0x089ffc00,
            STXR = 0x08007c00, STLXR = 0x0800fc00;

    /** STXR/STLXR of any size: Ws status. */
    public static int storeExclusive(boolean release, int size, Reg ws, Reg rt, Reg rn) {
        String insn = release ? "stlxr" : "stxr";
        if (ws.is64()) {
            throw new IllegalArgumentException(insn + ": status register must be a W register, got " + ws);
        }
        if (ws.number() == rt.number() || ws.number() == rn.number() && !rn.isSp()) {
            throw new IllegalArgumentException(insn + ": status register " + ws + " overlaps Rt/Rn (unpredictable)");
        }
        return (release ? STLXR : STXR) | exSize(insn, rt, size) << 30 | reg(insn, "Rs", ws, false) << 16
                | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    /** LDXP/LDAXP Rt, Rt2, [Xn]. */
    public static int loadExclusivePair(boolean acquire, Reg rt, Reg rt2, Reg rn) {
        String insn = acquire ? "ldaxp" : "ldxp";
        sameWidth(insn, rt, rt2);
        return 0x887f0000 | rt.sf() << 30 | (acquire ? 1 : 0) << 15 | reg(insn, "Rt2", rt2, false) << 10
                | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    /** STXP/STLXP Ws, Rt, Rt2, [Xn]. */
    public static int storeExclusivePair(boolean release, Reg ws, Reg rt, Reg rt2, Reg rn) {
        String insn = release ? "stlxp" : "stxp";
        sameWidth(insn, rt, rt2);
        if (ws.is64()) {
            throw new IllegalArgumentException(insn + ": status register must be a W register, got " + ws);
        }
        return 0x88200000 | rt.sf() << 30 | reg(insn, "Rs", ws, false) << 16 | (release ? 1 : 0) << 15
                | reg(insn, "Rt2", rt2, false) << 10 | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    /** The FEAT_LSE atomic memory operations (opc field; SWP is separate). */
    public enum AtomicOp {
        ADD, CLR, EOR, SET, SMAX, SMIN, UMAX, UMIN
    }

    /** LD&lt;op&gt;{A}{L} Rs, Rt, [Xn] (ST&lt;op&gt; is Rt = ZR). */
    public static int atomic(AtomicOp op, boolean acquire, boolean release, int size, Reg rs, Reg rt, Reg rn) {
        String insn = "ld" + op.name().toLowerCase(java.util.Locale.ROOT);
        exSize(insn, rs, size);
        exSize(insn, rt, size);
        return 0x38200000 | size << 30 | (acquire ? 1 : 0) << 23 | (release ? 1 : 0) << 22 | reg(insn, "Rs", rs, false) << 16
                | op.ordinal() << 12 | base(insn, rn) << 5 | reg(insn, "Rt", rt, false);
    }

    /** SWP{A}{L} Rs, Rt, [Xn]. */
    public static int swp(boolean acquire, boolean release, int size, Reg rs, Reg rt, Reg rn) {
        exSize("swp", rs, size);
        exSize("swp", rt, size);
        return 0x38208000 | size << 30 | (acquire ? 1 : 0) << 23 | (release ? 1 : 0) << 22 | reg("swp", "Rs", rs, false) << 16
                | base("swp", rn) << 5 | reg("swp", "Rt", rt, false);
    }

    /** CAS{A}{L} Rs, Rt, [Xn]. */
    public static int cas(boolean acquire, boolean release, int size, Reg rs, Reg rt, Reg rn) {
        exSize("cas", rs, size);
        exSize("cas", rt, size);
        return 0x08a07c00 | size << 30 | (acquire ? 1 : 0) << 22 | (release ? 1 : 0) << 15 | reg("cas", "Rs", rs, false) << 16
                | base("cas", rn) << 5 | reg("cas", "Rt", rt, false);
    }
}
