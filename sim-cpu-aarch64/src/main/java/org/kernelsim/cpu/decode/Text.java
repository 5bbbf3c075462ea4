package org.kernelsim.cpu.decode;

import org.kernelsim.cpu.core.SystemRegister;

/** objdump's spelling of operands, shared by the rows of {@link DecodeTable}. */
public final class Text {
    private Text() {
    }

    public static final String[] CONDITIONS = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};
    static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};
    static final String[] BARRIER_OPTIONS = {null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh",
        null, "ishld", "ishst", "ish", null, "ld", "st", "sy"};

    /** General register: x0..x30/xzr or w0..w30/wzr. */
    public static String r(boolean sf, int n) {
        if (n == 31) {
            return sf ? "xzr" : "wzr";
        }
        return (sf ? "x" : "w") + n;
    }

    /** General register where 31 is the stack pointer. */
    public static String rsp(boolean sf, int n) {
        if (n == 31) {
            return sf ? "sp" : "wsp";
        }
        return (sf ? "x" : "w") + n;
    }

    public static String x(int n) {
        return r(true, n);
    }

    public static String w(int n) {
        return r(false, n);
    }

    public static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }

    public static String dec(long v) {
        return "#" + v;
    }

    public static String cond(int c) {
        return CONDITIONS[c & 15];
    }

    /** objdump's MOV-immediate operand: hex padded to 20 digits and the decimal in a comment. */
    static String movImm(boolean sf, long value) {
        if (sf) {
            return String.format("#0x%-20x\t// #%d", value, value);
        }
        int v = (int) value;
        return String.format("#0x%-20x\t// #%d", v, v);
    }

    static String sysreg(int enc) {
        SystemRegister r = SystemRegister.fromEncoding(enc);
        if (r != null) {
            return r.name().replace("_", "").equals("CURRENTEL") ? "currentel" : r.name().toLowerCase();
        }
        int op0 = 2 + (enc >>> 14 & 1);
        int op1 = enc >>> 11 & 7;
        int crn = enc >>> 7 & 15;
        int crm = enc >>> 3 & 15;
        int op2 = enc & 7;
        return "s" + op0 + "_" + op1 + "_c" + crn + "_c" + crm + "_" + op2;
    }

    /** "[xn, #imm]" style for immediate offsets; zero offset prints "[xn]". */
    static String mem(int rn, long offset) {
        return offset == 0 ? "[" + rsp(true, rn) + "]" : "[" + rsp(true, rn) + ", #" + offset + "]";
    }

    static String memPre(int rn, long offset) {
        return "[" + rsp(true, rn) + ", #" + offset + "]!";
    }

    static String memPost(int rn, long offset) {
        return "[" + rsp(true, rn) + "], #" + offset;
    }
}
