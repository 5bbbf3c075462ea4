package org.kernelsim.cpu.asm;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.LongToIntFunction;

import org.kernelsim.cpu.asm.A64.MemOp;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationPatcher;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

/**
 * A fluent A64 assembler producing a relocatable {@link ObjectFile}, with the semantics of GNU
 * as where it matters:
 * <ul>
 *   <li>Labels: {@link #label} defines one at the current position. Names starting with ".L"
 *   and GNU numeric labels ("1", referenced as "1f"/"1b", or plain "1" when defined once) are
 *   assembler-temporary: they are not in the symbol table, and a relocation against one is made
 *   against its section symbol (a LOCAL symbol named like the section, value 0). Other names are
 *   LOCAL symbols unless declared {@link #global}. A referenced name never defined becomes an
 *   undefined (extern) symbol; a temporary one is an error.</li>
 *   <li>PC-relative references within one section (branches, ADR, LDR literal, PREL32/64) are
 *   resolved by {@link #finish()}; range errors name the instruction and the symbolised place,
 *   e.g. {@code B target out of ±128 MiB range: offset 0x8000000 at foo+0x10}. Everything else
 *   (other sections, undefined symbols, ADRP / :lo12: / ABS, which depend on the load address)
 *   becomes a RELA {@link Relocation} with the instruction's immediate left zero.</li>
 *   <li>Functions: {@link #function(String, OptionalInt)} / {@link #globalFunction} emit the kCFI
 *   type word immediately before the entry (clang's {@code .word typeid}), define a FUNC symbol
 *   carrying the id, and {@link #endFunction()} sets its size.</li>
 *   <li>Literal pools: {@link #ldrLiteral(Reg, String)} against any label, and
 *   {@link #ldrConstant(Reg, long)} which collects constants into a pool emitted by
 *   {@link #ltorg()} or at the end of the section.</li>
 * </ul>
 * Not thread-safe; one instance produces one object.
 */
public final class Assembler {

    private final String objectName;
    private final Map<String, SectionBuilder> sections = new LinkedHashMap<>();
    private final Map<String, Sym> symbols = new LinkedHashMap<>();
    private final Map<String, Integer> numericDefinitions = new HashMap<>();
    private SectionBuilder current;
    private Sym openFunction;
    private int poolCounter;
    private boolean finished;

    public Assembler(String objectName) {
        this.objectName = requireNonNull(objectName, "objectName");
    }

    /** {@code :lo12:symbol} for ADD / LDR / STR after an ADRP. */
    public static Lo12 lo12(String symbol) {
        return new Lo12(symbol, 0);
    }

    public static Lo12 lo12(String symbol, long addend) {
        return new Lo12(symbol, addend);
    }

    // =================================================================== sections

    /**
     * Switches to (creating if needed) a section whose kind follows from its name: .bss* BSS;
     * .data*, .static_call_sites, .init.data* DATA; .rodata* RODATA; names containing "text",
     * and .plt/.init.plt, TEXT. Other names need {@link #section(String, Section.Kind)}.
     */
    public Assembler section(String name) {
        return section(name, kindOf(name));
    }

    public Assembler section(String name, Section.Kind kind) {
        checkOpen();
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        SectionBuilder s = sections.computeIfAbsent(name, n -> new SectionBuilder(n, kind));
        if (s.kind != kind) {
            throw new IllegalArgumentException("section " + name + " already exists with kind " + s.kind + ", not " + kind);
        }
        current = s;
        return this;
    }

    static Section.Kind kindOf(String name) {
        if (name.startsWith(".bss") || name.startsWith(".sbss")) {
            return Section.Kind.BSS;
        }
        if (name.startsWith(".rodata")) {
            return Section.Kind.RODATA;
        }
        if (name.startsWith(".data") || name.equals(".static_call_sites") || name.startsWith(".init.data")) {
            return Section.Kind.DATA;
        }
        if (name.contains("text") || name.equals(".plt") || name.equals(".init.plt")) {
            return Section.Kind.TEXT;
        }
        throw new IllegalArgumentException("cannot infer the kind of section " + name
                + "; use section(name, kind) with one of TEXT, RODATA, DATA, BSS");
    }

    /** The current section's name. */
    public String currentSection() {
        return cur().name;
    }

    /** Offset of the next byte in the current section. */
    public long here() {
        return cur().size();
    }

