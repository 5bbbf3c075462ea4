package org.kernelsim.kernel.patching;

import org.kernelsim.api.emit.A64;

/**
 * A compact disassembly of the instructions the kernel's reports mention (branches, hints,
 * exception generators, the trampoline and kCFI sequences); anything else prints as
 * {@code .inst 0x%08x}. (The CPU module's full disassembler can replace this.)
 */
public final class Insns {

    private Insns() {
    }

    public static String describe(int w, long pc) {
        if (A64.isNop(w)) {
            return "nop";
        }
        if (A64.isB(w)) {
            return String.format("b 0x%x", pc + A64.branchOffset(w));
        }
        if (A64.isBl(w)) {
            return String.format("bl 0x%x", pc + A64.branchOffset(w));
        }
        switch (w) {
            case A64.RET:
                return "ret";
            case A64.BTI:
                return "bti";
            case A64.BTI_C:
                return "bti c";
            case A64.BTI_J:
                return "bti j";
            case A64.BTI_JC:
                return "bti jc";
            case A64.ISB:
                return "isb";
            default:
                break;
        }
        if ((w & 0xfffffc1f) == 0xd61f0000) {
            return "br x" + (w >>> 5 & 31);
        }
        if ((w & 0xfffffc1f) == 0xd63f0000) {
            return "blr x" + (w >>> 5 & 31);
        }
        if (A64.isBrk(w)) {
            return String.format("brk #0x%x", w >>> 5 & 0xffff);
        }
        if (A64.isHvc(w)) {
            return String.format("hvc #0x%x", w >>> 5 & 0xffff);
        }
        if (A64.isSvc(w)) {
            return String.format("svc #0x%x", w >>> 5 & 0xffff);
        }
        if ((w & 0x7f800000) == 0x11000000) {
            String r = (w >>> 31) != 0 ? "x" : "w";
            int rd = w & 31;
            int rn = w >>> 5 & 31;
            int imm = w >>> 10 & 0xfff;
            if ((w >>> 30 & 1) == 0) {
                return imm == 0 && (rd == 31 || rn == 31) ? String.format("mov %s, %s", reg(r, rd, true), reg(r, rn, true))
                        : String.format("add %s, %s, #0x%x", reg(r, rd, true), reg(r, rn, true), imm);
            }
            return String.format("sub %s, %s, #0x%x", reg(r, rd, true), reg(r, rn, true), imm);
        }
        if ((w & 0x7fe0ffe0) == 0x2a0003e0) {
            String r = (w >>> 31) != 0 ? "x" : "w";
            return String.format("mov %s, %s", reg(r, w & 31, false), reg(r, w >>> 16 & 31, false));
        }
        if ((w & 0x7f800000) == 0x52800000 || (w & 0x7f800000) == 0x72800000) {
            String r = (w >>> 31) != 0 ? "x" : "w";
            String op = (w & 0x60000000) == 0x60000000 ? "movk" : "mov";
            int hw = w >>> 21 & 3;
            return String.format("%s %s, #0x%x%s", op, reg(r, w & 31, false), w >>> 5 & 0xffff, hw == 0 ? "" : ", lsl #" + hw * 16);
        }
        if (A64.isAdrp(w)) {
            return String.format("adrp x%d, 0x%x", w & 31, (pc & ~0xfffL) + A64.adrpOffset(w));
        }
        if (A64.isLdrXImm(w)) {
            return String.format("ldr x%d, [%s, #%d]", w & 31, reg("x", w >>> 5 & 31, true), A64.ldrXImmOffset(w));
        }
        if ((w & 0xff000000) == 0x58000000) {
            return String.format("ldr x%d, 0x%x", w & 31, pc + ((long) (w << 8 >> 13) << 2));
        }
        return String.format(".inst 0x%08x", w);
    }

    private static String reg(String prefix, int r, boolean spIs31) {
        if (r == 31) {
            return spIs31 ? (prefix.equals("x") ? "sp" : "wsp") : prefix + "zr";
        }
        return prefix + r;
    }
}
