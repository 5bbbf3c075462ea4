package org.kernelsim.cpu.decode;

import static org.kernelsim.cpu.decode.Text.cond;
import static org.kernelsim.cpu.decode.Text.dec;
import static org.kernelsim.cpu.decode.Text.hex;
import static org.kernelsim.cpu.decode.Text.r;
import static org.kernelsim.cpu.decode.Text.rsp;
import static org.kernelsim.cpu.decode.Text.x;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * THE instruction table: every A64 form the simulator implements, as one row each (name, bit
 * pattern, operation, reserved-value guard, field semantics, objdump syntax with aliases). The
 * {@link Decoder}, the {@code Disassembler} and the table-driven encoder all read these rows;
 * nothing else knows encodings. Rows are tried in order, so a more specific row comes first.
 * Any word no row matches (FP/SIMD, SVE, unallocated, features not modelled) is UNDEFINED.
 *
 * <p>Field letters used: f sf; d Rd; n Rn; m Rm; a Ra; t Rt; u Rt2; i/j immediates; s shift;
 * h hw/sh; c cond; e N bit; r immr; k imms; o option; z nzcv; b b5; l immlo; g op2.
 */
public final class DecodeTable {

    private static final List<Form> FORMS;

    private DecodeTable() {
    }

    public static List<Form> forms() {
        return FORMS;
    }

    /** The row named {@code name}. */
    public static Form form(String name) {
        for (Form f : FORMS) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no form named " + name);
    }

    private static final List<Form> rows = new ArrayList<>();

    private static void add(String name, String pattern, int op, Predicate<Fields> guard, Form.Semantics sem, Form.Syntax syn) {
        rows.add(new Form(name, pattern, op, guard, sem, syn));
    }

    private static void add(String name, String pattern, int op, Form.Semantics sem, Form.Syntax syn) {
        add(name, pattern, op, null, sem, syn);
    }

    /** Encoding 31 as the stack pointer. */
    static int sp(int r) {
        return r == 31 ? Insn.SP : r;
    }

    /** Encoding 31 as a destination XZR: writes vanish into the sink register. */
    static int dz(int r) {
        return r == 31 ? Insn.SINK : r;
    }


    // ------------------------------------------------------------------ branches, exceptions

    private static void branches() {
        add("B", "000101 iiiiiiiiiiiiiiiiiiiiiiiiii", Op.B,
                (f, b) -> b.imm = f.sext('i') << 2,
                (f, pc, t) -> "b\t" + t.apply(pc + (f.sext('i') << 2)));
        add("BL", "100101 iiiiiiiiiiiiiiiiiiiiiiiiii", Op.BL,
                (f, b) -> b.imm = f.sext('i') << 2,
                (f, pc, t) -> "bl\t" + t.apply(pc + (f.sext('i') << 2)));
        add("B.cond", "01010100 iiiiiiiiiiiiiiiiiii 0 cccc", Op.B_COND,
                (f, b) -> {
                    b.imm = f.sext('i') << 2;
                    b.cond = f.get('c');
                },
                (f, pc, t) -> "b." + cond(f.get('c')) + "\t" + t.apply(pc + (f.sext('i') << 2)) + Text.branchNote(f.get('c')));
        for (int nz = 0; nz < 2; nz++) {
            String mn = nz == 0 ? "cbz" : "cbnz";
            add(mn.toUpperCase(), "f 011010 " + nz + " iiiiiiiiiiiiiiiiiii ttttt", nz == 0 ? Op.CBZ : Op.CBNZ,
                    (f, b) -> {
                        b.imm = f.sext('i') << 2;
                        b.rn = f.get('t');
                    },
                    (f, pc, t) -> mn + "\t" + r(f.sf(), f.get('t')) + ", " + t.apply(pc + (f.sext('i') << 2)));
        }
        for (int nz = 0; nz < 2; nz++) {
            String mn = nz == 0 ? "tbz" : "tbnz";
            add(mn.toUpperCase(), "b 011011 " + nz + " jjjjj iiiiiiiiiiiiii ttttt", nz == 0 ? Op.TBZ : Op.TBNZ,
                    (f, b) -> {
                        b.imm = f.sext('i') << 2;
                        b.rn = f.get('t');
                        b.amount = f.get('b') << 5 | f.get('j');
                    },
                    (f, pc, t) -> mn + "\t" + r(f.get('b') == 1, f.get('t')) + ", " + dec(f.get('b') << 5 | f.get('j')) + ", "
                            + t.apply(pc + (f.sext('i') << 2)));
        }
        add("BR", "1101011 0000 11111 000000 nnnnn 00000", Op.BR, (f, b) -> b.rn = f.get('n'),
                (f, pc, t) -> "br\t" + x(f.get('n')));
        add("BLR", "1101011 0001 11111 000000 nnnnn 00000", Op.BLR, (f, b) -> b.rn = f.get('n'),
                (f, pc, t) -> "blr\t" + x(f.get('n')));
        add("RET", "1101011 0010 11111 000000 nnnnn 00000", Op.RET, (f, b) -> b.rn = f.get('n'),
                (f, pc, t) -> f.get('n') == 30 ? "ret" : "ret\t" + x(f.get('n')));
        add("ERET", "1101011 0100 11111 000000 11111 00000", Op.ERET, (f, b) -> { }, (f, pc, t) -> "eret");

        String[] exc = {"svc", "hvc", "smc"};
        int[] excOps = {Op.SVC, Op.HVC, Op.SMC};
        for (int i = 0; i < 3; i++) {
            String mn = exc[i];
            add(mn.toUpperCase(), "11010100 000 iiiiiiiiiiiiiiii 000 " + (i == 0 ? "01" : i == 1 ? "10" : "11"), excOps[i],
                    (f, b) -> b.imm = f.get('i'), (f, pc, t) -> mn + "\t" + hex(f.get('i')));
        }
        add("BRK", "11010100 001 iiiiiiiiiiiiiiii 000 00", Op.BRK,
                (f, b) -> {
                    b.imm = f.get('i');
                    b.landingPads = 0b1110;
                },
                (f, pc, t) -> "brk\t" + hex(f.get('i')));
        add("HLT", "11010100 010 iiiiiiiiiiiiiiii 000 00", Op.HLT,
                (f, b) -> {
                    b.imm = f.get('i');
                    b.landingPads = 0b1110;
                },
                (f, pc, t) -> "hlt\t" + hex(f.get('i')));
        add("UDF", "0000000000000000 iiiiiiiiiiiiiiii", Op.UDF, (f, b) -> b.imm = f.get('i'),
                (f, pc, t) -> "udf\t" + dec(f.get('i')));
    }

    // ------------------------------------------------------------------ system

    static final String[] HINTS = new String[128];

    static {
        String[] named = {"0 nop", "1 yield", "2 wfe", "3 wfi", "4 sev", "5 sevl", "7 xpaclri", "8 pacia1716",
            "10 pacib1716", "12 autia1716", "14 autib1716", "16 esb", "17 psb\tcsync", "18 tsb\tcsync", "20 csdb",
            "22 clrbhb", "24 paciaz", "25 paciasp", "26 pacibz", "27 pacibsp", "28 autiaz", "29 autiasp", "30 autibz",
            "31 autibsp", "32 bti", "34 bti\tc", "36 bti\tj", "38 bti\tjc"};
        for (String s : named) {
            int sp = s.indexOf(' ');
            HINTS[Integer.parseInt(s.substring(0, sp))] = s.substring(sp + 1);
        }
    }

