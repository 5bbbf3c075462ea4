package org.kernelsim.cpu.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import org.kernelsim.cpu.asm.A64.MemOp;
import org.kernelsim.cpu.core.SystemRegister;

/**
 * Test-only: translates one GNU as source line (as written in golden/insns.tsv) into calls on
 * the fluent {@link Assembler}, so the fixture's words check the assembler's encoders. It is a
 * deliberately small parser for the fixture's syntax, not a general assembler front end.
 *
 * <p>PC-relative operands ({@code .+8}, {@code start+0x10}) arrive already resolved to an
 * absolute target by the caller, which passes a {@link Target} that either names a label
 * (target inside the program) or gives the raw offset (outside it).
 */
final class GasDriver {

    /** How a PC-relative operand is expressed: a label to reference, or a raw byte offset from the instruction. */
    record Target(String label, long offset) {
    }

    /** Thrown for syntax this driver does not translate (the row is then not counted as covered). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private final Assembler a;

    GasDriver(Assembler a) {
        this.a = a;
    }

    // ------------------------------------------------------------------ tokenising

    static List<String> operands(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    static boolean isReg(String s) {
        try {
            reg(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Reg reg(String s) {
        s = s.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "sp": return Reg.SP;
            case "wsp": return Reg.WSP;
            case "xzr": return Reg.XZR;
            case "wzr": return Reg.WZR;
            case "lr": return Reg.LR;
            default:
        }
        if ((s.startsWith("x") || s.startsWith("w")) && s.length() > 1 && s.substring(1).chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s.substring(1));
            if (n <= 30) {
                return s.startsWith("x") ? Reg.X(n) : Reg.W(n);
            }
        }
        throw new Unsupported("register " + s);
    }

    static long imm(String s) {
        s = s.trim();
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        boolean neg = s.startsWith("-");
        if (neg) {
            s = s.substring(1);
        }
        long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        return neg ? -v : v;
    }

    static Cond cond(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "cs" -> Cond.HS;
            case "cc" -> Cond.LO;
            default -> Cond.valueOf(s.toUpperCase(Locale.ROOT));
        };
    }

    /** "lsl #3" -> shift and amount; null if not a shift. */
    static Object[] shift(String s) {
        String[] p = s.trim().split("\\s+");
        try {
            Shift sh = Shift.valueOf(p[0].toUpperCase(Locale.ROOT));
            return new Object[] {sh, p.length > 1 ? (int) imm(p[1]) : 0};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** "uxtw #2" -> extend and amount; null if not an extend. */
    static Object[] extend(String s) {
        String[] p = s.trim().split("\\s+");
        try {
            Extend ex = Extend.valueOf(p[0].toUpperCase(Locale.ROOT));
            return new Object[] {ex, p.length > 1 ? (int) imm(p[1]) : 0};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ dispatch

    /**
     * Emits the line. {@code target} resolves a PC-relative operand (null when the line has none).
     */
    void emit(String line, Target target) {
        line = line.trim();
        int sp = line.indexOf(' ');
        String m = (sp < 0 ? line : line.substring(0, sp)).toLowerCase(Locale.ROOT);
        List<String> ops = sp < 0 ? List.of() : operands(line.substring(sp + 1));
        if (m.startsWith("b.")) {
            Cond c = cond(m.substring(2));
            branch(target, l -> a.b(c, l), off -> A64.bCond(c, off));
            return;
        }
        switch (m) {
            case "b" -> branch(target, a::b, A64::b);
            case "beq" -> branch(target, a::beq, off -> A64.bCond(Cond.EQ, off));
            case "bl" -> branch(target, a::bl, A64::bl);
            case "cbz" -> branch(target, l -> a.cbz(reg(ops.get(0)), l), off -> A64.cbz(reg(ops.get(0)), off));
            case "cbnz" -> branch(target, l -> a.cbnz(reg(ops.get(0)), l), off -> A64.cbnz(reg(ops.get(0)), off));
            case "tbz" -> branch(target, l -> a.tbz(reg(ops.get(0)), (int) imm(ops.get(1)), l),
                    off -> A64.tbz(reg(ops.get(0)), (int) imm(ops.get(1)), off));
            case "tbnz" -> branch(target, l -> a.tbnz(reg(ops.get(0)), (int) imm(ops.get(1)), l),
                    off -> A64.tbnz(reg(ops.get(0)), (int) imm(ops.get(1)), off));
            case "br" -> a.br(reg(ops.get(0)));
            case "blr" -> a.blr(reg(ops.get(0)));
            case "ret" -> {
                if (ops.isEmpty()) {
                    a.ret();
                } else {
                    a.ret(reg(ops.get(0)));
                }
            }
            case "eret" -> a.eret();
            case "nop" -> a.nop();
            case "yield" -> a.yield();
            case "wfe" -> a.wfe();
            case "wfi" -> a.wfi();
            case "sev" -> a.sev();
            case "sevl" -> a.sevl();
            case "paciasp" -> a.paciasp();
            case "pacibsp" -> a.pacibsp();
            case "autiasp" -> a.autiasp();
            case "autibsp" -> a.autibsp();
            case "csdb" -> a.csdb();
            case "xpaclri", "pacia1716", "pacib1716", "autia1716", "autib1716", "esb", "psb", "tsb", "paciaz", "pacibz",
                    "autiaz", "autibz" -> a.hint(Map.ofEntries(Map.entry("xpaclri", 7), Map.entry("pacia1716", 8),
                    Map.entry("pacib1716", 10), Map.entry("autia1716", 12), Map.entry("autib1716", 14), Map.entry("esb", 16),
                    Map.entry("psb", 17), Map.entry("tsb", 18), Map.entry("paciaz", 24), Map.entry("pacibz", 26),
                    Map.entry("autiaz", 28), Map.entry("autibz", 30)).get(m));
            case "hint" -> a.hint((int) imm(ops.get(0)));
            case "bti" -> {
                String k = ops.isEmpty() ? "" : ops.get(0);
                switch (k) {
                    case "" -> a.bti();
                    case "c" -> a.btiC();
                    case "j" -> a.btiJ();
                    case "jc" -> a.btiJc();
                    default -> throw new Unsupported("bti " + k);
                }
            }
            case "svc" -> a.svc((int) imm(ops.get(0)));
            case "hvc" -> a.hvc((int) imm(ops.get(0)));
            case "smc" -> a.smc((int) imm(ops.get(0)));
            case "brk" -> a.brk((int) imm(ops.get(0)));
            case "hlt" -> a.hlt((int) imm(ops.get(0)));
            case "udf" -> a.udf((int) imm(ops.get(0)));
            case "isb" -> {
                if (ops.isEmpty() || ops.get(0).equals("sy")) {
                    a.isb();
                } else {
                    a.isb((int) imm(ops.get(0)));
                }
            }
            case "dsb", "dmb" -> {
                String o = ops.get(0);
                if (o.startsWith("#")) {
                    if (m.equals("dsb")) {
                        a.dsb((int) imm(o));
                    } else {
                        a.dmb((int) imm(o));
                    }
                } else {
                    Barrier b = Barrier.valueOf(o.toUpperCase(Locale.ROOT));
                    if (m.equals("dsb")) {
                        a.dsb(b);
                    } else {
                        a.dmb(b);
                    }
                }
            }
            case "ssbb" -> a.ssbb();
            case "pssbb" -> a.pssbb();
            case "sb" -> a.sb();
            case "clrex" -> {
                if (ops.isEmpty()) {
                    a.clrex();
                } else {
                    a.clrex((int) imm(ops.get(0)));
                }
            }
            case "ic", "dc" -> {
                CacheOp op = CacheOp.valueOf((m + "_" + ops.get(0)).toUpperCase(Locale.ROOT));
                if (ops.size() > 1) {
                    a.cacheOp(op, reg(ops.get(1)));
                } else {
                    a.cacheOp(op);
                }
            }
            case "tlbi" -> {
                TlbiOp op = TlbiOp.valueOf(ops.get(0).toUpperCase(Locale.ROOT));
                if (ops.size() > 1) {
                    a.tlbi(op, reg(ops.get(1)));
                } else {
                    a.tlbi(op);
                }
            }
            case "sys" -> a.sys((int) imm(ops.get(0)), cr(ops.get(1)), cr(ops.get(2)), (int) imm(ops.get(3)),
                    ops.size() > 4 ? reg(ops.get(4)) : Reg.XZR);
            case "mrs" -> {
                int[] e = sysreg(ops.get(1));
                a.mrs(reg(ops.get(0)), e[0], e[1], e[2], e[3], e[4]);
                SystemRegister named = named(ops.get(1));
                if (named != null) {
                    // also exercise the enum overload: it must produce the same word
                    int w = A64.mrs(reg(ops.get(0)), named);
                    if (w != A64.mrs(reg(ops.get(0)), e[0], e[1], e[2], e[3], e[4])) {
                        throw new AssertionError("SystemRegister " + named + " encodes differently");
                    }
                }
            }
            case "msr" -> msr(ops);
            case "adr" -> branch(target, l -> a.adr(reg(ops.get(0)), l), off -> A64.adr(reg(ops.get(0)), off));
            case "adrp" -> {
                // "start+0x1000": a relocation against start, resolved by linking at 0
                String t = ops.get(1);
                int plus = Math.max(t.indexOf('+'), t.indexOf('-'));
                a.adrp(reg(ops.get(0)), plus < 0 ? t : t.substring(0, plus), plus < 0 ? 0 : imm(t.substring(plus).replace("+", "")));
            }
            case "ldr", "ldrsw" -> {
                if (!ops.get(1).startsWith("[")) {
                    Reg rt = reg(ops.get(0));
                    boolean sw = m.equals("ldrsw");
                    branch(target, l -> {
                        if (sw) {
                            a.ldrswLiteral(rt, l);
                        } else {
                            a.ldrLiteral(rt, l);
                        }
                    }, off -> A64.ldrLiteral(rt, off, sw));
                } else {
                    memory(m, ops);
                }
            }
            case "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh" -> memory(m, ops);
            case "ldur", "stur", "ldurb", "sturb", "ldurh", "sturh", "ldursb", "ldursh", "ldursw" -> {
                MemOp op = memOp(m.replace("ur", "r"), reg(ops.get(0)));
                Object[] mem = mem(ops.subList(1, ops.size()));
                a.ldstUnscaled(op, reg(ops.get(0)), (Reg) mem[0], (long) mem[1]);
            }
            case "ldtr", "sttr", "ldtrb", "sttrb", "ldtrh", "sttrh", "ldtrsb", "ldtrsh", "ldtrsw" -> {
                MemOp op = memOp(m.replace("tr", "r"), reg(ops.get(0)));
                Object[] mem = mem(ops.subList(1, ops.size()));
                a.ldstUnprivileged(op, reg(ops.get(0)), (Reg) mem[0], (long) mem[1]);
            }
            case "prfm" -> {
                int prfop = prfop(ops.get(0));
                if (!ops.get(1).startsWith("[")) {
                    branch(target, l -> a.prfmLiteral(prfop, l), off -> A64.prfmLiteral(prfop, off));
                } else {
                    List<String> inner = operands(ops.get(1).substring(1, ops.get(1).indexOf(']')));
                    if (inner.size() > 1 && isReg(inner.get(1))) {
                        a.prfm(prfop, reg(inner.get(0)), reg(inner.get(1)));
                    } else {
                        a.prfm(prfop, reg(inner.get(0)), inner.size() > 1 ? imm(inner.get(1)) : 0);
                    }
                }
            }
            case "ldp", "stp", "ldpsw", "ldnp", "stnp" -> pair(m, ops);
            case "ldxr" -> a.ldxr(reg(ops.get(0)), memBase(ops.get(1)));
            case "ldaxr" -> a.ldaxr(reg(ops.get(0)), memBase(ops.get(1)));
            case "ldar" -> a.ldar(reg(ops.get(0)), memBase(ops.get(1)));
            case "stlr" -> a.stlr(reg(ops.get(0)), memBase(ops.get(1)));
            case "ldxrb" -> a.ldstExclusive(A64.LDXR, 0, reg(ops.get(0)), memBase(ops.get(1)));
            case "ldarb" -> a.ldstExclusive(A64.LDAR, 0, reg(ops.get(0)), memBase(ops.get(1)));
            case "stlrh" -> a.ldstExclusive(A64.STLR, 1, reg(ops.get(0)), memBase(ops.get(1)));
            case "stxr" -> a.stxr(reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
            case "stlxr" -> a.stlxr(reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
            case "stxrh" -> a.storeExclusive(false, 1, reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
            case "ldxp" -> a.ldxp(reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
            case "stxp" -> a.stxp(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), memBase(ops.get(3)));
            case "cas", "casa", "casl", "casal" -> a.cas(m.contains("a") && m.length() > 3 && m.charAt(3) == 'a', m.endsWith("l"),
                    reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
            case "swp", "swpa", "swpl", "swpal" -> a.swp(m.startsWith("swpa"), m.endsWith("l"), reg(ops.get(0)), reg(ops.get(1)),
                    memBase(ops.get(2)));
            case "stadd" -> a.stadd(reg(ops.get(0)), memBase(ops.get(1)));
            case "crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx" -> {
                int sz = "bhwx".indexOf(m.charAt(m.length() - 1));
                if (m.startsWith("crc32c")) {
                    a.crc32c(sz, reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
                } else {
                    a.crc32(sz, reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
                }
            }
            default -> {
                if (m.startsWith("ld") && atomic(m, ops)) {
                    return;
                }
                dataProcessing(m, ops);
            }
        }
    }

    private static int cr(String s) {
        return Integer.parseInt(s.trim().substring(1));
    }

    private void branch(Target target, java.util.function.Consumer<String> viaLabel, LongFunction<Integer> raw) {
        if (target == null) {
            throw new Unsupported("no target");
        }
        if (target.label() != null) {
            viaLabel.accept(target.label());
        } else {
            a.emit(raw.apply(target.offset()));
        }
    }

    private boolean atomic(String m, List<String> ops) {
        for (A64.AtomicOp op : A64.AtomicOp.values()) {
            String base = "ld" + op.name().toLowerCase(Locale.ROOT);
            if (m.startsWith(base)) {
                String suffix = m.substring(base.length());
                if (!List.of("", "a", "l", "al").contains(suffix)) {
                    return false;
                }
                a.atomic(op, suffix.startsWith("a"), suffix.endsWith("l"), reg(ops.get(0)), reg(ops.get(1)), memBase(ops.get(2)));
                return true;
            }
        }
        return false;
    }

    private static int prfop(String name) {
        if (name.startsWith("#")) {
            return (int) imm(name);
        }
        int type = switch (name.substring(0, 3)) {
            case "pld" -> 0;
            case "pli" -> 1;
            case "pst" -> 2;
            default -> throw new Unsupported("prfop " + name);
        };
        int level = name.charAt(4) - '1';
        boolean strm = name.endsWith("strm");
        return type << 3 | level << 1 | (strm ? 1 : 0);
    }

    private static final Map<String, int[]> SYSREGS = Map.ofEntries(
            Map.entry("tpidrro_el0", new int[] {3, 3, 13, 0, 3}), Map.entry("ttbr0_el1", new int[] {3, 0, 2, 0, 0}),
            Map.entry("ttbr1_el1", new int[] {3, 0, 2, 0, 1}), Map.entry("tcr_el1", new int[] {3, 0, 2, 0, 2}),
            Map.entry("mair_el1", new int[] {3, 0, 10, 2, 0}), Map.entry("contextidr_el1", new int[] {3, 0, 13, 0, 1}),
            Map.entry("cntkctl_el1", new int[] {3, 0, 14, 1, 0}), Map.entry("spsel", new int[] {3, 0, 4, 2, 0}),
            Map.entry("fpcr", new int[] {3, 3, 4, 4, 0}), Map.entry("fpsr", new int[] {3, 3, 4, 4, 1}),
            Map.entry("pan", new int[] {3, 0, 4, 2, 3}), Map.entry("cntv_ctl_el0", new int[] {3, 3, 14, 3, 1}),
            Map.entry("cntv_cval_el0", new int[] {3, 3, 14, 3, 2}), Map.entry("midr_el1", new int[] {3, 0, 0, 0, 0}),
            Map.entry("dczid_el0", new int[] {3, 3, 0, 0, 7}), Map.entry("cntvct_el0", new int[] {3, 3, 14, 0, 2}),
            Map.entry("cntfrq_el0", new int[] {3, 3, 14, 0, 0}), Map.entry("id_aa64pfr0_el1", new int[] {3, 0, 0, 4, 0}),
            Map.entry("id_aa64isar0_el1", new int[] {3, 0, 0, 6, 0}), Map.entry("id_aa64mmfr0_el1", new int[] {3, 0, 0, 7, 0}),
            Map.entry("revidr_el1", new int[] {3, 0, 0, 0, 6}));

    static SystemRegister named(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "");
        for (SystemRegister r : SystemRegister.values()) {
            if (r.name().toLowerCase(Locale.ROOT).replace("_", "").equals(n)) {
                return r;
            }
        }
        return null;
    }

    static int[] sysreg(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        SystemRegister r = named(n);
        if (r != null) {
            int e = r.encoding();
            return new int[] {(e >> 14) + 2, (e >> 11) & 7, (e >> 7) & 15, (e >> 3) & 15, e & 7};
        }
        if (SYSREGS.containsKey(n)) {
            return SYSREGS.get(n);
        }
        if (n.matches("s[23]_[0-7]_c[0-9]+_c[0-9]+_[0-7]")) {
            String[] p = n.split("_");
            return new int[] {p[0].charAt(1) - '0', Integer.parseInt(p[1]), Integer.parseInt(p[2].substring(1)),
                    Integer.parseInt(p[3].substring(1)), Integer.parseInt(p[4])};
        }
        throw new Unsupported("system register " + name);
    }

    private void msr(List<String> ops) {
        String field = ops.get(0).toLowerCase(Locale.ROOT);
        if (ops.get(1).startsWith("#")) {
            int imm = (int) imm(ops.get(1));
            switch (field) {
                case "daifset" -> a.msrDaifSet(imm);
                case "daifclr" -> a.msrDaifClr(imm);
                case "spsel" -> a.msrImm(0, 5, imm);
                case "pan" -> a.msrImm(0, 4, imm);
                default -> throw new Unsupported("msr " + field);
            }
            return;
        }
        SystemRegister named = named(field);
        if (named != null) {
            a.msr(named, reg(ops.get(1)));
        } else {
            int[] e = sysreg(field);
            a.msr(e[0], e[1], e[2], e[3], e[4], reg(ops.get(1)));
        }
    }

    // ------------------------------------------------------------------ memory operands

    static MemOp memOp(String m, Reg rt) {
        return switch (m) {
            case "ldr" -> rt.is64() ? MemOp.LDR_X : MemOp.LDR_W;
            case "str" -> rt.is64() ? MemOp.STR_X : MemOp.STR_W;
            case "ldrb" -> MemOp.LDRB;
            case "strb" -> MemOp.STRB;
            case "ldrh" -> MemOp.LDRH;
            case "strh" -> MemOp.STRH;
            case "ldrsb" -> rt.is64() ? MemOp.LDRSB_X : MemOp.LDRSB_W;
            case "ldrsh" -> rt.is64() ? MemOp.LDRSH_X : MemOp.LDRSH_W;
            case "ldrsw" -> MemOp.LDRSW;
            default -> throw new Unsupported("memory op " + m);
        };
    }

    private static Reg memBase(String op) {
        String inner = op.trim();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            throw new Unsupported("memory operand " + op);
        }
        List<String> p = operands(inner.substring(1, inner.length() - 1));
        if (p.size() > 1 && imm(p.get(1)) != 0) {
            throw new Unsupported("offset in exclusive " + op);
        }
        return reg(p.get(0));
    }

    /** [base{, #imm}] -> {base, offset}. */
    private static Object[] mem(List<String> ops) {
        String m = ops.get(0);
        List<String> inner = operands(m.substring(1, m.indexOf(']')));
        return new Object[] {reg(inner.get(0)), inner.size() > 1 ? imm(inner.get(1)) : 0L};
    }

    private void memory(String m, List<String> ops) {
        Reg rt = reg(ops.get(0));
        MemOp op = memOp(m, rt);
        String mem = ops.get(1);
        List<String> inner = operands(mem.substring(1, mem.indexOf(']')));
        Reg base = reg(inner.get(0));
        Addr addr;
        if (mem.endsWith("!")) {
            addr = Addr.pre(base, imm(inner.get(1)));
        } else if (ops.size() > 2) {
            addr = Addr.post(base, imm(ops.get(2)));
        } else if (inner.size() > 1 && isReg(inner.get(1))) {
            Reg index = reg(inner.get(1));
            if (inner.size() == 2) {
                addr = Addr.index(base, index);
            } else {
                String[] p = inner.get(2).trim().split("\\s+");
                Extend ex = p[0].equals("lsl") ? Extend.UXTX : Extend.valueOf(p[0].toUpperCase(Locale.ROOT));
                boolean shifted = p.length > 1;
                if (shifted && imm(p[1]) == 0 && op.bytes() != 1) {
                    throw new Unsupported("explicit #0 shift");
                }
                // for byte accesses gas encodes an explicit "#0" amount as S=1
                addr = Addr.index(base, index, ex, shifted);
            }
        } else {
            addr = Addr.at(base, inner.size() > 1 ? imm(inner.get(1)) : 0);
        }
        a.ldst(op, rt, addr);
    }

    private void pair(String m, List<String> ops) {
        Reg rt = reg(ops.get(0));
        Reg rt2 = reg(ops.get(1));
        String mem = ops.get(2);
        List<String> inner = operands(mem.substring(1, mem.indexOf(']')));
        Reg base = reg(inner.get(0));
        long off = inner.size() > 1 ? imm(inner.get(1)) : 0;
        int mode = mem.endsWith("!") ? 3 : ops.size() > 3 ? 1 : 2;
        if (mode == 1) {
            off = imm(ops.get(3));
        }
        switch (m) {
            case "ldp" -> {
                if (mode == 3) {
                    a.ldpPre(rt, rt2, base, off);
                } else if (mode == 1) {
                    a.ldpPost(rt, rt2, base, off);
                } else {
                    a.ldp(rt, rt2, base, off);
                }
            }
            case "stp" -> {
                if (mode == 3) {
                    a.stpPre(rt, rt2, base, off);
                } else if (mode == 1) {
                    a.stpPost(rt, rt2, base, off);
                } else {
                    a.stp(rt, rt2, base, off);
                }
            }
            case "ldpsw" -> {
                if (mode == 3) {
                    a.ldpswPre(rt, rt2, base, off);
                } else if (mode == 1) {
                    a.ldpswPost(rt, rt2, base, off);
                } else {
                    a.ldpsw(rt, rt2, base, off);
                }
            }
            case "ldnp" -> a.ldnp(rt, rt2, base, off);
            case "stnp" -> a.stnp(rt, rt2, base, off);
            default -> throw new Unsupported(m);
        }
    }

    // ------------------------------------------------------------------ data processing

    private void dataProcessing(String m, List<String> ops) {
        switch (m) {
            case "add", "adds", "sub", "subs" -> addSub(m, reg(ops.get(0)), reg(ops.get(1)), ops.subList(2, ops.size()));
            case "cmp", "cmn" -> {
                Reg rn = reg(ops.get(0));
                addSub(m.equals("cmp") ? "subs" : "adds", rn.is64() ? Reg.XZR : Reg.WZR, rn, ops.subList(1, ops.size()));
            }
            case "neg", "negs" -> {
                Reg rd = reg(ops.get(0));
                Object[] sh = ops.size() > 2 ? shift(ops.get(2)) : new Object[] {Shift.LSL, 0};
                if (m.equals("neg")) {
                    a.neg(rd, reg(ops.get(1)), (Shift) sh[0], (int) sh[1]);
                } else if ((int) sh[1] == 0 && sh[0] == Shift.LSL) {
                    a.negs(rd, reg(ops.get(1)));
                } else {
                    a.subs(rd, rd.is64() ? Reg.XZR : Reg.WZR, reg(ops.get(1)), (Shift) sh[0], (int) sh[1]);
                }
            }
            case "mov" -> {
                Reg rd = reg(ops.get(0));
                if (ops.get(1).startsWith("#")) {
                    a.mov(rd, imm(ops.get(1)));
                } else {
                    a.mov(rd, reg(ops.get(1)));
                }
            }
            case "movz", "movn", "movk" -> {
                Reg rd = reg(ops.get(0));
                int v = (int) imm(ops.get(1));
                int sh = ops.size() > 2 ? (int) (Integer) shift(ops.get(2))[1] : 0;
                switch (m) {
                    case "movz" -> a.movz(rd, v, sh);
                    case "movn" -> a.movn(rd, v, sh);
                    default -> a.movk(rd, v, sh);
                }
            }
            case "and", "orr", "eor", "ands", "bic", "bics", "orn", "eon" -> logical(m, reg(ops.get(0)), reg(ops.get(1)),
                    ops.subList(2, ops.size()));
            case "tst" -> {
                Reg rn = reg(ops.get(0));
                logical("ands", rn.is64() ? Reg.XZR : Reg.WZR, rn, ops.subList(1, ops.size()));
            }
            case "mvn" -> {
                Object[] sh = ops.size() > 2 ? shift(ops.get(2)) : new Object[] {Shift.LSL, 0};
                a.mvn(reg(ops.get(0)), reg(ops.get(1)), (Shift) sh[0], (int) sh[1]);
            }
            case "lsl", "lsr", "asr", "ror" -> {
                Reg rd = reg(ops.get(0));
                Reg rn = reg(ops.get(1));
                if (ops.get(2).startsWith("#")) {
                    int s = (int) imm(ops.get(2));
                    switch (m) {
                        case "lsl" -> a.lsl(rd, rn, s);
                        case "lsr" -> a.lsr(rd, rn, s);
                        case "asr" -> a.asr(rd, rn, s);
                        default -> a.ror(rd, rn, s);
                    }
                } else {
                    Reg rm = reg(ops.get(2));
                    switch (m) {
                        case "lsl" -> a.lsl(rd, rn, rm);
                        case "lsr" -> a.lsr(rd, rn, rm);
                        case "asr" -> a.asr(rd, rn, rm);
                        default -> a.ror(rd, rn, rm);
                    }
                }
            }
            case "lslv" -> a.lsl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "lsrv" -> a.lsr(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "asrv" -> a.asr(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "rorv" -> a.ror(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "ubfx", "sbfx", "ubfiz", "sbfiz", "bfi", "bfxil" -> {
                Reg rd = reg(ops.get(0));
                Reg rn = reg(ops.get(1));
                int lsb = (int) imm(ops.get(2));
                int w = (int) imm(ops.get(3));
                switch (m) {
                    case "ubfx" -> a.ubfx(rd, rn, lsb, w);
                    case "sbfx" -> a.sbfx(rd, rn, lsb, w);
                    case "ubfiz" -> a.ubfiz(rd, rn, lsb, w);
                    case "sbfiz" -> a.sbfiz(rd, rn, lsb, w);
                    case "bfi" -> a.bfi(rd, rn, lsb, w);
                    default -> a.bfxil(rd, rn, lsb, w);
                }
            }
            case "bfc" -> a.bfc(reg(ops.get(0)), (int) imm(ops.get(1)), (int) imm(ops.get(2)));
            case "ubfm", "sbfm", "bfm" -> {
                Reg rd = reg(ops.get(0));
                Reg rn = reg(ops.get(1));
                int r = (int) imm(ops.get(2));
                int s = (int) imm(ops.get(3));
                switch (m) {
                    case "ubfm" -> a.ubfm(rd, rn, r, s);
                    case "sbfm" -> a.sbfm(rd, rn, r, s);
                    default -> a.bfm(rd, rn, r, s);
                }
            }
            case "uxtb" -> a.uxtb(reg(ops.get(0)), reg(ops.get(1)));
            case "uxth" -> a.uxth(reg(ops.get(0)), reg(ops.get(1)));
            case "sxtb" -> a.sxtb(reg(ops.get(0)), reg(ops.get(1)));
            case "sxth" -> a.sxth(reg(ops.get(0)), reg(ops.get(1)));
            case "sxtw" -> a.sxtw(reg(ops.get(0)), reg(ops.get(1)));
            case "extr" -> a.extr(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), (int) imm(ops.get(3)));
            case "csel" -> a.csel(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), cond(ops.get(3)));
            case "csinc" -> a.csinc(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), cond(ops.get(3)));
            case "csinv" -> a.csinv(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), cond(ops.get(3)));
            case "csneg" -> a.csneg(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), cond(ops.get(3)));
            case "cset" -> a.cset(reg(ops.get(0)), cond(ops.get(1)));
            case "csetm" -> a.csetm(reg(ops.get(0)), cond(ops.get(1)));
            case "cinc" -> a.cinc(reg(ops.get(0)), reg(ops.get(1)), cond(ops.get(2)));
            case "cinv" -> a.cinv(reg(ops.get(0)), reg(ops.get(1)), cond(ops.get(2)));
            case "cneg" -> a.cneg(reg(ops.get(0)), reg(ops.get(1)), cond(ops.get(2)));
            case "ccmp", "ccmn" -> {
                Reg rn = reg(ops.get(0));
                int nzcv = (int) imm(ops.get(2));
                Cond c = cond(ops.get(3));
                boolean n = m.equals("ccmn");
                if (ops.get(1).startsWith("#")) {
                    if (n) {
                        a.ccmn(rn, (int) imm(ops.get(1)), nzcv, c);
                    } else {
                        a.ccmp(rn, (int) imm(ops.get(1)), nzcv, c);
                    }
                } else if (n) {
                    a.ccmn(rn, reg(ops.get(1)), nzcv, c);
                } else {
                    a.ccmp(rn, reg(ops.get(1)), nzcv, c);
                }
            }
            case "madd" -> a.madd(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "msub" -> a.msub(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "mul" -> a.mul(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "mneg" -> a.mneg(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "smaddl" -> a.smaddl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "umaddl" -> a.umaddl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "smsubl" -> a.smsubl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "umsubl" -> a.umsubl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)), reg(ops.get(3)));
            case "smull" -> a.smull(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "umull" -> a.umull(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "smnegl" -> a.smnegl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "umnegl" -> a.umnegl(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "smulh" -> a.smulh(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "umulh" -> a.umulh(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "adc" -> a.adc(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "adcs" -> a.adcs(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "sbc" -> a.sbc(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "sbcs" -> a.sbcs(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "ngc" -> a.ngc(reg(ops.get(0)), reg(ops.get(1)));
            case "ngcs" -> a.ngcs(reg(ops.get(0)), reg(ops.get(1)));
            case "udiv" -> a.udiv(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "sdiv" -> a.sdiv(reg(ops.get(0)), reg(ops.get(1)), reg(ops.get(2)));
            case "clz" -> a.clz(reg(ops.get(0)), reg(ops.get(1)));
            case "cls" -> a.cls(reg(ops.get(0)), reg(ops.get(1)));
            case "rbit" -> a.rbit(reg(ops.get(0)), reg(ops.get(1)));
            case "rev" -> a.rev(reg(ops.get(0)), reg(ops.get(1)));
            case "rev16" -> a.rev16(reg(ops.get(0)), reg(ops.get(1)));
            case "rev32" -> a.rev32(reg(ops.get(0)), reg(ops.get(1)));
            case "rev64" -> a.rev64(reg(ops.get(0)), reg(ops.get(1)));
            default -> throw new Unsupported("mnemonic " + m);
        }
    }

    private void addSub(String m, Reg rd, Reg rn, List<String> rest) {
        boolean sub = m.startsWith("sub");
        boolean s = m.endsWith("s");
        String op = rest.get(0);
        if (op.startsWith("#")) {
            long v = imm(op);
            if (rest.size() > 1) {
                v <<= (Integer) shift(rest.get(1))[1];
            }
            if (sub) {
                if (s) {
                    a.subs(rd, rn, v);
                } else {
                    a.sub(rd, rn, v);
                }
            } else if (s) {
                a.adds(rd, rn, v);
            } else {
                a.add(rd, rn, v);
            }
            return;
        }
        Reg rm = reg(op);
        if (rest.size() == 1) {
            if (sub) {
                if (s) {
                    a.subs(rd, rn, rm);
                } else {
                    a.sub(rd, rn, rm);
                }
            } else if (s) {
                a.adds(rd, rn, rm);
            } else {
                a.add(rd, rn, rm);
            }
            return;
        }
        Object[] sh = shift(rest.get(1));
        Object[] ex = extend(rest.get(1));
        if (sh != null && sh[0] == Shift.LSL && (rd.isSp() || rn.isSp())) {
            ex = new Object[] {rd.is64() ? Extend.UXTX : Extend.UXTW, sh[1]};
            sh = null;
        }
        if (sh != null) {
            Shift shift = (Shift) sh[0];
            int amt = (int) sh[1];
            if (sub) {
                if (s) {
                    a.subs(rd, rn, rm, shift, amt);
                } else {
                    a.sub(rd, rn, rm, shift, amt);
                }
            } else if (s) {
                a.adds(rd, rn, rm, shift, amt);
            } else {
                a.add(rd, rn, rm, shift, amt);
            }
            return;
        }
        if (ex == null) {
            throw new Unsupported("operand " + rest.get(1));
        }
        if (sub) {
            if (s) {
                a.subs(rd, rn, rm, (Extend) ex[0], (int) ex[1]);
            } else {
                a.sub(rd, rn, rm, (Extend) ex[0], (int) ex[1]);
            }
        } else if (s) {
            a.adds(rd, rn, rm, (Extend) ex[0], (int) ex[1]);
        } else {
            a.add(rd, rn, rm, (Extend) ex[0], (int) ex[1]);
        }
    }

    private void logical(String m, Reg rd, Reg rn, List<String> rest) {
        String op = rest.get(0);
        if (op.startsWith("#")) {
            long v = imm(op);
            switch (m) {
                case "and" -> a.and(rd, rn, v);
                case "orr" -> a.orr(rd, rn, v);
                case "eor" -> a.eor(rd, rn, v);
                case "ands" -> a.ands(rd, rn, v);
                case "bic" -> a.and(rd, rn, rd.is64() ? ~v : ~v & 0xffffffffL);
                default -> throw new Unsupported(m + " immediate");
            }
            return;
        }
        Reg rm = reg(op);
        Object[] sh = rest.size() > 1 ? shift(rest.get(1)) : new Object[] {Shift.LSL, 0};
        Shift shift = (Shift) sh[0];
        int amt = (int) sh[1];
        switch (m) {
            case "and" -> a.and(rd, rn, rm, shift, amt);
            case "orr" -> a.orr(rd, rn, rm, shift, amt);
            case "eor" -> a.eor(rd, rn, rm, shift, amt);
            case "ands" -> a.ands(rd, rn, rm, shift, amt);
            case "bic" -> a.bic(rd, rn, rm, shift, amt);
            case "bics" -> a.bics(rd, rn, rm, shift, amt);
            case "orn" -> a.orn(rd, rn, rm, shift, amt);
            default -> a.eon(rd, rn, rm, shift, amt);
        }
    }
}