    /** Pads the current section to a multiple of {@code bytes} (NOPs in text, zeros elsewhere). */
    public Assembler align(int bytes) {
        SectionBuilder s = cur();
        if (bytes <= 0 || Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + bytes);
        }
        s.alignment = Math.max(s.alignment, bytes);
        padTo(s, (s.size() + bytes - 1) & -(long) bytes);
        return this;
    }

    private void padTo(SectionBuilder s, long target) {
        while (s.size() < target) {
            if (s.kind == Section.Kind.TEXT && (s.size() & 3) == 0 && target - s.size() >= 4) {
                s.putInt(A64.NOP);
            } else {
                s.putByte(0);
            }
        }
    }

    // =================================================================== symbols and labels

    /** Declares a symbol global (before or after its definition). */
    public Assembler global(String name) {
        checkOpen();
        if (isTemporary(name)) {
            throw new IllegalArgumentException("temporary label " + name + " cannot be global");
        }
        sym(name).global = true;
        return this;
    }

    /** Defines a label at the current position. */
    public Assembler label(String name) {
        SectionBuilder s = cur();
        requireNonNull(name, "name");
        String key = name;
        if (isNumeric(name)) {
            int n = numericDefinitions.merge(name, 1, Integer::sum);
            key = numericKey(name, n);
        }
        Sym sym = sym(key);
        if (sym.section != null) {
            throw new IllegalArgumentException("symbol " + name + " already defined at " + placeName(sym.section, sym.value));
        }
        sym.section = s.name;
        sym.value = s.size();
        return this;
    }

    /** A local function without a kCFI type word. */
    public Assembler function(String name) {
        return function(name, OptionalInt.empty());
    }

    /** A local (static) function; with a kCFI id, its type word is emitted just before the entry. */
    public Assembler function(String name, OptionalInt kcfiTypeId) {
        return function(name, kcfiTypeId, 4);
    }

    /**
     * Starts a function whose entry is aligned to {@code entryAlignment} (padding with NOPs
     * before the type word, which always sits at entry-4).
     */
    public Assembler function(String name, OptionalInt kcfiTypeId, int entryAlignment) {
        requireNonNull(kcfiTypeId, "kcfiTypeId");
        SectionBuilder s = cur();
        if (s.kind != Section.Kind.TEXT) {
            throw new IllegalStateException("function " + name + " must be in a text section, not " + s.name);
        }
        if (openFunction != null) {
            throw new IllegalStateException("function " + name + " starts before endFunction() of " + openFunction.name);
        }
        if (entryAlignment < 4 || Integer.bitCount(entryAlignment) != 1) {
            throw new IllegalArgumentException("function entry alignment must be a power of two >= 4: " + entryAlignment);
        }
        s.alignment = Math.max(s.alignment, entryAlignment);
        long prefix = kcfiTypeId.isPresent() ? 4 : 0;
        long entry = (s.size() + prefix + entryAlignment - 1) & -(long) entryAlignment;
        padTo(s, entry - prefix);
        if (kcfiTypeId.isPresent()) {
            s.putInt(kcfiTypeId.getAsInt());
        }
        label(name);
        Sym sym = symbols.get(name);
        sym.type = Symbol.Type.FUNC;
        sym.kcfi = kcfiTypeId;
        openFunction = sym;
        return this;
    }

    public Assembler globalFunction(String name) {
        return global(name).function(name, OptionalInt.empty());
    }

    public Assembler globalFunction(String name, int kcfiTypeId) {
        return global(name).function(name, OptionalInt.of(kcfiTypeId));
    }

    public Assembler globalFunction(String name, OptionalInt kcfiTypeId) {
        return global(name).function(name, kcfiTypeId);
    }

    /** Ends the open function: its size is the bytes since its entry. */
    public Assembler endFunction() {
        if (openFunction == null) {
            throw new IllegalStateException("endFunction() without an open function");
        }
        if (!openFunction.section.equals(cur().name)) {
            throw new IllegalStateException("function " + openFunction.name + " ends in section " + cur().name
                    + " but started in " + openFunction.section);
        }
        openFunction.size = here() - openFunction.value;
        openFunction = null;
        return this;
    }

    /** Starts a data object (type OBJECT); {@link #endObject()} sets its size. */
    public Assembler object(String name, boolean global) {
        if (global) {
            global(name);
        }
        label(name);
        Sym sym = symbols.get(name);
        sym.type = Symbol.Type.OBJECT;
        cur().openObject = sym;
        return this;
    }

    public Assembler endObject() {
        SectionBuilder s = cur();
        if (s.openObject == null) {
            throw new IllegalStateException("endObject() without an open object in " + s.name);
        }
        s.openObject.size = here() - s.openObject.value;
        s.openObject = null;
        return this;
    }

    // =================================================================== data

    /** Emits a raw instruction word (must be 4-byte aligned in text). */
    public Assembler emit(int word) {
        SectionBuilder s = cur();
        if (s.kind == Section.Kind.TEXT && (s.size() & 3) != 0) {
            throw new IllegalStateException("instruction at misaligned offset " + placeName(s.name, s.size()));
        }
        s.putInt(word);
        return this;
    }

    public Assembler byte8(int value) {
        cur().putByte(value);
        return this;
    }

    public Assembler hword(int value) {
        SectionBuilder s = cur();
        s.putByte(value);
        s.putByte(value >> 8);
        return this;
    }

    /** .word value */
    public Assembler word(int value) {
        cur().putInt(value);
        return this;
    }

    /** .word symbol+addend (ABS32). */
    public Assembler word(String symbol, long addend) {
        return dataRef(RelocationType.ABS32, symbol, addend);
    }

    /** .quad value */
    public Assembler quad(long value) {
        SectionBuilder s = cur();
        s.putInt((int) value);
        s.putInt((int) (value >>> 32));
        return this;
    }

    /** .quad symbol (ABS64). */
    public Assembler quad(String symbol) {
        return quad(symbol, 0);
    }

    /** .quad symbol+addend (ABS64). */
    public Assembler quad(String symbol, long addend) {
        return dataRef(RelocationType.ABS64, symbol, addend);
    }

    /** .long symbol+addend - . (PREL32), as the kernel's relative tables (static_call_sites) use. */
    public Assembler prel32(String symbol, long addend) {
        return dataRef(RelocationType.PREL32, symbol, addend);
    }

    /** .quad symbol+addend - . (PREL64). */
    public Assembler prel64(String symbol, long addend) {
        return dataRef(RelocationType.PREL64, symbol, addend);
    }

    /** {@code n} zero bytes; in a BSS section, just reserves space. */
    public Assembler space(long n) {
        SectionBuilder s = cur();
        if (n < 0) {
            throw new IllegalArgumentException("negative space: " + n);
        }
        if (s.kind == Section.Kind.BSS) {
            s.bssSize += n;
        } else {
            s.ensure(n);
            s.length += (int) n; // the buffer is zero beyond length
        }
        return this;
    }

    public Assembler bytes(byte[] data) {
        SectionBuilder s = cur();
        for (byte b : data) {
            s.putByte(b);
        }
        return this;
    }

    public Assembler ascii(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The string and a terminating NUL. */
    public Assembler asciz(String text) {
        return ascii(text).byte8(0);
    }

    private Assembler dataRef(RelocationType type, String symbol, long addend) {
        SectionBuilder s = cur();
        requireNonNull(symbol, "symbol");
        int width = RelocationPatcher.width(type);
        s.fixups.add(new Fixup(s.name, s.size(), type, refKey(symbol), symbol, addend, null, type.name()));
        for (int i = 0; i < width; i++) {
            s.putByte(0);
        }
        return this;
    }

    // =================================================================== branches

    public Assembler b(String target) {
        return insnRef(RelocationType.JUMP26, target, 0, A64::b, "B");
    }

    public Assembler bl(String target) {
        return insnRef(RelocationType.CALL26, target, 0, A64::bl, "BL");
    }

    public Assembler b(Cond cond, String target) {
        return insnRef(RelocationType.CONDBR19, target, 0, off -> A64.bCond(cond, off), "B." + cond);
    }

    public Assembler beq(String target) {
        return b(Cond.EQ, target);
    }

    public Assembler bne(String target) {
        return b(Cond.NE, target);
    }

    public Assembler cbz(Reg rt, String target) {
        return insnRef(RelocationType.CONDBR19, target, 0, off -> A64.cbz(rt, off), "CBZ");
    }

    public Assembler cbnz(Reg rt, String target) {
        return insnRef(RelocationType.CONDBR19, target, 0, off -> A64.cbnz(rt, off), "CBNZ");
    }

    public Assembler tbz(Reg rt, int bit, String target) {
        return insnRef(RelocationType.TSTBR14, target, 0, off -> A64.tbz(rt, bit, off), "TBZ");
    }

    public Assembler tbnz(Reg rt, int bit, String target) {
        return insnRef(RelocationType.TSTBR14, target, 0, off -> A64.tbnz(rt, bit, off), "TBNZ");
    }

    public Assembler br(Reg rn) {
        return emit(A64.br(rn));
    }

    public Assembler blr(Reg rn) {
        return emit(A64.blr(rn));
    }

    public Assembler ret() {
        return emit(A64.ret());
    }

    public Assembler ret(Reg rn) {
        return emit(A64.ret(rn));
    }

    public Assembler eret() {
        return emit(A64.eret());
    }

    // =================================================================== PC-relative addressing and literals

    public Assembler adr(Reg rd, String target) {
        return adr(rd, target, 0);
    }

    public Assembler adr(Reg rd, String target, long addend) {
        return insnRef(RelocationType.ADR_PREL_LO21, target, addend, off -> A64.adr(rd, off), "ADR");
    }

    /** ADRP rd, symbol+addend: always a relocation, since the page delta depends on where the object is loaded. */
    public Assembler adrp(Reg rd, String target) {
        return adrp(rd, target, 0);
    }

    public Assembler adrp(Reg rd, String target, long addend) {
        return insnRef(RelocationType.ADR_PREL_PG_HI21, target, addend, off -> A64.adrpPages(rd, off), "ADRP");
    }

    /** LDR Rt, label (PC-relative literal load, ±1 MiB). */
    public Assembler ldrLiteral(Reg rt, String label) {
        return insnRef(RelocationType.LD_PREL_LO19, label, 0, off -> A64.ldrLiteral(rt, off, false), "LDR (literal)");
    }

    /** LDRSW Xt, label. */
    public Assembler ldrswLiteral(Reg rt, String label) {
        return insnRef(RelocationType.LD_PREL_LO19, label, 0, off -> A64.ldrLiteral(rt, off, true), "LDR (literal)");
    }

    /**
     * LDR Rt, =constant: loads from a literal pool entry (8 bytes for X, 4 for W), emitted at the
     * next {@link #ltorg()} or at the end of the section. Equal constants share an entry.
     */
    public Assembler ldrConstant(Reg rt, long constant) {
        SectionBuilder s = cur();
        int size = rt.is64() ? 8 : 4;
        long value = rt.is64() ? constant : constant & 0xffffffffL;
        String label = s.pool.computeIfAbsent(new PoolKey(value, size), k -> ".Lpool$" + (poolCounter++));
        return ldrLiteral(rt, label);
    }

    /** Emits the pending literal pool of the current section here. */
    public Assembler ltorg() {
        SectionBuilder s = cur();
        if (s.pool.isEmpty()) {
            return this;
        }
        boolean any8 = s.pool.keySet().stream().anyMatch(k -> k.size == 8);
        align(any8 ? 8 : 4);
        for (var e : s.pool.entrySet()) {
            label(e.getValue());
            if (e.getKey().size == 8) {
                quad(e.getKey().value);
            } else {
                word((int) e.getKey().value);
            }
        }
        s.pool.clear();
        return this;
    }

    // =================================================================== add / sub / compare

    public Assembler add(Reg rd, Reg rn, long imm) {
        return emit(A64.addImm(rd, rn, imm));
    }

    /** ADD rd, rn, #:lo12:symbol (ADD_ABS_LO12_NC). */
    public Assembler add(Reg rd, Reg rn, Lo12 ref) {
        A64.addImm(rd, rn, 0); // operand checks
        return relocOnly(RelocationType.ADD_ABS_LO12_NC, ref.symbol(), ref.addend(), A64.addImm(rd, rn, 0));
    }

    public Assembler add(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubReg(false, false, rd, rn, rm));
    }

    public Assembler add(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.addShifted(rd, rn, rm, shift, amount));
    }

    public Assembler add(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return emit(A64.addExtended(rd, rn, rm, extend, amount));
    }

    public Assembler adds(Reg rd, Reg rn, long imm) {
        return emit(A64.addsImm(rd, rn, imm));
    }

    public Assembler adds(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubReg(false, true, rd, rn, rm));
    }

    public Assembler adds(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.addsShifted(rd, rn, rm, shift, amount));
    }

    public Assembler adds(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return emit(A64.addsExtended(rd, rn, rm, extend, amount));
    }

    public Assembler sub(Reg rd, Reg rn, long imm) {
        return emit(A64.subImm(rd, rn, imm));
    }

    public Assembler sub(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubReg(true, false, rd, rn, rm));
    }

    public Assembler sub(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.subShifted(rd, rn, rm, shift, amount));
    }

    public Assembler sub(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return emit(A64.subExtended(rd, rn, rm, extend, amount));
    }

    public Assembler subs(Reg rd, Reg rn, long imm) {
        return emit(A64.subsImm(rd, rn, imm));
    }

    public Assembler subs(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubReg(true, true, rd, rn, rm));
    }

    public Assembler subs(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.subsShifted(rd, rn, rm, shift, amount));
    }

    public Assembler subs(Reg rd, Reg rn, Reg rm, Extend extend, int amount) {
        return emit(A64.subsExtended(rd, rn, rm, extend, amount));
    }

    public Assembler cmp(Reg rn, long imm) {
        return emit(A64.subsImm(zr(rn), rn, imm));
    }

    public Assembler cmp(Reg rn, Reg rm) {
        return emit(A64.addSubReg(true, true, zr(rn), rn, rm));
    }

    public Assembler cmp(Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.subsShifted(zr(rn), rn, rm, shift, amount));
    }

    public Assembler cmp(Reg rn, Reg rm, Extend extend, int amount) {
        return emit(A64.subsExtended(zr(rn), rn, rm, extend, amount));
    }

    public Assembler cmn(Reg rn, long imm) {
        return emit(A64.addsImm(zr(rn), rn, imm));
    }

    public Assembler cmn(Reg rn, Reg rm) {
        return emit(A64.addSubReg(false, true, zr(rn), rn, rm));
    }

    public Assembler neg(Reg rd, Reg rm) {
        return emit(A64.subShifted(rd, zr(rd), rm, Shift.LSL, 0));
    }

    public Assembler neg(Reg rd, Reg rm, Shift shift, int amount) {
        return emit(A64.subShifted(rd, zr(rd), rm, shift, amount));
    }

    public Assembler negs(Reg rd, Reg rm) {
        return emit(A64.subsShifted(rd, zr(rd), rm, Shift.LSL, 0));
    }

    public Assembler adc(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubCarry(false, false, rd, rn, rm));
    }

    public Assembler adcs(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubCarry(false, true, rd, rn, rm));
    }

    public Assembler sbc(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubCarry(true, false, rd, rn, rm));
    }

    public Assembler sbcs(Reg rd, Reg rn, Reg rm) {
        return emit(A64.addSubCarry(true, true, rd, rn, rm));
    }

    public Assembler ngc(Reg rd, Reg rm) {
        return emit(A64.addSubCarry(true, false, rd, zr(rd), rm));
    }

    // =================================================================== logical

    public Assembler and(Reg rd, Reg rn, long imm) {
        return emit(A64.logicalImm(0, rd, rn, imm));
    }

    public Assembler orr(Reg rd, Reg rn, long imm) {
        return emit(A64.logicalImm(1, rd, rn, imm));
    }

    public Assembler eor(Reg rd, Reg rn, long imm) {
        return emit(A64.logicalImm(2, rd, rn, imm));
    }

    public Assembler ands(Reg rd, Reg rn, long imm) {
        return emit(A64.logicalImm(3, rd, rn, imm));
    }

    public Assembler tst(Reg rn, long imm) {
        return emit(A64.logicalImm(3, zr(rn), rn, imm));
    }

    public Assembler and(Reg rd, Reg rn, Reg rm) {
        return and(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler and(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(0, false, rd, rn, rm, shift, amount));
    }

    public Assembler orr(Reg rd, Reg rn, Reg rm) {
        return orr(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler orr(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(1, false, rd, rn, rm, shift, amount));
    }

    public Assembler eor(Reg rd, Reg rn, Reg rm) {
        return eor(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler eor(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(2, false, rd, rn, rm, shift, amount));
    }

    public Assembler ands(Reg rd, Reg rn, Reg rm) {
        return ands(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler ands(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(3, false, rd, rn, rm, shift, amount));
    }

    public Assembler bic(Reg rd, Reg rn, Reg rm) {
        return bic(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler bic(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(0, true, rd, rn, rm, shift, amount));
    }

    public Assembler orn(Reg rd, Reg rn, Reg rm) {
        return orn(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler orn(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(1, true, rd, rn, rm, shift, amount));
    }

    public Assembler eon(Reg rd, Reg rn, Reg rm) {
        return eon(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler eon(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(2, true, rd, rn, rm, shift, amount));
    }

    public Assembler bics(Reg rd, Reg rn, Reg rm) {
        return bics(rd, rn, rm, Shift.LSL, 0);
    }

    public Assembler bics(Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(3, true, rd, rn, rm, shift, amount));
    }

    public Assembler tst(Reg rn, Reg rm) {
        return emit(A64.logicalShifted(3, false, zr(rn), rn, rm, Shift.LSL, 0));
    }

    public Assembler tst(Reg rn, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(3, false, zr(rn), rn, rm, shift, amount));
    }

    public Assembler mvn(Reg rd, Reg rm) {
        return emit(A64.logicalShifted(1, true, rd, zr(rd), rm, Shift.LSL, 0));
    }

    public Assembler mvn(Reg rd, Reg rm, Shift shift, int amount) {
        return emit(A64.logicalShifted(1, true, rd, zr(rd), rm, shift, amount));
    }

    // =================================================================== moves

    public Assembler mov(Reg rd, Reg rm) {
        return emit(A64.movReg(rd, rm));
    }

    /** MOV Rd, #imm as one instruction (MOVZ, MOVN or ORR), or an error if it needs more. */
    public Assembler mov(Reg rd, long imm) {
        return emit(A64.movImm(rd, imm));
    }

    public Assembler movz(Reg rd, int imm16, int shift) {
        return emit(A64.movz(rd, imm16, shift));
    }

    public Assembler movn(Reg rd, int imm16, int shift) {
        return emit(A64.movn(rd, imm16, shift));
    }

    public Assembler movk(Reg rd, int imm16, int shift) {
        return emit(A64.movk(rd, imm16, shift));
    }

    /**
     * Materialises any constant in the fewest MOVZ/MOVN + MOVK instructions (or one ORR), like
     * the kernel's and compilers' mov-immediate expansion.
     */
    public Assembler movImm64(Reg rd, long imm) {
        try {
            return emit(A64.movImm(rd, imm));
        } catch (IllegalArgumentException notOne) {
            // fall through to the multi-instruction forms
        }
        int chunks = rd.is64() ? 4 : 2;
        long v = rd.is64() ? imm : imm & 0xffffffffL;
        int zeros = 0;
        int ones = 0;
        for (int i = 0; i < chunks; i++) {
            long c = (v >>> (16 * i)) & 0xffff;
            zeros += c == 0 ? 1 : 0;
            ones += c == 0xffff ? 1 : 0;
        }
        boolean useN = ones > zeros;
        boolean first = true;
        for (int i = 0; i < chunks; i++) {
            int c = (int) ((v >>> (16 * i)) & 0xffff);
            if (c == (useN ? 0xffff : 0)) {
                continue;
            }
            if (first) {
                emit(useN ? A64.movn(rd, ~c & 0xffff, 16 * i) : A64.movz(rd, c, 16 * i));
                first = false;
            } else {
                emit(A64.movk(rd, c, 16 * i));
            }
        }
        return this;
    }

    // =================================================================== bitfield, shifts, extends

    public Assembler sbfm(Reg rd, Reg rn, int immr, int imms) {
        return emit(A64.sbfm(rd, rn, immr, imms));
    }

    public Assembler bfm(Reg rd, Reg rn, int immr, int imms) {
        return emit(A64.bfm(rd, rn, immr, imms));
    }

    public Assembler ubfm(Reg rd, Reg rn, int immr, int imms) {
        return emit(A64.ubfm(rd, rn, immr, imms));
    }

    public Assembler lsl(Reg rd, Reg rn, int shift) {
        int size = width(rd);
        checkShift("lsl", shift, size);
        return emit(A64.ubfm(rd, rn, (size - shift) % size, size - 1 - shift));
    }

    public Assembler lsr(Reg rd, Reg rn, int shift) {
        checkShift("lsr", shift, width(rd));
        return emit(A64.ubfm(rd, rn, shift, width(rd) - 1));
    }

    public Assembler asr(Reg rd, Reg rn, int shift) {
        checkShift("asr", shift, width(rd));
        return emit(A64.sbfm(rd, rn, shift, width(rd) - 1));
    }

    public Assembler ror(Reg rd, Reg rn, int shift) {
        return emit(A64.extr(rd, rn, rn, shift));
    }

    public Assembler lsl(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(8, "lslv", rd, rn, rm));
    }

    public Assembler lsr(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(9, "lsrv", rd, rn, rm));
    }

    public Assembler asr(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(10, "asrv", rd, rn, rm));
    }

    public Assembler ror(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(11, "rorv", rd, rn, rm));
    }

    public Assembler ubfx(Reg rd, Reg rn, int lsb, int width) {
        checkField("ubfx", lsb, width, width(rd));
        return emit(A64.ubfm(rd, rn, lsb, lsb + width - 1));
    }

    public Assembler sbfx(Reg rd, Reg rn, int lsb, int width) {
        checkField("sbfx", lsb, width, width(rd));
        return emit(A64.sbfm(rd, rn, lsb, lsb + width - 1));
    }

    public Assembler ubfiz(Reg rd, Reg rn, int lsb, int width) {
        checkField("ubfiz", lsb, width, width(rd));
        return emit(A64.ubfm(rd, rn, (width(rd) - lsb) % width(rd), width - 1));
    }

    public Assembler sbfiz(Reg rd, Reg rn, int lsb, int width) {
        checkField("sbfiz", lsb, width, width(rd));
        return emit(A64.sbfm(rd, rn, (width(rd) - lsb) % width(rd), width - 1));
    }

    public Assembler bfi(Reg rd, Reg rn, int lsb, int width) {
        checkField("bfi", lsb, width, width(rd));
        return emit(A64.bfm(rd, rn, (width(rd) - lsb) % width(rd), width - 1));
    }

    public Assembler bfxil(Reg rd, Reg rn, int lsb, int width) {
        checkField("bfxil", lsb, width, width(rd));
        return emit(A64.bfm(rd, rn, lsb, lsb + width - 1));
    }

    /** UXTB Wd, Wn. */
    public Assembler uxtb(Reg rd, Reg rn) {
        requireW("uxtb", rd, rn);
        return emit(A64.ubfm(rd, rn, 0, 7));
    }

    /** UXTH Wd, Wn. */
    public Assembler uxth(Reg rd, Reg rn) {
        requireW("uxth", rd, rn);
        return emit(A64.ubfm(rd, rn, 0, 15));
    }

    /** SXTB Rd, Wn. */
    public Assembler sxtb(Reg rd, Reg wn) {
        requireW("sxtb", wn);
        return emit(A64.sbfm(rd, rd.is64() ? wn.asX() : wn, 0, 7));
    }

    /** SXTH Rd, Wn. */
    public Assembler sxth(Reg rd, Reg wn) {
        requireW("sxth", wn);
        return emit(A64.sbfm(rd, rd.is64() ? wn.asX() : wn, 0, 15));
    }

    /** SXTW Xd, Wn. */
    public Assembler sxtw(Reg xd, Reg wn) {
        A64.need64("sxtw", xd);
        requireW("sxtw", wn);
        return emit(A64.sbfm(xd, wn.asX(), 0, 31));
    }

    public Assembler extr(Reg rd, Reg rn, Reg rm, int lsb) {
        return emit(A64.extr(rd, rn, rm, lsb));
    }

    // =================================================================== conditional

    public Assembler csel(Reg rd, Reg rn, Reg rm, Cond cond) {
        return emit(A64.condSelect(0, rd, rn, rm, cond));
    }

    public Assembler csinc(Reg rd, Reg rn, Reg rm, Cond cond) {
        return emit(A64.condSelect(1, rd, rn, rm, cond));
    }

    public Assembler csinv(Reg rd, Reg rn, Reg rm, Cond cond) {
        return emit(A64.condSelect(2, rd, rn, rm, cond));
    }

    public Assembler csneg(Reg rd, Reg rn, Reg rm, Cond cond) {
        return emit(A64.condSelect(3, rd, rn, rm, cond));
    }

    /** Rd = cond ? 1 : 0. */
    public Assembler cset(Reg rd, Cond cond) {
        return emit(A64.condSelect(1, rd, zr(rd), zr(rd), cond.invert()));
    }

    /** Rd = cond ? -1 : 0. */
    public Assembler csetm(Reg rd, Cond cond) {
        return emit(A64.condSelect(2, rd, zr(rd), zr(rd), cond.invert()));
    }

    public Assembler cinc(Reg rd, Reg rn, Cond cond) {
        return emit(A64.condSelect(1, rd, rn, rn, cond.invert()));
    }

    public Assembler cinv(Reg rd, Reg rn, Cond cond) {
        return emit(A64.condSelect(2, rd, rn, rn, cond.invert()));
    }

    public Assembler cneg(Reg rd, Reg rn, Cond cond) {
        return emit(A64.condSelect(3, rd, rn, rn, cond.invert()));
    }

    public Assembler ccmp(Reg rn, Reg rm, int nzcv, Cond cond) {
        return emit(A64.condCompareReg(false, rn, rm, nzcv, cond));
    }

    public Assembler ccmp(Reg rn, int imm5, int nzcv, Cond cond) {
        return emit(A64.condCompareImm(false, rn, imm5, nzcv, cond));
    }

    public Assembler ccmn(Reg rn, Reg rm, int nzcv, Cond cond) {
        return emit(A64.condCompareReg(true, rn, rm, nzcv, cond));
    }

    public Assembler ccmn(Reg rn, int imm5, int nzcv, Cond cond) {
        return emit(A64.condCompareImm(true, rn, imm5, nzcv, cond));
    }

    // =================================================================== multiply, divide, bit ops

    public Assembler madd(Reg rd, Reg rn, Reg rm, Reg ra) {
        return emit(A64.maddSub(false, rd, rn, rm, ra));
    }

    public Assembler msub(Reg rd, Reg rn, Reg rm, Reg ra) {
        return emit(A64.maddSub(true, rd, rn, rm, ra));
    }

    public Assembler mul(Reg rd, Reg rn, Reg rm) {
        return emit(A64.maddSub(false, rd, rn, rm, zr(rd)));
    }

    public Assembler mneg(Reg rd, Reg rn, Reg rm) {
        return emit(A64.maddSub(true, rd, rn, rm, zr(rd)));
    }

    public Assembler smaddl(Reg xd, Reg wn, Reg wm, Reg xa) {
        return emit(A64.maddLong(false, false, xd, wn, wm, xa));
    }

    public Assembler umaddl(Reg xd, Reg wn, Reg wm, Reg xa) {
        return emit(A64.maddLong(true, false, xd, wn, wm, xa));
    }

    public Assembler smsubl(Reg xd, Reg wn, Reg wm, Reg xa) {
        return emit(A64.maddLong(false, true, xd, wn, wm, xa));
    }

    public Assembler umsubl(Reg xd, Reg wn, Reg wm, Reg xa) {
        return emit(A64.maddLong(true, true, xd, wn, wm, xa));
    }

    public Assembler smull(Reg xd, Reg wn, Reg wm) {
        return emit(A64.maddLong(false, false, xd, wn, wm, Reg.XZR));
    }

    public Assembler umull(Reg xd, Reg wn, Reg wm) {
        return emit(A64.maddLong(true, false, xd, wn, wm, Reg.XZR));
    }

    public Assembler smulh(Reg xd, Reg xn, Reg xm) {
        return emit(A64.mulHigh(false, xd, xn, xm));
    }

    public Assembler umulh(Reg xd, Reg xn, Reg xm) {
        return emit(A64.mulHigh(true, xd, xn, xm));
    }

    public Assembler udiv(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(2, "udiv", rd, rn, rm));
    }

    public Assembler sdiv(Reg rd, Reg rn, Reg rm) {
        return emit(A64.dp2(3, "sdiv", rd, rn, rm));
    }

    public Assembler rbit(Reg rd, Reg rn) {
        return emit(A64.dp1(0, "rbit", rd, rn));
    }

    public Assembler rev16(Reg rd, Reg rn) {
        return emit(A64.dp1(1, "rev16", rd, rn));
    }

    /** REV32 Xd, Xn (byte-reverse each word). */
    public Assembler rev32(Reg xd, Reg xn) {
        A64.need64("rev32", xd);
        return emit(A64.dp1(2, "rev32", xd, xn));
    }

    public Assembler rev(Reg rd, Reg rn) {
        return emit(A64.dp1(rd.is64() ? 3 : 2, "rev", rd, rn));
    }

    public Assembler clz(Reg rd, Reg rn) {
        return emit(A64.dp1(4, "clz", rd, rn));
    }

    public Assembler cls(Reg rd, Reg rn) {
        return emit(A64.dp1(5, "cls", rd, rn));
    }

    // =================================================================== loads and stores

    /** Any single-register load/store with any addressing mode. */
    public Assembler ldst(MemOp op, Reg rt, Addr addr) {
        if (addr instanceof Addr.Offset o) {
            return emit(A64.ldst(op, rt, o.base(), o.offset()));
        } else if (addr instanceof Addr.PreIndex p) {
            return emit(A64.ldstImm9(op, rt, p.base(), p.offset(), 3));
        } else if (addr instanceof Addr.PostIndex p) {
            return emit(A64.ldstImm9(op, rt, p.base(), p.offset(), 1));
        } else if (addr instanceof Addr.Indexed i) {
            return emit(A64.ldstReg(op, rt, i.base(), i.index(), i.extend(), i.shifted()));
        } else {
            Addr.Low12 l = (Addr.Low12) addr;
            RelocationType type = switch (op.bytes()) {
                case 8 -> RelocationType.LDST64_ABS_LO12_NC;
                case 4 -> RelocationType.LDST32_ABS_LO12_NC;
                default -> throw new IllegalArgumentException(op.mnemonic() + ": :lo12: offsets are supported for 4- and 8-byte accesses only");
            };
            return relocOnly(type, l.ref().symbol(), l.ref().addend(), A64.ldstUnsigned(op, rt, l.base(), 0));
        }
    }

    public Assembler ldr(Reg rt, Addr addr) {
        return ldst(MemOp.of(true, rt), rt, addr);
    }

    public Assembler ldr(Reg rt, Reg base) {
        return ldr(rt, Addr.at(base));
    }

    public Assembler ldr(Reg rt, Reg base, long offset) {
        return ldr(rt, Addr.at(base, offset));
    }

    /** LDR rt, [base, #:lo12:symbol]. */
    public Assembler ldr(Reg rt, Reg base, Lo12 ref) {
        return ldr(rt, new Addr.Low12(base, ref));
    }

    public Assembler ldr(Reg rt, Reg base, Reg index) {
        return ldr(rt, Addr.index(base, index));
    }

    public Assembler str(Reg rt, Addr addr) {
        return ldst(MemOp.of(false, rt), rt, addr);
    }

    public Assembler str(Reg rt, Reg base) {
        return str(rt, Addr.at(base));
    }

    public Assembler str(Reg rt, Reg base, long offset) {
        return str(rt, Addr.at(base, offset));
    }

    public Assembler str(Reg rt, Reg base, Lo12 ref) {
        return str(rt, new Addr.Low12(base, ref));
    }

    public Assembler str(Reg rt, Reg base, Reg index) {
        return str(rt, Addr.index(base, index));
    }

    /** LDUR/STUR: always the unscaled form. */
    public Assembler ldur(Reg rt, Reg base, long offset) {
        return emit(A64.ldstImm9(MemOp.of(true, rt), rt, base, offset, 0));
    }

    public Assembler stur(Reg rt, Reg base, long offset) {
        return emit(A64.ldstImm9(MemOp.of(false, rt), rt, base, offset, 0));
    }

    public Assembler ldrPre(Reg rt, Reg base, long offset) {
        return ldr(rt, Addr.pre(base, offset));
    }

    public Assembler ldrPost(Reg rt, Reg base, long offset) {
        return ldr(rt, Addr.post(base, offset));
    }

    public Assembler strPre(Reg rt, Reg base, long offset) {
        return str(rt, Addr.pre(base, offset));
    }

    public Assembler strPost(Reg rt, Reg base, long offset) {
        return str(rt, Addr.post(base, offset));
    }

    public Assembler ldrb(Reg wt, Addr addr) {
        return ldst(MemOp.LDRB, wt, addr);
    }

    public Assembler ldrb(Reg wt, Reg base, long offset) {
        return ldst(MemOp.LDRB, wt, Addr.at(base, offset));
    }

    public Assembler strb(Reg wt, Addr addr) {
        return ldst(MemOp.STRB, wt, addr);
    }

    public Assembler strb(Reg wt, Reg base, long offset) {
        return ldst(MemOp.STRB, wt, Addr.at(base, offset));
    }

    public Assembler ldrh(Reg wt, Addr addr) {
        return ldst(MemOp.LDRH, wt, addr);
    }

    public Assembler ldrh(Reg wt, Reg base, long offset) {
        return ldst(MemOp.LDRH, wt, Addr.at(base, offset));
    }

    public Assembler strh(Reg wt, Addr addr) {
        return ldst(MemOp.STRH, wt, addr);
    }

    public Assembler strh(Reg wt, Reg base, long offset) {
        return ldst(MemOp.STRH, wt, Addr.at(base, offset));
    }

    public Assembler ldrsb(Reg rt, Addr addr) {
        return ldst(rt.is64() ? MemOp.LDRSB_X : MemOp.LDRSB_W, rt, addr);
    }

    public Assembler ldrsb(Reg rt, Reg base, long offset) {
        return ldrsb(rt, Addr.at(base, offset));
    }

    public Assembler ldrsh(Reg rt, Addr addr) {
        return ldst(rt.is64() ? MemOp.LDRSH_X : MemOp.LDRSH_W, rt, addr);
    }

    public Assembler ldrsh(Reg rt, Reg base, long offset) {
        return ldrsh(rt, Addr.at(base, offset));
    }

    public Assembler ldrsw(Reg xt, Addr addr) {
        return ldst(MemOp.LDRSW, xt, addr);
    }

    public Assembler ldrsw(Reg xt, Reg base, long offset) {
        return ldst(MemOp.LDRSW, xt, Addr.at(base, offset));
    }

    public Assembler ldp(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, false, rt, rt2, base, offset, 2));
    }

    public Assembler ldpPre(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, false, rt, rt2, base, offset, 3));
    }

    public Assembler ldpPost(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, false, rt, rt2, base, offset, 1));
    }

    public Assembler stp(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(false, false, rt, rt2, base, offset, 2));
    }

    public Assembler stpPre(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(false, false, rt, rt2, base, offset, 3));
    }

    public Assembler stpPost(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPair(false, false, rt, rt2, base, offset, 1));
    }

    public Assembler ldpsw(Reg xt, Reg xt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, true, xt, xt2, base, offset, 2));
    }

    public Assembler ldxr(Reg rt, Reg base) {
        return emit(A64.ldxr(rt, base));
    }

    public Assembler ldaxr(Reg rt, Reg base) {
        return emit(A64.ldaxr(rt, base));
    }

    public Assembler ldar(Reg rt, Reg base) {
        return emit(A64.ldar(rt, base));
    }

    public Assembler stlr(Reg rt, Reg base) {
        return emit(A64.stlr(rt, base));
    }

    public Assembler stxr(Reg ws, Reg rt, Reg base) {
        return emit(A64.stxr(false, ws, rt, base));
    }

    public Assembler stlxr(Reg ws, Reg rt, Reg base) {
        return emit(A64.stxr(true, ws, rt, base));
    }

    // =================================================================== exceptions, hints, barriers, system

    public Assembler svc(int imm16) {
        return emit(A64.svc(imm16));
    }

    public Assembler hvc(int imm16) {
        return emit(A64.hvc(imm16));
    }

    public Assembler smc(int imm16) {
        return emit(A64.smc(imm16));
    }

    public Assembler brk(int imm16) {
        return emit(A64.brk(imm16));
    }

    public Assembler hlt(int imm16) {
        return emit(A64.hlt(imm16));
    }

    public Assembler udf(int imm16) {
        return emit(A64.udf(imm16));
    }

    public Assembler nop() {
        return emit(A64.NOP);
    }

    public Assembler hint(int imm) {
        return emit(A64.hint(imm));
    }

    public Assembler yield() {
        return emit(A64.yield());
    }

    public Assembler wfe() {
        return emit(A64.wfe());
    }

    public Assembler wfi() {
        return emit(A64.wfi());
    }

    public Assembler sev() {
        return emit(A64.sev());
    }

    public Assembler sevl() {
        return emit(A64.sevl());
    }

    public Assembler paciasp() {
        return emit(A64.paciasp());
    }

    public Assembler pacibsp() {
        return emit(A64.pacibsp());
    }

    public Assembler autiasp() {
        return emit(A64.autiasp());
    }

    public Assembler autibsp() {
        return emit(A64.autibsp());
    }

    public Assembler bti() {
        return emit(A64.bti());
    }

    public Assembler btiC() {
        return emit(A64.btiC());
    }

    public Assembler btiJ() {
        return emit(A64.btiJ());
    }

    public Assembler btiJc() {
        return emit(A64.btiJc());
    }

    public Assembler isb() {
        return emit(A64.isb());
    }

    public Assembler dsb(Barrier option) {
        return emit(A64.dsb(option));
    }

    public Assembler dmb(Barrier option) {
        return emit(A64.dmb(option));
    }

    public Assembler clrex() {
        return emit(A64.clrex());
    }

    /** IC/DC by VA, e.g. {@code cacheOp(CacheOp.DC_CVAU, X0)}. */
    public Assembler cacheOp(CacheOp op, Reg xt) {
        return emit(A64.cacheOp(op, xt));
    }

    /** IC IALLU / IC IALLUIS (no register). */
    public Assembler cacheOp(CacheOp op) {
        return emit(A64.cacheOp(op, Reg.XZR));
    }

    public Assembler mrs(Reg xt, SystemRegister sysreg) {
        return emit(A64.mrs(xt, sysreg));
    }

    public Assembler msr(SystemRegister sysreg, Reg xt) {
        return emit(A64.msr(sysreg, xt));
    }

    public Assembler msrDaifSet(int imm4) {
        return emit(A64.msrDaifSet(imm4));
    }

    public Assembler msrDaifClr(int imm4) {
        return emit(A64.msrDaifClr(imm4));
    }

    // =================================================================== less common forms (kernel entry code, atomics, ...)

    public Assembler sys(int op1, int crn, int crm, int op2, Reg xt) {
        return emit(A64.sys(op1, crn, crm, op2, xt));
    }

    public Assembler tlbi(TlbiOp op, Reg xt) {
        return emit(A64.tlbi(op, xt));
    }

    public Assembler tlbi(TlbiOp op) {
        return emit(A64.tlbi(op, Reg.XZR));
    }

    /** MRS by raw encoding, for system registers {@link SystemRegister} does not name. */
    public Assembler mrs(Reg xt, int op0, int op1, int crn, int crm, int op2) {
        return emit(A64.mrs(xt, op0, op1, crn, crm, op2));
    }

    public Assembler msr(int op0, int op1, int crn, int crm, int op2, Reg xt) {
        return emit(A64.msr(op0, op1, crn, crm, op2, xt));
    }

    /** MSR &lt;pstatefield&gt;, #imm (see {@link A64#msrImm}). */
    public Assembler msrImm(int op1, int op2, int imm4) {
        return emit(A64.msrImm(op1, op2, imm4));
    }

    public Assembler isb(int option) {
        return emit(A64.isb(option));
    }

    public Assembler dsb(int option) {
        return emit(A64.dsb(option));
    }

    public Assembler dmb(int option) {
        return emit(A64.dmb(option));
    }

    public Assembler clrex(int imm) {
        return emit(A64.clrex(imm));
    }

    public Assembler sb() {
        return emit(A64.sb());
    }

    public Assembler ssbb() {
        return emit(A64.dsb(0));
    }

    public Assembler pssbb() {
        return emit(A64.dsb(4));
    }

    public Assembler csdb() {
        return emit(A64.hint(20));
    }

    /** CRC32B/H/W/X (sz 0..3). */
    public Assembler crc32(int sz, Reg wd, Reg wn, Reg rm) {
        return emit(A64.crc32(false, sz, wd, wn, rm));
    }

    /** CRC32CB/H/W/X (sz 0..3). */
    public Assembler crc32c(int sz, Reg wd, Reg wn, Reg rm) {
        return emit(A64.crc32(true, sz, wd, wn, rm));
    }

    public Assembler prfm(int prfop, Reg base, long offset) {
        return emit(A64.prfm(prfop, base, offset));
    }

    public Assembler prfm(int prfop, Reg base, Reg index) {
        return emit(A64.prfmReg(prfop, base, index, index.is64() ? Extend.UXTX : Extend.UXTW, false));
    }

    public Assembler prfmLiteral(int prfop, String label) {
        return insnRef(RelocationType.LD_PREL_LO19, label, 0, off -> A64.prfmLiteral(prfop, off), "PRFM (literal)");
    }

    /** LDTR/STTR family (unprivileged): {@code op} names size and signedness. */
    public Assembler ldstUnprivileged(MemOp op, Reg rt, Reg base, long offset) {
        return emit(A64.ldstUnprivileged(op, rt, base, offset));
    }

    /** LDUR/STUR family with any size ({@code op}), always the unscaled form. */
    public Assembler ldstUnscaled(MemOp op, Reg rt, Reg base, long offset) {
        return emit(A64.ldstImm9(op, rt, base, offset, 0));
    }

    public Assembler ldnp(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPairNonTemporal(true, rt, rt2, base, offset));
    }

    public Assembler stnp(Reg rt, Reg rt2, Reg base, long offset) {
        return emit(A64.ldstPairNonTemporal(false, rt, rt2, base, offset));
    }

    public Assembler ldpswPre(Reg xt, Reg xt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, true, xt, xt2, base, offset, 3));
    }

    public Assembler ldpswPost(Reg xt, Reg xt2, Reg base, long offset) {
        return emit(A64.ldstPair(true, true, xt, xt2, base, offset, 1));
    }

    /** LDXR/LDAXR/LDAR/STLR of any size: {@code base} is one of A64.LDXR, LDAXR, LDAR, STLR; size 0..3. */
    public Assembler ldstExclusive(int baseWord, int size, Reg rt, Reg base) {
        return emit(A64.ldstExclusive("ldst-exclusive", baseWord, size, rt, base));
    }

    /** STXR/STLXR of any size (0 byte .. 3 doubleword). */
    public Assembler storeExclusive(boolean release, int size, Reg ws, Reg rt, Reg base) {
        return emit(A64.storeExclusive(release, size, ws, rt, base));
    }

    public Assembler ldxp(Reg rt, Reg rt2, Reg base) {
        return emit(A64.loadExclusivePair(false, rt, rt2, base));
    }

    public Assembler ldaxp(Reg rt, Reg rt2, Reg base) {
        return emit(A64.loadExclusivePair(true, rt, rt2, base));
    }

    public Assembler stxp(Reg ws, Reg rt, Reg rt2, Reg base) {
        return emit(A64.storeExclusivePair(false, ws, rt, rt2, base));
    }

    public Assembler stlxp(Reg ws, Reg rt, Reg rt2, Reg base) {
        return emit(A64.storeExclusivePair(true, ws, rt, rt2, base));
    }

    /** FEAT_LSE LD&lt;op&gt;{A}{L}; the size follows Rt (W or X). */
    public Assembler atomic(A64.AtomicOp op, boolean acquire, boolean release, Reg rs, Reg rt, Reg base) {
        return emit(A64.atomic(op, acquire, release, rt.is64() ? 3 : 2, rs, rt, base));
    }

    public Assembler ldadd(Reg rs, Reg rt, Reg base) {
        return atomic(A64.AtomicOp.ADD, false, false, rs, rt, base);
    }

    /** STADD Rs, [Xn] = LDADD Rs, ZR, [Xn]. */
    public Assembler stadd(Reg rs, Reg base) {
        return atomic(A64.AtomicOp.ADD, false, false, rs, zr(rs), base);
    }

    public Assembler swp(boolean acquire, boolean release, Reg rs, Reg rt, Reg base) {
        return emit(A64.swp(acquire, release, rt.is64() ? 3 : 2, rs, rt, base));
    }

    public Assembler cas(boolean acquire, boolean release, Reg rs, Reg rt, Reg base) {
        return emit(A64.cas(acquire, release, rt.is64() ? 3 : 2, rs, rt, base));
    }

    /** BFC Rd, #lsb, #width (bfm from the zero register). */
    public Assembler bfc(Reg rd, int lsb, int width) {
        checkField("bfc", lsb, width, width(rd));
        return emit(A64.bfm(rd, zr(rd), (width(rd) - lsb) % width(rd), width - 1));
    }

    public Assembler ngcs(Reg rd, Reg rm) {
        return emit(A64.addSubCarry(true, true, rd, zr(rd), rm));
    }

    public Assembler smnegl(Reg xd, Reg wn, Reg wm) {
        return emit(A64.maddLong(false, true, xd, wn, wm, Reg.XZR));
    }

    public Assembler umnegl(Reg xd, Reg wn, Reg wm) {
        return emit(A64.maddLong(true, true, xd, wn, wm, Reg.XZR));
    }

    /** REV64 Xd, Xn (the same instruction as REV Xd, Xn). */
    public Assembler rev64(Reg xd, Reg xn) {
        A64.need64("rev64", xd);
        return emit(A64.dp1(3, "rev64", xd, xn));
    }

    // =================================================================== kCFI

    /** The kCFI-checked indirect call (or tail call when {@code tail}) through {@code target}, as clang emits it. */
    public Assembler kcfiCheck(Reg target, int typeId, boolean tail) {
        return kcfiCheck(target, typeId, tail, 0);
    }

    /**
     * LLVM {@code AArch64AsmPrinter::LowerKCFI_CHECK} followed by the call: load the callee's
     * type word from {@code target - (4*prefixNops + 4)} into wA, build the expected id in wB
     * with two MOVKs, compare, skip a {@code brk #(0x8000 | B<<5 | T)} when equal, then BLR
     * (or BR for a tail call). A=w16 and B=w17, except that the one equal to the target is
     * replaced by w9. An XZR target is checked as LLVM does: x16 is zeroed instead of loaded.
     */
    public Assembler kcfiCheck(Reg target, int typeId, boolean tail, int prefixNops) {
        A64.need64("kcfi check", target);
        if (target.isSp()) {
            throw new IllegalArgumentException("kcfi check: target cannot be sp");
        }
        int a = 16;
        int b = 17;
        if (target.number() == 16) {
            a = 9;
        } else if (target.number() == 17) {
            b = 9;
        }
        int addrIndex = target.number();
        if (target.isZr()) {
            emit(A64.movReg(Reg.X(a), Reg.XZR));
            addrIndex = a;
        } else {
            emit(A64.ldstImm9(MemOp.LDR_W, Reg.W(a), target, -(4L * prefixNops + 4), 0));
        }
        emit(A64.movk(Reg.W(b), typeId & 0xffff, 0));
        emit(A64.movk(Reg.W(b), typeId >>> 16, 16));
        emit(A64.subsShifted(Reg.WZR, Reg.W(a), Reg.W(b), Shift.LSL, 0));
        emit(A64.bCond(Cond.EQ, 8));
        emit(A64.brk(0x8000 | b << 5 | addrIndex));
        return emit(tail ? A64.br(target) : A64.blr(target));
    }

    // =================================================================== finish

    /** Resolves local references, emits pending literal pools, and returns the object. */
    public ObjectFile finish() {
        checkOpen();
        if (openFunction != null) {
            throw new IllegalStateException("function " + openFunction.name + " has no endFunction()");
        }
        for (SectionBuilder s : sections.values()) {
            if (!s.pool.isEmpty()) {
                current = s;
                ltorg();
            }
            if (s.openObject != null) {
                throw new IllegalStateException("object " + s.openObject.name + " has no endObject()");
            }
        }
        finished = true;
        resolveNumericPlainRefs();

        List<Relocation> relocations = new ArrayList<>();
        Map<String, Symbol> sectionSymbols = new LinkedHashMap<>();
        for (SectionBuilder s : sections.values()) {
            for (Fixup f : s.fixups) {
                resolve(s, f, relocations, sectionSymbols);
            }
        }

        List<Section> outSections = new ArrayList<>();
        for (SectionBuilder s : sections.values()) {
            outSections.add(s.kind == Section.Kind.BSS
                    ? new Section(s.name, s.kind, null, s.size(), s.alignment)
                    : new Section(s.name, s.kind, Arrays.copyOf(s.data, s.length), s.length, s.alignment));
        }
        List<Symbol> outSymbols = new ArrayList<>(sectionSymbols.values());
        List<Symbol> undefined = new ArrayList<>();
        for (Sym sym : symbols.values()) {
            if (isTemporary(sym.name) || sym.name.indexOf('\u0001') >= 0) {
                continue;
            }
            if (sym.section == null) {
                if (sym.referenced || sym.global) {
                    undefined.add(Symbol.undefined(sym.name));
                }
                continue;
            }
            outSymbols.add(new Symbol(sym.name, sym.section, sym.value, Math.max(sym.size, 0),
                    sym.global ? Symbol.Binding.GLOBAL : Symbol.Binding.LOCAL, sym.type, sym.kcfi));
        }
        outSymbols.addAll(undefined);
        return new ObjectFile(objectName, outSections, outSymbols, relocations);
    }

    private void resolve(SectionBuilder s, Fixup f, List<Relocation> relocations, Map<String, Symbol> sectionSymbols) {
        Sym target = symbols.get(f.key);
        String place = placeName(s.name, f.offset);
        if (target == null || target.section == null) {
            if (isTemporary(f.written) || f.key.indexOf('\u0001') >= 0) {
                throw new IllegalArgumentException("undefined local label " + f.written + " referenced at " + place);
            }
            relocations.add(new Relocation(s.name, f.offset, f.type, f.written, f.addend));
            return;
        }
        boolean pcRelative = switch (f.type) {
            case JUMP26, CALL26, CONDBR19, LD_PREL_LO19, TSTBR14, ADR_PREL_LO21, PREL32, PREL64 -> true;
            default -> false;
        };
        if (pcRelative && target.section.equals(s.name)) {
            long offset = target.value + f.addend - f.offset;
            if (f.encoder != null) {
                int word;
                try {
                    word = f.encoder.applyAsInt(offset);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " at " + place, e);
                }
                s.setInt(f.offset, word);
            } else if (f.type == RelocationType.PREL32) {
                if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("PREL32 value out of 32-bit signed range: " + A64.hex(offset) + " at " + place);
                }
                s.setInt(f.offset, (int) offset);
            } else {
                s.setInt(f.offset, (int) offset);
                s.setInt(f.offset + 4, (int) (offset >>> 32));
            }
            return;
        }
        if (isTemporary(target.name) || target.name.indexOf('\u0001') >= 0) {
            sectionSymbols.computeIfAbsent(target.section, sec -> new Symbol(sec, sec, 0, 0, Symbol.Binding.LOCAL,
                    Symbol.Type.NOTYPE, OptionalInt.empty()));
            relocations.add(new Relocation(s.name, f.offset, f.type, target.section, target.value + f.addend));
        } else {
            relocations.add(new Relocation(s.name, f.offset, f.type, target.name, f.addend));
        }
    }

    /** A plain reference to a numeric label ("1") means its only definition. */
    private void resolveNumericPlainRefs() {
        for (SectionBuilder s : sections.values()) {
            for (int i = 0; i < s.fixups.size(); i++) {
                Fixup f = s.fixups.get(i);
                if (f.key.startsWith("\u0001plain:")) {
                    String name = f.key.substring("\u0001plain:".length());
                    int defs = numericDefinitions.getOrDefault(name, 0);
                    if (defs != 1) {
                        throw new IllegalArgumentException("reference to numeric label " + name + " at " + placeName(s.name, f.offset)
                                + " is ambiguous (" + defs + " definitions); use " + name + "f or " + name + "b");
                    }
                    s.fixups.set(i, f.withKey(numericKey(name, 1)));
                }
            }
        }
    }

    /** "symbol+0x10" for the nearest non-temporary symbol at or before the offset in that section, else "section+0x10". */
    String placeName(String section, long offset) {
        Sym best = null;
        for (Sym sym : symbols.values()) {
            if (section.equals(sym.section) && sym.value <= offset && !isTemporary(sym.name) && sym.name.indexOf('\u0001') < 0
                    && (best == null || sym.value > best.value || sym.value == best.value && sym.type == Symbol.Type.FUNC)) {
                best = sym;
            }
        }
        return best == null ? section + "+0x" + Long.toHexString(offset) : best.name + "+0x" + Long.toHexString(offset - best.value);
    }

    // =================================================================== internals

    private Assembler insnRef(RelocationType type, String target, long addend, LongToIntFunction encoder, String mnemonic) {
        SectionBuilder s = cur();
        requireNonNull(target, "target");
        int word = encoder.applyAsInt(0); // validates operands now, not at finish()
        long at = s.size();
        emit(word);
        LongToIntFunction resolver = type == RelocationType.ADR_PREL_PG_HI21 ? null : encoder;
        s.fixups.add(new Fixup(s.name, at, type, refKey(target), target, addend, resolver, mnemonic));
        return this;
    }

    /** An instruction whose immediate always comes from a relocation (ADRP-paired :lo12: forms). */
    private Assembler relocOnly(RelocationType type, String symbol, long addend, int word) {
        SectionBuilder s = cur();
        long at = s.size();
        emit(word);
        s.fixups.add(new Fixup(s.name, at, type, refKey(symbol), symbol, addend, null, type.name()));
        return this;
    }

    private String refKey(String name) {
        if (name.length() > 1 && isNumeric(name.substring(0, name.length() - 1))
                && (name.endsWith("f") || name.endsWith("b"))) {
            String n = name.substring(0, name.length() - 1);
            int defs = numericDefinitions.getOrDefault(n, 0);
            if (name.endsWith("b")) {
                if (defs == 0) {
                    throw new IllegalArgumentException("backward reference " + name + " but label " + n + " is not defined yet");
                }
                return numericKey(n, defs);
            }
            String key = numericKey(n, defs + 1);
            sym(key).referenced = true;
            return key;
        }
        if (isNumeric(name)) {
            return "\u0001plain:" + name;
        }
        sym(name).referenced = true;
        return name;
    }

    private static String numericKey(String name, int n) {
        return "\u0001" + name + "#" + n;
    }

    private static boolean isNumeric(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static boolean isTemporary(String name) {
        return name.startsWith(".L") || isNumeric(name);
    }

    private Sym sym(String key) {
        return symbols.computeIfAbsent(key, Sym::new);
    }

    private SectionBuilder cur() {
        checkOpen();
        if (current == null) {
            throw new IllegalStateException("no section selected: call section(\".text\") first");
        }
        return current;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("assembler for " + objectName + " is finished");
        }
    }

    private static Reg zr(Reg like) {
        return like.is64() ? Reg.XZR : Reg.WZR;
    }

    private static int width(Reg r) {
        return r.is64() ? 64 : 32;
    }

    private static void checkShift(String insn, int shift, int size) {
        A64.checkRange(insn, "shift", shift, 0, size - 1);
    }

    private static void checkField(String insn, int lsb, int width, int size) {
        A64.checkRange(insn, "lsb", lsb, 0, size - 1);
        A64.checkRange(insn, "width", width, 1, size - lsb);
    }

    private static void requireW(String insn, Reg... regs) {
        for (Reg r : regs) {
            if (r.is64()) {
                throw new IllegalArgumentException(insn + ": needs a W register, got " + r);
            }
        }
    }

    private static final class Sym {
        final String name;
        String section;
        long value;
        long size = -1;
        boolean global;
        boolean referenced;
        Symbol.Type type = Symbol.Type.NOTYPE;
        OptionalInt kcfi = OptionalInt.empty();

        Sym(String name) {
            this.name = name;
        }
    }

    private record PoolKey(long value, int size) {
    }

    private record Fixup(String section, long offset, RelocationType type, String key, String written, long addend,
                         LongToIntFunction encoder, String mnemonic) {
        Fixup withKey(String k) {
            return new Fixup(section, offset, type, k, written, addend, encoder, mnemonic);
        }
    }

    private static final class SectionBuilder {
        final String name;
        final Section.Kind kind;
        byte[] data = new byte[256];
        int length;
        long bssSize;
        int alignment;
        final List<Fixup> fixups = new ArrayList<>();
        final Map<PoolKey, String> pool = new LinkedHashMap<>();
        Sym openObject;

        SectionBuilder(String name, Section.Kind kind) {
            this.name = name;
            this.kind = kind;
            this.alignment = kind == Section.Kind.TEXT ? 4 : 1;
        }

        long size() {
            return kind == Section.Kind.BSS ? bssSize : length;
        }

        void ensure(long extra) {
            long need = length + extra;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("section " + name + " larger than 2 GiB");
            }
            if (need > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 8, 2L * data.length)));
            }
        }

        void putByte(int b) {
            if (kind == Section.Kind.BSS) {
                if ((b & 0xff) != 0) {
                    throw new IllegalStateException("non-zero data in NOBITS section " + name);
                }
                bssSize++;
                return;
            }
            if (length == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[length++] = (byte) b;
        }

        void putInt(int v) {
            putByte(v);
            putByte(v >> 8);
            putByte(v >> 16);
            putByte(v >> 24);
        }

        void setInt(long offset, int v) {
            int o = (int) offset;
            data[o] = (byte) v;
            data[o + 1] = (byte) (v >> 8);
            data[o + 2] = (byte) (v >> 16);
            data[o + 3] = (byte) (v >> 24);
        }
    }
}