    /** Landing-pad bits of hint #n (see {@link Insn#landingPads}). */
    static int hintPads(int n) {
        switch (n) {
            case 34: return 0b0110;           // bti c: BTYPE 01, 10
            case 36: return 0b1010;           // bti j: 01, 11
            case 38: return 0b1110;           // bti jc: all
            case 25: case 27: return 0b0110 | Insn.PAD_PAC; // paciasp/pacibsp
            default: return 0;
        }
    }

    private static String barrier(String mn, int crm) {
        String o = Text.BARRIER_OPTIONS[crm];
        return mn + "\t" + (o != null ? o : String.format("#0x%02x", crm));
    }

    private static void system() {
        add("HINT", "11010101 00000011 0010 hhhh ggg 11111", Op.HINT,
                (f, b) -> {
                    int n = f.get('h') << 3 | f.get('g');
                    b.imm = n;
                    b.landingPads = hintPads(n);
                },
                (f, pc, t) -> {
                    int n = f.get('h') << 3 | f.get('g');
                    return HINTS[n] != null ? HINTS[n] : "hint\t" + hex(n);
                });
        add("DSB", "11010101 00000011 0011 mmmm 100 11111", Op.DSB, (f, b) -> b.imm = f.get('m'),
                (f, pc, t) -> f.get('m') == 0 ? "ssbb" : f.get('m') == 4 ? "pssbb" : barrier("dsb", f.get('m')));
        add("DMB", "11010101 00000011 0011 mmmm 101 11111", Op.DMB, (f, b) -> b.imm = f.get('m'),
                (f, pc, t) -> barrier("dmb", f.get('m')));
        add("ISB", "11010101 00000011 0011 mmmm 110 11111", Op.ISB, (f, b) -> b.imm = f.get('m'),
                (f, pc, t) -> f.get('m') == 15 ? "isb" : "isb\t" + hex(f.get('m')));
        add("MSR_DAIFSet", "11010101 00000 011 0100 mmmm 110 11111", Op.MSR_DAIFSET, (f, b) -> b.imm = f.get('m'),
                (f, pc, t) -> "msr\tdaifset, " + hex(f.get('m')));
        add("MSR_DAIFClr", "11010101 00000 011 0100 mmmm 111 11111", Op.MSR_DAIFCLR, (f, b) -> b.imm = f.get('m'),
                (f, pc, t) -> "msr\tdaifclr, " + hex(f.get('m')));
        add("IC_IALLUIS", "1101010100001 000 0111 0001 000 11111", Op.IC_IALLUIS, (f, b) -> { }, (f, pc, t) -> "ic\tialluis");
        add("IC_IALLU", "1101010100001 000 0111 0101 000 11111", Op.IC_IALLU, (f, b) -> { }, (f, pc, t) -> "ic\tiallu");
        add("IC_IVAU", "1101010100001 011 0111 0101 001 ttttt", Op.IC_IVAU, (f, b) -> b.rn = f.get('t'),
                (f, pc, t) -> "ic\tivau, " + x(f.get('t')));
        add("DC_CVAC", "1101010100001 011 0111 1010 001 ttttt", Op.DC_CVAC, (f, b) -> b.rn = f.get('t'),
                (f, pc, t) -> "dc\tcvac, " + x(f.get('t')));
        add("DC_CVAU", "1101010100001 011 0111 1011 001 ttttt", Op.DC_CVAU, (f, b) -> b.rn = f.get('t'),
                (f, pc, t) -> "dc\tcvau, " + x(f.get('t')));
        add("DC_CIVAC", "1101010100001 011 0111 1110 001 ttttt", Op.DC_CIVAC, (f, b) -> b.rn = f.get('t'),
                (f, pc, t) -> "dc\tcivac, " + x(f.get('t')));
        add("MRS", "110101010011 rrrrrrrrrrrrrrr ttttt", Op.MRS,
                (f, b) -> {
                    b.rd = dz(f.get('t'));
                    b.imm = f.get('r'); // o0:op1:CRn:CRm:op2, as SystemRegister.encoding()
                },
                (f, pc, t) -> "mrs\t" + x(f.get('t')) + ", " + Text.sysreg(f.get('r')));
        add("MSR", "110101010001 rrrrrrrrrrrrrrr ttttt", Op.MSR,
                (f, b) -> {
                    b.rn = f.get('t');
                    b.imm = f.get('r');
                },
                (f, pc, t) -> "msr\t" + Text.sysreg(f.get('r')) + ", " + x(f.get('t')));
    }

    // ------------------------------------------------------------------ data processing (immediate)

