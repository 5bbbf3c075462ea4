package org.kernelsim.cpu.decode;

import org.kernelsim.cpu.core.SystemRegister;

/** objdump's spelling of operands, shared by the rows of {@link DecodeTable}. */
public final class Text {
    private Text() {
    }

    public static final String[] CONDITIONS = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    /** objdump's comment after a condition operand (the SVE-style synonyms), per condition. */
    static final String[] CONDITION_NOTES = {"none", "any", "hs, nlast", "lo, ul, last", "first", "nfrst", null, null,
        "pmore", "plast", "tcont", "tstop", null, null, null, null};

    /** "\t// eq = none" after an instruction whose last operand is condition c ("" if none). */
    static String condNote(int c) {
        String n = CONDITION_NOTES[c & 15];
        return n == null ? "" : "\t// " + CONDITIONS[c & 15] + " = " + n;
    }

    /** "\t// b.hs, b.nlast" after b.cond. */
    static String branchNote(int c) {
        String n = CONDITION_NOTES[c & 15];
        return n == null ? "" : "\t// b." + n.replace(", ", ", b.");
    }

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

    /** objdump's names of system registers outside {@link SystemRegister}, as "op0 op1 CRn CRm op2 name". */
    private static final String[] OTHER_SYSREGS = {
        "3 3 13 0 3 tpidrro_el0", "3 0 2 0 0 ttbr0_el1", "3 0 2 0 1 ttbr1_el1", "3 0 2 0 2 tcr_el1", "3 0 10 2 0 mair_el1",
        "3 0 10 3 0 amair_el1", "3 0 13 0 1 contextidr_el1", "3 0 14 1 0 cntkctl_el1", "3 0 4 2 0 spsel", "3 3 4 4 0 fpcr",
        "3 3 4 4 1 fpsr", "3 0 4 2 3 pan", "3 0 4 2 4 uao", "3 3 14 3 1 cntv_ctl_el0", "3 3 14 3 2 cntv_cval_el0",
        "3 3 14 3 0 cntv_tval_el0", "3 3 14 2 1 cntp_ctl_el0", "3 3 14 2 2 cntp_cval_el0", "3 3 14 2 0 cntp_tval_el0",
        "3 0 0 0 0 midr_el1", "3 3 0 0 7 dczid_el0", "3 3 14 0 2 cntvct_el0", "3 3 14 0 1 cntpct_el0", "3 3 14 0 0 cntfrq_el0",
        "3 0 0 4 0 id_aa64pfr0_el1", "3 0 0 4 1 id_aa64pfr1_el1", "3 0 0 6 0 id_aa64isar0_el1", "3 0 0 6 1 id_aa64isar1_el1",
        "3 0 0 7 0 id_aa64mmfr0_el1", "3 0 0 7 1 id_aa64mmfr1_el1", "3 0 0 7 2 id_aa64mmfr2_el1", "3 0 0 5 0 id_aa64dfr0_el1",
        "3 0 0 0 6 revidr_el1", "3 0 1 0 2 cpacr_el1", "3 0 1 0 1 actlr_el1", "3 0 5 1 0 afsr0_el1", "3 0 5 1 1 afsr1_el1",
        "3 0 7 4 0 par_el1", "3 4 4 1 0 sp_el1", "2 0 0 2 2 mdscr_el1", "3 3 4 2 5 dit", "3 3 4 2 6 ssbs", "3 3 4 2 7 tco"};
    private static final java.util.Map<Integer, String> SYSREG_NAMES = new java.util.HashMap<>();

    static {
        for (String s : OTHER_SYSREGS) {
            String[] f = s.split(" ");
            int enc = (Integer.parseInt(f[0]) - 2) << 14 | Integer.parseInt(f[1]) << 11 | Integer.parseInt(f[2]) << 7
                    | Integer.parseInt(f[3]) << 3 | Integer.parseInt(f[4]);
            SYSREG_NAMES.put(enc, f[5]);
        }
    }

    static String sysreg(int enc) {
        SystemRegister r = SystemRegister.fromEncoding(enc);
        if (r != null) {
            return r.name().replace("_", "").equals("CURRENTEL") ? "currentel" : r.name().toLowerCase();
        }
        String other = SYSREG_NAMES.get(enc);
        if (other != null) {
            return other;
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