    private static void dataProcessingImmediate() {
        add("ADR", "0 ll 10000 hhhhhhhhhhhhhhhhhhh ddddd", Op.ADR,
                (f, b) -> {
                    b.rd = dz(f.get('d'));
                    b.imm = adrImm(f);
                },
                (f, pc, t) -> "adr\t" + x(f.get('d')) + ", " + t.apply(pc + adrImm(f)));
        add("ADRP", "1 ll 10000 hhhhhhhhhhhhhhhhhhh ddddd", Op.ADRP,
                (f, b) -> {
                    b.rd = dz(f.get('d'));
                    b.imm = adrImm(f) << 12;
                },
                (f, pc, t) -> "adrp\t" + x(f.get('d')) + ", " + t.apply((pc & ~0xfffL) + (adrImm(f) << 12)));

        String[] names = {"add", "adds", "sub", "subs"};
        int[] ops = {Op.ADD_IMM, Op.ADDS_IMM, Op.SUB_IMM, Op.SUBS_IMM};
        for (int i = 0; i < 4; i++) {
            String mn = names[i];
            boolean setFlags = (i & 1) != 0;
            add(mn.toUpperCase() + "_imm", "f " + (i >> 1) + (i & 1) + " 100010 h iiiiiiiiiiii nnnnn ddddd", ops[i],
                    (f, b) -> {
                        b.rd = setFlags ? dz(f.get('d')) : sp(f.get('d'));
                        b.rn = sp(f.get('n'));
                        b.imm = (long) f.get('i') << (12 * f.get('h'));
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int d = f.get('d'), n = f.get('n');
                        String imm = hex(f.get('i')) + (f.get('h') == 1 ? ", lsl #12" : "");
                        if (mn.equals("add") && f.get('h') == 0 && f.get('i') == 0 && (d == 31 || n == 31)) {
                            return "mov\t" + rsp(sf, d) + ", " + rsp(sf, n);
                        }
                        if (setFlags && d == 31) {
                            return (mn.equals("adds") ? "cmn" : "cmp") + "\t" + rsp(sf, n) + ", " + imm;
                        }
                        return mn + "\t" + (setFlags ? r(sf, d) : rsp(sf, d)) + ", " + rsp(sf, n) + ", " + imm;
                    });
        }

        String[] lnames = {"and", "orr", "eor", "ands"};
        int[] lops = {Op.AND_IMM, Op.ORR_IMM, Op.EOR_IMM, Op.ANDS_IMM};
        for (int i = 0; i < 4; i++) {
            String mn = lnames[i];
            boolean flags = i == 3;
            add(mn.toUpperCase() + "_imm", "f " + (i >> 1) + (i & 1) + " 100100 e rrrrrr kkkkkk nnnnn ddddd", lops[i],
                    f -> logicalImm(f) != null,
                    (f, b) -> {
                        b.rd = flags ? dz(f.get('d')) : sp(f.get('d'));
                        b.rn = f.get('n');
                        b.imm = logicalImm(f);
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int d = f.get('d'), n = f.get('n');
                        long v = logicalImm(f);
                        if (flags && d == 31) {
                            return "tst\t" + r(sf, n) + ", " + hex(v);
                        }
                        if (mn.equals("orr") && n == 31
                                && !Bitmasks.moveWidePreferred(sf, f.get('e'), f.get('k'), f.get('r'))) {
                            return "mov\t" + rsp(sf, d) + ", " + Text.movImm(sf, v);
                        }
                        return mn + "\t" + (flags ? r(sf, d) : rsp(sf, d)) + ", " + r(sf, n) + ", " + hex(v);
                    });
        }

        String[] wnames = {"movn", null, "movz", "movk"};
        int[] wops = {Op.MOVN, 0, Op.MOVZ, Op.MOVK};
        for (int i : new int[] {0, 2, 3}) {
            String mn = wnames[i];
            add(mn.toUpperCase(), "f " + (i >> 1) + (i & 1) + " 100101 hh iiiiiiiiiiiiiiii ddddd", wops[i],
                    f -> f.sf() || f.get('h') < 2,
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.amount = 16 * f.get('h');
                        b.imm = (long) f.get('i') << b.amount;
                        b.imm2 = 0xffffL << b.amount;
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int hw = f.get('h'), imm = f.get('i');
                        String d = r(sf, f.get('d'));
                        boolean alias = !(imm == 0 && hw != 0);
                        if (mn.equals("movz") && alias) {
                            return "mov\t" + d + ", " + Text.movImm(sf, (long) imm << (16 * hw));
                        }
                        if (mn.equals("movn") && alias && (sf || imm != 0xffff)) {
                            long v = ~((long) imm << (16 * hw));
                            return "mov\t" + d + ", " + Text.movImm(sf, sf ? v : v & 0xffffffffL);
                        }
                        return mn + "\t" + d + ", " + hex(imm) + (hw != 0 ? ", lsl #" + 16 * hw : "");
                    });
        }

        String[] bnames = {"sbfm", "bfm", "ubfm"};
        int[] bops = {Op.SBFM, Op.BFM, Op.UBFM};
        for (int i = 0; i < 3; i++) {
            String mn = bnames[i];
            add(mn.toUpperCase(), "f " + (i >> 1) + (i & 1) + " 100110 e rrrrrr kkkkkk nnnnn ddddd", bops[i],
                    f -> f.get('e') == f.get('f') && (f.sf() || (f.get('r') < 32 && f.get('k') < 32)),
                    (f, b) -> {
                        long[] m = Bitmasks.decode(f.get('e'), f.get('k'), f.get('r'), false, f.sf() ? 64 : 32);
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.imm = m[0];
                        b.imm2 = m[1];
                        b.amount = f.get('r');
                        b.cond = f.get('k');
                    },
                    (f, pc, t) -> bitfieldText(mn, f));
        }
        add("EXTR", "f 00 100111 e 0 mmmmm kkkkkk nnnnn ddddd", Op.EXTR,
                f -> f.get('e') == f.get('f') && (f.sf() || f.get('k') < 32),
                (f, b) -> {
                    b.rd = dz(f.get('d'));
                    b.rn = f.get('n');
                    b.rm = f.get('m');
                    b.amount = f.get('k');
                },
                (f, pc, t) -> {
                    boolean sf = f.sf();
                    if (f.get('n') == f.get('m')) {
                        return "ror\t" + r(sf, f.get('d')) + ", " + r(sf, f.get('n')) + ", " + dec(f.get('k'));
                    }
                    return "extr\t" + r(sf, f.get('d')) + ", " + r(sf, f.get('n')) + ", " + r(sf, f.get('m')) + ", " + dec(f.get('k'));
                });
    }

    static long adrImm(Fields f) {
        long v = (long) f.get('h') << 2 | f.get('l');
        return v << 43 >> 43;
    }

    static Long logicalImm(Fields f) {
        return Bitmasks.logicalImmediate(f.get('e'), f.get('k'), f.get('r'), f.sf());
    }

    private static String bitfieldText(String mn, Fields f) {
        boolean sf = f.sf();
        int size = sf ? 64 : 32;
        int immr = f.get('r'), imms = f.get('k');
        String d = r(sf, f.get('d'));
        String n = r(sf, f.get('n'));
        int n31 = f.get('n');
        switch (mn) {
            case "sbfm":
                if (imms == size - 1) {
                    return "asr\t" + d + ", " + n + ", " + dec(immr);
                }
                if (imms < immr) {
                    return "sbfiz\t" + d + ", " + n + ", " + dec((size - immr) % size) + ", " + dec(imms + 1);
                }
                if (Bitmasks.bfxPreferred(sf, false, imms, immr)) {
                    return "sbfx\t" + d + ", " + n + ", " + dec(immr) + ", " + dec(imms - immr + 1);
                }
                if (immr == 0 && imms == 7) {
                    return "sxtb\t" + d + ", " + r(false, n31);
                }
                if (immr == 0 && imms == 15) {
                    return "sxth\t" + d + ", " + r(false, n31);
                }
                if (immr == 0 && imms == 31) {
                    return "sxtw\t" + d + ", " + r(false, n31);
                }
                break;
            case "ubfm":
                if (imms != size - 1 && imms + 1 == immr) {
                    return "lsl\t" + d + ", " + n + ", " + dec(size - 1 - imms);
                }
                if (imms == size - 1) {
                    return "lsr\t" + d + ", " + n + ", " + dec(immr);
                }
                if (imms < immr) {
                    return "ubfiz\t" + d + ", " + n + ", " + dec((size - immr) % size) + ", " + dec(imms + 1);
                }
                if (Bitmasks.bfxPreferred(sf, true, imms, immr)) {
                    return "ubfx\t" + d + ", " + n + ", " + dec(immr) + ", " + dec(imms - immr + 1);
                }
                if (immr == 0 && imms == 7) {
                    return "uxtb\t" + d + ", " + r(false, n31);
                }
                if (immr == 0 && imms == 15) {
                    return "uxth\t" + d + ", " + r(false, n31);
                }
                break;
            default: // bfm
                if (imms < immr) {
                    if (n31 == 31) {
                        return "bfc\t" + d + ", " + dec((size - immr) % size) + ", " + dec(imms + 1);
                    }
                    return "bfi\t" + d + ", " + n + ", " + dec((size - immr) % size) + ", " + dec(imms + 1);
                }
                return "bfxil\t" + d + ", " + n + ", " + dec(immr) + ", " + dec(imms - immr + 1);
        }
        return mn + "\t" + d + ", " + n + ", " + dec(immr) + ", " + dec(imms);
    }

    // ------------------------------------------------------------------ data processing (register)

    private static String shifted(boolean sf, int m, int shift, int amount) {
        String s = r(sf, m);
        if (amount == 0 && shift == 0) {
            return s;
        }
        return s + ", " + Text.SHIFTS[shift] + " " + dec(amount);
    }

    private static void dataProcessingRegister() {
        String[] names = {"and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"};
        int[] ops = {Op.AND, Op.BIC, Op.ORR, Op.ORN, Op.EOR, Op.EON, Op.ANDS, Op.BICS};
        for (int i = 0; i < 8; i++) {
            String mn = names[i];
            int opc = i >> 1, neg = i & 1;
            add(mn.toUpperCase(), "f " + (opc >> 1) + (opc & 1) + " 01010 ss " + neg + " mmmmm iiiiii nnnnn ddddd", ops[i],
                    f -> f.sf() || f.get('i') < 32,
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                        b.shift = f.get('s');
                        b.amount = f.get('i');
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int d = f.get('d'), n = f.get('n');
                        String op2 = shifted(sf, f.get('m'), f.get('s'), f.get('i'));
                        if (mn.equals("orr") && n == 31 && f.get('s') == 0 && f.get('i') == 0) {
                            return "mov\t" + r(sf, d) + ", " + r(sf, f.get('m'));
                        }
                        if (mn.equals("orn") && n == 31) {
                            return "mvn\t" + r(sf, d) + ", " + op2;
                        }
                        if (mn.equals("ands") && d == 31) {
                            return "tst\t" + r(sf, n) + ", " + op2;
                        }
                        return mn + "\t" + r(sf, d) + ", " + r(sf, n) + ", " + op2;
                    });
        }

        String[] anames = {"add", "adds", "sub", "subs"};
        int[] aops = {Op.ADD, Op.ADDS, Op.SUB, Op.SUBS};
        int[] eops = {Op.ADD_EXT, Op.ADDS_EXT, Op.SUB_EXT, Op.SUBS_EXT};
        for (int i = 0; i < 4; i++) {
            String mn = anames[i];
            boolean flags = (i & 1) != 0;
            boolean sub = i >= 2;
            add(mn.toUpperCase(), "f " + (i >> 1) + (i & 1) + " 01011 ss 0 mmmmm iiiiii nnnnn ddddd", aops[i],
                    f -> f.get('s') != 3 && (f.sf() || f.get('i') < 32),
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                        b.shift = f.get('s');
                        b.amount = f.get('i');
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int d = f.get('d'), n = f.get('n');
                        String op2 = shifted(sf, f.get('m'), f.get('s'), f.get('i'));
                        if (flags && d == 31) {
                            return (sub ? "cmp" : "cmn") + "\t" + r(sf, n) + ", " + op2;
                        }
                        if (sub && n == 31) {
                            return (flags ? "negs" : "neg") + "\t" + r(sf, d) + ", " + op2;
                        }
                        return mn + "\t" + r(sf, d) + ", " + r(sf, n) + ", " + op2;
                    });
            add(mn.toUpperCase() + "_ext", "f " + (i >> 1) + (i & 1) + " 01011 00 1 mmmmm ooo iii nnnnn ddddd", eops[i],
                    f -> f.get('i') <= 4,
                    (f, b) -> {
                        b.rd = flags ? dz(f.get('d')) : sp(f.get('d'));
                        b.rn = sp(f.get('n'));
                        b.rm = f.get('m');
                        b.shift = f.get('o');
                        b.amount = f.get('i');
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        int d = f.get('d'), n = f.get('n'), opt = f.get('o'), amt = f.get('i');
                        boolean mx = sf && (opt & 3) == 3;
                        String m = r(mx, f.get('m'));
                        boolean lsl = (d == 31 && !flags || n == 31) && opt == (sf ? 3 : 2);
                        String ext;
                        if (lsl) {
                            ext = amt == 0 ? "" : ", lsl " + dec(amt);
                        } else {
                            ext = ", " + Text.EXTENDS[opt] + (amt == 0 ? "" : " " + dec(amt));
                        }
                        if (flags && d == 31) {
                            return (sub ? "cmp" : "cmn") + "\t" + rsp(sf, n) + ", " + m + ext;
                        }
                        return mn + "\t" + (flags ? r(sf, d) : rsp(sf, d)) + ", " + rsp(sf, n) + ", " + m + ext;
                    });
        }

        for (int imm = 0; imm < 2; imm++) {
            for (int p = 0; p < 2; p++) {
                String mn = p == 1 ? "ccmp" : "ccmn";
                boolean isImm = imm == 1;
                int op = isImm ? (p == 1 ? Op.CCMP_IMM : Op.CCMN_IMM) : (p == 1 ? Op.CCMP_REG : Op.CCMN_REG);
                add(mn.toUpperCase() + (isImm ? "_imm" : "_reg"),
                        "f " + p + " 1 11010010 mmmmm cccc " + imm + " 0 nnnnn 0 zzzz", op,
                        (f, b) -> {
                            b.rn = f.get('n');
                            b.rm = f.get('m');
                            b.imm = f.get('m');
                            b.cond = f.get('c');
                            b.amount = f.get('z');
                        },
                        (f, pc, t) -> {
                            boolean sf = f.sf();
                            return mn + "\t" + r(sf, f.get('n')) + ", " + (isImm ? hex(f.get('m')) : r(sf, f.get('m'))) + ", "
                                    + hex(f.get('z')) + ", " + cond(f.get('c')) + Text.condNote(f.get('c'));
                        });
            }
        }

        String[] cnames = {"csel", "csinc", "csinv", "csneg"};
        int[] cops = {Op.CSEL, Op.CSINC, Op.CSINV, Op.CSNEG};
        for (int i = 0; i < 4; i++) {
            String mn = cnames[i];
            add(mn.toUpperCase(), "f " + (i >> 1) + " 0 11010100 mmmmm cccc 0 " + (i & 1) + " nnnnn ddddd", cops[i],
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                        b.cond = f.get('c');
                    },
                    (f, pc, t) -> condSelectText(mn, f));
        }

        // three-source
        add3("MADD", "f 00 11011 000 mmmmm 0 aaaaa nnnnn ddddd", Op.MADD, "madd", "mul", false);
        add3("MSUB", "f 00 11011 000 mmmmm 1 aaaaa nnnnn ddddd", Op.MSUB, "msub", "mneg", false);
        add3("SMADDL", "1 00 11011 001 mmmmm 0 aaaaa nnnnn ddddd", Op.SMADDL, "smaddl", "smull", true);
        add3("SMSUBL", "1 00 11011 001 mmmmm 1 aaaaa nnnnn ddddd", Op.SMSUBL, "smsubl", "smnegl", true);
        add3("UMADDL", "1 00 11011 101 mmmmm 0 aaaaa nnnnn ddddd", Op.UMADDL, "umaddl", "umull", true);
        add3("UMSUBL", "1 00 11011 101 mmmmm 1 aaaaa nnnnn ddddd", Op.UMSUBL, "umsubl", "umnegl", true);
        for (int u = 0; u < 2; u++) {
            String mn = u == 0 ? "smulh" : "umulh";
            add(mn.toUpperCase(), "1 00 11011 " + u + "10 mmmmm 0 aaaaa nnnnn ddddd", u == 0 ? Op.SMULH : Op.UMULH,
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                    },
                    (f, pc, t) -> mn + "\t" + x(f.get('d')) + ", " + x(f.get('n')) + ", " + x(f.get('m')));
        }

        // two-source
        String[][] two = {{"UDIV", "000010", "udiv"}, {"SDIV", "000011", "sdiv"}, {"LSLV", "001000", "lsl"},
            {"LSRV", "001001", "lsr"}, {"ASRV", "001010", "asr"}, {"RORV", "001011", "ror"}};
        int[] twoOps = {Op.UDIV, Op.SDIV, Op.LSLV, Op.LSRV, Op.ASRV, Op.RORV};
        for (int i = 0; i < two.length; i++) {
            String mn = two[i][2];
            add(two[i][0], "f 0 0 11010110 mmmmm " + two[i][1] + " nnnnn ddddd", twoOps[i],
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                    },
                    (f, pc, t) -> mn + "\t" + r(f.sf(), f.get('d')) + ", " + r(f.sf(), f.get('n')) + ", " + r(f.sf(), f.get('m')));
        }

        // one-source
        add1("RBIT", "f 1 0 11010110 00000 000000 nnnnn ddddd", Op.RBIT, "rbit");
        add1("REV16", "f 1 0 11010110 00000 000001 nnnnn ddddd", Op.REV16, "rev16");
        add1("REV32", "1 1 0 11010110 00000 000010 nnnnn ddddd", Op.REV32, "rev32");
        add1("REV_w", "0 1 0 11010110 00000 000010 nnnnn ddddd", Op.REV, "rev");
        add1("REV_x", "1 1 0 11010110 00000 000011 nnnnn ddddd", Op.REV, "rev");
        add1("CLZ", "f 1 0 11010110 00000 000100 nnnnn ddddd", Op.CLZ, "clz");
        add1("CLS", "f 1 0 11010110 00000 000101 nnnnn ddddd", Op.CLS, "cls");
    }

    private static void add3(String name, String pattern, int op, String mn, String alias, boolean wide) {
        add(name, pattern, op,
                (f, b) -> {
                    b.rd = dz(f.get('d'));
                    b.rn = f.get('n');
                    b.rm = f.get('m');
                    b.ra = f.get('a');
                },
                (f, pc, t) -> {
                    boolean sf = f.sf();
                    boolean src = sf && !wide;
                    String ops = r(sf, f.get('d')) + ", " + r(src, f.get('n')) + ", " + r(src, f.get('m'));
                    if (f.get('a') == 31) {
                        return alias + "\t" + ops;
                    }
                    return mn + "\t" + ops + ", " + r(sf, f.get('a'));
                });
    }

    private static void add1(String name, String pattern, int op, String mn) {
        add(name, pattern, op,
                (f, b) -> {
                    b.rd = dz(f.get('d'));
                    b.rn = f.get('n');
                },
                (f, pc, t) -> mn + "\t" + r(f.sf(), f.get('d')) + ", " + r(f.sf(), f.get('n')));
    }

    private static String condSelectText(String mn, Fields f) {
        boolean sf = f.sf();
        int d = f.get('d'), n = f.get('n'), m = f.get('m'), c = f.get('c');
        String rd = r(sf, d);
        boolean invertible = (c & 0xe) != 0xe;
        String inv = cond(c ^ 1);
        switch (mn) {
            case "csinc":
                if (n == 31 && m == 31 && invertible) {
                    return "cset\t" + rd + ", " + inv + Text.condNote(c ^ 1);
                }
                if (n == m && n != 31 && invertible) {
                    return "cinc\t" + rd + ", " + r(sf, n) + ", " + inv + Text.condNote(c ^ 1);
                }
                break;
            case "csinv":
                if (n == 31 && m == 31 && invertible) {
                    return "csetm\t" + rd + ", " + inv + Text.condNote(c ^ 1);
                }
                if (n == m && n != 31 && invertible) {
                    return "cinv\t" + rd + ", " + r(sf, n) + ", " + inv + Text.condNote(c ^ 1);
                }
                break;
            case "csneg":
                if (n == m && invertible) {
                    return "cneg\t" + rd + ", " + r(sf, n) + ", " + inv + Text.condNote(c ^ 1);
                }
                break;
            default:
                break;
        }
        return mn + "\t" + rd + ", " + r(sf, n) + ", " + r(sf, m) + ", " + cond(c) + Text.condNote(c);
    }

    // ------------------------------------------------------------------ loads and stores

    /** One load/store kind: size (log2 bytes), opc bits, names, register width, extension. */
    private record LdSt(String name, String unscaled, int size, int opc, boolean load, boolean rtX, int ext) {
    }

    private static final LdSt[] LDST = {
        new LdSt("strb", "sturb", 0, 0, false, false, 0),
        new LdSt("ldrb", "ldurb", 0, 1, true, false, 0),
        new LdSt("ldrsb", "ldursb", 0, 2, true, true, 1),
        new LdSt("ldrsb", "ldursb", 0, 3, true, false, 2),
        new LdSt("strh", "sturh", 1, 0, false, false, 0),
        new LdSt("ldrh", "ldurh", 1, 1, true, false, 0),
        new LdSt("ldrsh", "ldursh", 1, 2, true, true, 1),
        new LdSt("ldrsh", "ldursh", 1, 3, true, false, 2),
        new LdSt("str", "stur", 2, 0, false, false, 0),
        new LdSt("ldr", "ldur", 2, 1, true, false, 0),
        new LdSt("ldrsw", "ldursw", 2, 2, true, true, 1),
        new LdSt("str", "stur", 3, 0, false, true, 0),
        new LdSt("ldr", "ldur", 3, 1, true, true, 0),
    };

    private static String bits(int v, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) {
            s.append((v >>> i) & 1);
        }
        return s.toString();
    }

    private static void loadsAndStores() {
        String[][] lit = {{"LDR_lit_w", "00", "0"}, {"LDR_lit_x", "01", "0"}, {"LDRSW_lit", "10", "1"}};
        for (String[] l : lit) {
            boolean x = !l[1].equals("00");
            String mn = l[0].startsWith("LDRSW") ? "ldrsw" : "ldr";
            int size = l[1].equals("01") ? 8 : 4;
            int ext = Integer.parseInt(l[2]);
            add(l[0], l[1] + " 011 0 00 iiiiiiiiiiiiiiiiiii ttttt", Op.LDR_LIT,
                    (f, b) -> {
                        b.rd = dz(f.get('t'));
                        b.imm = f.sext('i') << 2;
                        b.size = size;
                        b.ext = ext;
                    },
                    (f, pc, t) -> mn + "\t" + r(x, f.get('t')) + ", " + t.apply(pc + (f.sext('i') << 2)));
        }

        for (LdSt k : LDST) {
            String sz = bits(k.size, 2);
            String opc = bits(k.opc, 2);
            int bytes = 1 << k.size;
            String tag = k.name.toUpperCase() + "_" + (k.rtX ? "x" : "w");
            Form.Semantics common = (f, b) -> {
                b.size = bytes;
                b.ext = k.ext;
                b.rd = k.load ? dz(f.get('t')) : f.get('t');
                b.rn = sp(f.get('n'));
            };
            add(tag + "_uimm", sz + " 111 0 01 " + opc + " iiiiiiiiiiii nnnnn ttttt", k.load ? Op.LOAD_IMM : Op.STORE_IMM,
                    (f, b) -> {
                        common.build(f, b);
                        b.imm = (long) f.get('i') << k.size;
                    },
                    (f, pc, t) -> k.name + "\t" + r(k.rtX, f.get('t')) + ", " + Text.mem(f.get('n'), (long) f.get('i') << k.size));
            add(tag.replace(k.name.toUpperCase(), k.unscaled.toUpperCase()) + "_unscaled",
                    sz + " 111 0 00 " + opc + " 0 iiiiiiiii 00 nnnnn ttttt", k.load ? Op.LOAD_IMM : Op.STORE_IMM,
                    (f, b) -> {
                        common.build(f, b);
                        b.imm = f.sext('i');
                    },
                    (f, pc, t) -> k.unscaled + "\t" + r(k.rtX, f.get('t')) + ", " + Text.mem(f.get('n'), f.sext('i')));
            add(tag + "_post", sz + " 111 0 00 " + opc + " 0 iiiiiiiii 01 nnnnn ttttt", k.load ? Op.LOAD_POST : Op.STORE_POST,
                    (f, b) -> {
                        common.build(f, b);
                        b.imm = f.sext('i');
                    },
                    (f, pc, t) -> k.name + "\t" + r(k.rtX, f.get('t')) + ", " + Text.memPost(f.get('n'), f.sext('i')));
            add(tag + "_pre", sz + " 111 0 00 " + opc + " 0 iiiiiiiii 11 nnnnn ttttt", k.load ? Op.LOAD_PRE : Op.STORE_PRE,
                    (f, b) -> {
                        common.build(f, b);
                        b.imm = f.sext('i');
                    },
                    (f, pc, t) -> k.name + "\t" + r(k.rtX, f.get('t')) + ", " + Text.memPre(f.get('n'), f.sext('i')));
            add(tag + "_reg", sz + " 111 0 00 " + opc + " 1 mmmmm ooo s 10 nnnnn ttttt", k.load ? Op.LOAD_REG : Op.STORE_REG,
                    f -> (f.get('o') & 2) != 0,
                    (f, b) -> {
                        common.build(f, b);
                        b.rm = f.get('m');
                        b.shift = f.get('o');
                        b.amount = f.get('s') == 1 ? k.size : 0;
                    },
                    (f, pc, t) -> {
                        int o = f.get('o');
                        boolean s = f.get('s') == 1;
                        int amount = s ? k.size : 0;
                        String base = "[" + rsp(true, f.get('n')) + ", " + r((o & 1) == 1, f.get('m'));
                        String tail;
                        if (amount == 0 && !(k.size == 0 && s)) {
                            tail = o == 3 ? "]" : ", " + Text.EXTENDS[o] + "]";
                        } else {
                            tail = ", " + (o == 3 ? "lsl" : Text.EXTENDS[o]) + " " + dec(amount) + "]";
                        }
                        return k.name + "\t" + r(k.rtX, f.get('t')) + ", " + base + tail;
                    });
        }

        // load/store pair: opc 00 W, 01 LDPSW (load only), 10 X
        String[] modes = {"001", "010", "011"};
        String[] modeNames = {"post", "offset", "pre"};
        int[][] pairOps = {{Op.STP_POST, Op.STP, Op.STP_PRE}, {Op.LDP_POST, Op.LDP, Op.LDP_PRE}};
        for (int opc = 0; opc < 3; opc++) {
            for (int l = 0; l < 2; l++) {
                if (opc == 1 && l == 0) {
                    continue; // STGP: not modelled
                }
                for (int mi = 0; mi < 3; mi++) {
                    boolean x = opc != 0;
                    int scale = opc == 2 ? 3 : 2;
                    String mn = opc == 1 ? "ldpsw" : l == 1 ? "ldp" : "stp";
                    int mode = mi;
                    int ext = opc == 1 ? 1 : 0;
                    boolean load = l == 1;
                    add(mn.toUpperCase() + "_" + (x ? "x" : "w") + "_" + modeNames[mi],
                            bits(opc, 2) + " 101 0 " + modes[mi] + " " + l + " iiiiiii uuuuu nnnnn ttttt", pairOps[l][mi],
                            (f, b) -> {
                                b.size = 1 << scale;
                                b.ext = ext;
                                b.rd = load ? dz(f.get('t')) : f.get('t');
                                b.ra = load ? dz(f.get('u')) : f.get('u');
                                b.rn = sp(f.get('n'));
                                b.imm = f.sext('i') << scale;
                            },
                            (f, pc, t) -> {
                                long off = f.sext('i') << scale;
                                boolean rx = x;
                                String regs = r(rx, f.get('t')) + ", " + r(rx, f.get('u')) + ", ";
                                String addr = mode == 0 ? Text.memPost(f.get('n'), off)
                                        : mode == 2 ? Text.memPre(f.get('n'), off) : Text.mem(f.get('n'), off);
                                return mn + "\t" + regs + addr;
                            });
                }
            }
        }
    }

    // ------------------------------------------------------------------ more system forms, carry arithmetic

    private static final String[][] TLBI = {{"3 0", "vmalle1is", ""}, {"7 0", "vmalle1", ""}, {"3 1", "vae1is", "x"},
        {"3 2", "aside1is", "x"}, {"3 3", "vaae1is", "x"}, {"3 5", "vale1is", "x"}, {"3 7", "vaale1is", "x"}, {"7 1", "vae1", "x"},
        {"7 2", "aside1", "x"}, {"7 3", "vaae1", "x"}, {"7 5", "vale1", "x"}, {"7 7", "vaale1", "x"}};

    private static String[] tlbi(int crm, int op2) {
        for (String[] t : TLBI) {
            if (t[0].equals(crm + " " + op2)) {
                return t;
            }
        }
        return null;
    }

    private static final String[][] DC_OTHER = {{"0 6 1", "ivac"}, {"3 12 1", "cvap"}, {"3 13 1", "cvadp"}, {"0 6 2", "isw"},
        {"0 10 2", "csw"}, {"0 14 2", "cisw"}};

    private static String dcOther(int op1, int crm, int op2) {
        for (String[] d : DC_OTHER) {
            if (d[0].equals(op1 + " " + crm + " " + op2)) {
                return d[1];
            }
        }
        return null;
    }

    private static final String[][] PSTATE = {{"0 5", "spsel"}, {"0 4", "pan"}, {"0 3", "uao"}, {"3 2", "dit"}, {"3 1", "ssbs"},
        {"3 4", "tco"}};

    private static String pstateField(int op1, int op2) {
        for (String[] p : PSTATE) {
            if (p[0].equals(op1 + " " + op2)) {
                return p[1];
            }
        }
        return null;
    }

    /** PRFM operation: pld/pli/pst, l1..l3, keep/strm; anything else as #0x.. */
    static String prfop(int t) {
        int type = t >> 3, target = (t >> 1) & 3;
        if (type == 3 || target == 3) {
            return String.format("#0x%02x", t);
        }
        return new String[] {"pld", "pli", "pst"}[type] + "l" + (target + 1) + ((t & 1) == 0 ? "keep" : "strm");
    }

    private static void moreSystemAndCarry() {
        add("CLREX", "11010101 00000011 0011 mmmm 010 11111", Op.HINT, (f, b) -> { },
                (f, pc, t) -> f.get('m') == 15 ? "clrex" : "clrex\t" + hex(f.get('m')));
        add("SB", "11010101 00000011 0011 0000 111 11111", Op.DMB, (f, b) -> { }, (f, pc, t) -> "sb");
        add("MSR_pstate", "1101010100000 ppp 0100 mmmm ggg 11111", Op.SYS_NOP,
                f -> pstateField(f.get('p'), f.get('g')) != null, (f, b) -> { },
                (f, pc, t) -> "msr\t" + pstateField(f.get('p'), f.get('g')) + ", " + hex(f.get('m')));
        add("DC_other", "1101010100001 ppp 0111 mmmm ggg ttttt", Op.SYS_NOP,
                f -> dcOther(f.get('p'), f.get('m'), f.get('g')) != null, (f, b) -> { },
                (f, pc, t) -> "dc\t" + dcOther(f.get('p'), f.get('m'), f.get('g')) + ", " + x(f.get('t')));
        add("TLBI", "1101010100001 000 1000 mmmm ggg ttttt", Op.SYS_NOP,
                f -> {
                    String[] op = tlbi(f.get('m'), f.get('g'));
                    return op != null && (!op[2].isEmpty() || f.get('t') == 31);
                },
                (f, b) -> { },
                (f, pc, t) -> {
                    String[] op = tlbi(f.get('m'), f.get('g'));
                    return "tlbi\t" + op[1] + (op[2].isEmpty() ? "" : ", " + x(f.get('t')));
                });
        add("PRFM_lit", "11 011 0 00 iiiiiiiiiiiiiiiiiii ttttt", Op.HINT, (f, b) -> { },
                (f, pc, t) -> "prfm\t" + prfop(f.get('t')) + ", " + t.apply(pc + (f.sext('i') << 2)));
        add("PRFM_uimm", "11 111 0 01 10 iiiiiiiiiiii nnnnn ttttt", Op.HINT, (f, b) -> { },
                (f, pc, t) -> "prfm\t" + prfop(f.get('t')) + ", " + Text.mem(f.get('n'), (long) f.get('i') << 3));
        add("PRFUM", "11 111 0 00 10 0 iiiiiiiii 00 nnnnn ttttt", Op.HINT, (f, b) -> { },
                (f, pc, t) -> "prfum\t" + prfop(f.get('t')) + ", " + Text.mem(f.get('n'), f.sext('i')));
        add("PRFM_reg", "11 111 0 00 10 1 mmmmm ooo s 10 nnnnn ttttt", Op.HINT, f -> (f.get('o') & 2) != 0, (f, b) -> { },
                (f, pc, t) -> {
                    int o = f.get('o');
                    int amount = f.get('s') == 1 ? 3 : 0;
                    String base = "[" + rsp(true, f.get('n')) + ", " + r((o & 1) == 1, f.get('m'));
                    String tail = amount == 0 ? (o == 3 ? "]" : ", " + Text.EXTENDS[o] + "]")
                            : ", " + (o == 3 ? "lsl" : Text.EXTENDS[o]) + " " + dec(amount) + "]";
                    return "prfm\t" + prfop(f.get('t')) + ", " + base + tail;
                });
        for (int opc : new int[] {0, 2}) {
            for (int l = 0; l < 2; l++) {
                boolean xr = opc == 2;
                int scale = xr ? 3 : 2;
                boolean load = l == 1;
                String mn = load ? "ldnp" : "stnp";
                add(mn.toUpperCase() + "_" + (xr ? "x" : "w"), bits(opc, 2) + " 101 0 000 " + l + " iiiiiii uuuuu nnnnn ttttt",
                        load ? Op.LDP : Op.STP,
                        (f, b) -> {
                            b.size = 1 << scale;
                            b.rd = load ? dz(f.get('t')) : f.get('t');
                            b.ra = load ? dz(f.get('u')) : f.get('u');
                            b.rn = sp(f.get('n'));
                            b.imm = f.sext('i') << scale;
                        },
                        (f, pc, t) -> mn + "\t" + r(xr, f.get('t')) + ", " + r(xr, f.get('u')) + ", "
                                + Text.mem(f.get('n'), f.sext('i') << scale));
            }
        }
        String[] cn = {"adc", "adcs", "sbc", "sbcs"};
        int[] cops = {Op.ADC, Op.ADCS, Op.SBC, Op.SBCS};
        for (int i = 0; i < 4; i++) {
            String mn = cn[i];
            boolean sub = i >= 2;
            add(mn.toUpperCase(), "f " + (i >> 1) + (i & 1) + " 11010000 mmmmm 000000 nnnnn ddddd", cops[i],
                    (f, b) -> {
                        b.rd = dz(f.get('d'));
                        b.rn = f.get('n');
                        b.rm = f.get('m');
                    },
                    (f, pc, t) -> {
                        boolean sf = f.sf();
                        if (sub && f.get('n') == 31) {
                            return (mn.equals("sbc") ? "ngc" : "ngcs") + "\t" + r(sf, f.get('d')) + ", " + r(sf, f.get('m'));
                        }
                        return mn + "\t" + r(sf, f.get('d')) + ", " + r(sf, f.get('n')) + ", " + r(sf, f.get('m'));
                    });
        }
    }

    // ------------------------------------------------------------------ exclusives, atomics, unprivileged, CRC32 (and a few not executed)

    private static final String[] SIZE_SUFFIX = {"b", "h", "", ""};
    private static final String[] ATOMIC_OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    private static String base(int n) {
        return "[" + rsp(true, n) + "]";
    }

    private static void notExecuted() {
        Form.Semantics none = (f, b) -> { };
        add("DC_ZVA", "1101010100001 011 0111 0100 001 ttttt", Op.UNIMPLEMENTED, none, (f, pc, t) -> "dc\tzva, " + x(f.get('t')));
        // exclusives and acquire/release: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt
        for (int size = 0; size < 4; size++) {
            String sfx = SIZE_SUFFIX[size];
            boolean xr = size == 3;
            String sz = bits(size, 2);
            int bytes = 1 << size;
            for (int o0 = 0; o0 < 2; o0++) {
                String stx = (o0 == 1 ? "stlxr" : "stxr") + sfx;
                String ldx = (o0 == 1 ? "ldaxr" : "ldxr") + sfx;
                add(stx.toUpperCase(), sz + " 001000 0 0 0 sssss " + o0 + " 11111 nnnnn ttttt", Op.STXR,
                        (f, b) -> {
                            b.size = bytes;
                            b.rd = dz(f.get('s'));
                            b.rm = f.get('t');
                            b.rn = sp(f.get('n'));
                        },
                        (f, pc, t) -> stx + "\t" + r(false, f.get('s')) + ", " + r(xr, f.get('t')) + ", " + base(f.get('n')));
                add(ldx.toUpperCase(), sz + " 001000 0 1 0 11111 " + o0 + " 11111 nnnnn ttttt", Op.LDXR,
                        (f, b) -> {
                            b.size = bytes;
                            b.rd = dz(f.get('t'));
                            b.rn = sp(f.get('n'));
                        },
                        (f, pc, t) -> ldx + "\t" + r(xr, f.get('t')) + ", " + base(f.get('n')));
                String stl = (o0 == 1 ? "stlr" : "stllr") + sfx;
                String lda = (o0 == 1 ? "ldar" : "ldlar") + sfx;
                add(stl.toUpperCase(), sz + " 001000 1 0 0 11111 " + o0 + " 11111 nnnnn ttttt", Op.STORE_IMM,
                        (f, b) -> {
                            b.size = bytes;
                            b.rd = f.get('t');
                            b.rn = sp(f.get('n'));
                        },
                        (f, pc, t) -> stl + "\t" + r(xr, f.get('t')) + ", " + base(f.get('n')));
                add(lda.toUpperCase(), sz + " 001000 1 1 0 11111 " + o0 + " 11111 nnnnn ttttt", Op.LOAD_IMM,
                        (f, b) -> {
                            b.size = bytes;
                            b.rd = dz(f.get('t'));
                            b.rn = sp(f.get('n'));
                        },
                        (f, pc, t) -> lda + "\t" + r(xr, f.get('t')) + ", " + base(f.get('n')));
                for (int l = 0; l < 2; l++) {
                    String cas = "cas" + (l == 1 ? "a" : "") + (o0 == 1 ? "l" : "") + sfx;
                    add(cas.toUpperCase(), sz + " 001000 1 " + l + " 1 sssss " + o0 + " 11111 nnnnn ttttt", Op.CAS,
                            (f, b) -> {
                                b.size = bytes;
                                b.rd = dz(f.get('s'));
                                b.rm = f.get('s');
                                b.ra = f.get('t');
                                b.rn = sp(f.get('n'));
                            },
                            (f, pc, t) -> cas + "\t" + r(xr, f.get('s')) + ", " + r(xr, f.get('t')) + ", " + base(f.get('n')));
                }
                if (size >= 2) {
                    boolean px = size == 3;
                    String stxp = o0 == 1 ? "stlxp" : "stxp";
                    String ldxp = o0 == 1 ? "ldaxp" : "ldxp";
                    add(stxp.toUpperCase() + "_" + size, sz + " 001000 0 0 1 sssss " + o0 + " uuuuu nnnnn ttttt", Op.STXP,
                            (f, b) -> {
                                b.size = bytes;
                                b.rd = dz(f.get('s'));
                                b.rm = f.get('t');
                                b.ra = f.get('u');
                                b.rn = sp(f.get('n'));
                            },
                            (f, pc, t) -> stxp + "\t" + r(false, f.get('s')) + ", " + r(px, f.get('t')) + ", " + r(px, f.get('u')) + ", "
                                    + base(f.get('n')));
                    add(ldxp.toUpperCase() + "_" + size, sz + " 001000 0 1 1 11111 " + o0 + " uuuuu nnnnn ttttt", Op.LDXP,
                            (f, b) -> {
                                b.size = bytes;
                                b.rd = dz(f.get('t'));
                                b.ra = dz(f.get('u'));
                                b.rn = sp(f.get('n'));
                            },
                            (f, pc, t) -> ldxp + "\t" + r(px, f.get('t')) + ", " + r(px, f.get('u')) + ", " + base(f.get('n')));
                }
            }
            // LSE atomics: size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt
            for (int o3 = 0; o3 < 2; o3++) {
                for (int opc = 0; opc < (o3 == 0 ? 8 : 1); opc++) {
                    String op = o3 == 1 ? "swp" : ATOMIC_OPS[opc];
                    boolean isSwp = o3 == 1;
                    int kind = isSwp ? 8 : opc;
                    add("ATOMIC_" + op + "_" + size, sz + " 111 0 00 a e 1 sssss " + o3 + bits(opc, 3) + " 00 nnnnn ttttt",
                            Op.ATOMIC,
                            (f, b) -> {
                                b.size = bytes;
                                b.shift = kind;
                                b.rm = f.get('s');
                                b.rd = dz(f.get('t'));
                                b.rn = sp(f.get('n'));
                            },
                            (f, pc, t) -> {
                                boolean acq = f.get('a') == 1, rel = f.get('e') == 1;
                                String ord = (acq ? "a" : "") + (rel ? "l" : "");
                                if (!isSwp && !acq && f.get('t') == 31) {
                                    return "st" + op + (rel ? "l" : "") + sfx + "\t" + r(xr, f.get('s')) + ", " + base(f.get('n'));
                                }
                                return (isSwp ? "swp" : "ld" + op) + ord + sfx + "\t" + r(xr, f.get('s')) + ", " + r(xr, f.get('t'))
                                        + ", " + base(f.get('n'));
                            });
                }
            }
        }
        // unprivileged loads/stores: at EL1 they access memory as EL0 would
        for (LdSt k : LDST) {
            String mn = k.name.replace("ldr", "ldtr").replace("str", "sttr");
            add(mn.toUpperCase() + "_" + (k.rtX ? "x" : "w"), bits(k.size, 2) + " 111 0 00 " + bits(k.opc, 2) + " 0 iiiiiiiii 10 nnnnn ttttt",
                    k.load ? Op.LOAD_UNPRIV : Op.STORE_UNPRIV,
                    (f, b) -> {
                        b.size = 1 << k.size;
                        b.ext = k.ext;
                        b.rd = k.load ? dz(f.get('t')) : f.get('t');
                        b.rn = sp(f.get('n'));
                        b.imm = f.sext('i');
                    },
                    (f, pc, t) -> mn + "\t" + r(k.rtX, f.get('t')) + ", " + Text.mem(f.get('n'), f.sext('i')));
        }
        // CRC32
        for (int c = 0; c < 2; c++) {
            for (int sz = 0; sz < 4; sz++) {
                String mn = "crc32" + (c == 1 ? "c" : "") + "bhwx".charAt(sz);
                boolean wide = sz == 3;
                int castagnoli = c;
                int bytes = 1 << sz;
                add(mn.toUpperCase(), (wide ? "1" : "0") + " 0 0 11010110 mmmmm 010 " + c + bits(sz, 2) + " nnnnn ddddd",
                        Op.CRC32,
                        (f, b) -> {
                            b.rd = dz(f.get('d'));
                            b.rn = f.get('n');
                            b.rm = f.get('m');
                            b.size = bytes;
                            b.cond = castagnoli;
                        },
                        (f, pc, t) -> mn + "\t" + r(false, f.get('d')) + ", " + r(false, f.get('n')) + ", " + r(wide, f.get('m')));
            }
        }
    }

    // last, so that every table above is initialised first
    static {
        branches();
        system();
        dataProcessingImmediate();
        dataProcessingRegister();
        loadsAndStores();
        moreSystemAndCarry();
        notExecuted();
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).index = i;
        }
        FORMS = Collections.unmodifiableList(new ArrayList<>(rows));
        rows.clear();
    }
}
