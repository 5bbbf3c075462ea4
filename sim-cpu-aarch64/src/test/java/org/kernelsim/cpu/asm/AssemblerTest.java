package org.kernelsim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.cpu.asm.Assembler.lo12;
import static org.kernelsim.cpu.asm.Reg.*;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

class AssemblerTest {

    static List<String> words(ObjectFile o, String section) {
        byte[] d = o.section(section).orElseThrow().data();
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 3 < d.length; i += 4) {
            out.add(String.format("%08x", (d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16 | (d[i + 3] & 0xff) << 24));
        }
        return out;
    }

    static String wordAt(ObjectFile o, String section, int offset) {
        byte[] d = o.section(section).orElseThrow().data();
        return String.format("%08x", (d[offset] & 0xff) | (d[offset + 1] & 0xff) << 8 | (d[offset + 2] & 0xff) << 16
                | (d[offset + 3] & 0xff) << 24);
    }

    @Test
    void kcfiCheckViaX8MatchesClang() {
        Assembler a = new Assembler("k.o").section(".text");
        a.kcfiCheck(X8, 0x00050794, false);
        assertEquals(List.of("b85fc110", "7280f291", "72a000b1", "6b11021f", "54000040", "d4304500", "d63f0100"),
                words(a.finish(), ".text"));
    }

    @Test
    void kcfiTailCallViaX16UsesW9() {
        Assembler a = new Assembler("k.o").section(".text");
        a.mov(X16, X0).kcfiCheck(X16, 0x00050794, true);
        assertEquals(List.of("aa0003f0", "b85fc209", "7280f291", "72a000b1", "6b11013f", "54000040", "d4304600", "d61f0200"),
                words(a.finish(), ".text"));
    }

    @Test
    void kcfiViaX17ReplacesTypeRegisterAndPrefixNopsMoveTheLoad() {
        Assembler a = new Assembler("k.o").section(".text");
        a.kcfiCheck(X17, 0x00050794, false);
        List<String> w = words(a.finish(), ".text");
        assertEquals("d4302620", w.get(5)); // brk #0x8131
        assertEquals("6b09021f", w.get(3)); // cmp w16, w9
        Assembler b = new Assembler("k.o").section(".text");
        b.kcfiCheck(X8, 0x00050794, false, 2);
        assertEquals("b85f4110", words(b.finish(), ".text").get(0)); // ldur w16, [x8, #-12]
    }

    @Test
    void functionWithKcfiWordRecordsTypeAndSize() {
        Assembler a = new Assembler("f.o").section(".text");
        a.nop(); // misalign relative to an 8-byte entry
        a.globalFunction("f", 0x00050794).btiC().ret().endFunction();
        a.function("g", OptionalInt.of(0xa540670c), 16).ret().endFunction();
        ObjectFile o = a.finish();
        Symbol f = o.symbol("f").orElseThrow();
        assertEquals(8, f.value());
        assertEquals(8, f.size());
        assertEquals(Symbol.Binding.GLOBAL, f.binding());
        assertEquals(Symbol.Type.FUNC, f.type());
        assertEquals(OptionalInt.of(0x00050794), f.kcfiTypeId());
        List<String> w = words(o, ".text");
        assertEquals("00050794", w.get(1));
        Symbol g = o.symbol("g").orElseThrow();
        assertEquals(32, g.value());
        assertEquals(Symbol.Binding.LOCAL, g.binding());
        assertEquals("a540670c", w.get(7));
        assertEquals("d503201f", w.get(4)); // padding is NOPs
        assertEquals(16, o.section(".text").orElseThrow().alignment());
    }

    @Test
    void localBranchesResolveAndNumericLabels() {
        Assembler a = new Assembler("l.o").section(".text");
        a.label("1").b("1f").nop().label("1").b("1b").cbz(X0, "1b").label("top").b(Cond.NE, "top").tbnz(X3, 63, "end");
        a.nop().nop().label("end").ret();
        ObjectFile o = a.finish();
        assertEquals(List.of("14000002", "d503201f", "14000000", "b4ffffe0", "54000001", "b7f80063", "d503201f", "d503201f",
                "d65f03c0"), words(o, ".text"));
        assertTrue(o.relocations().isEmpty());
        assertTrue(o.symbol("1").isEmpty());
        assertTrue(o.symbol("top").isPresent());
    }

    @Test
    void crossSectionAndExternalReferencesBecomeRelocations() {
        Assembler a = new Assembler("r.o");
        a.section(".rodata").label(".Llit").quad(0).label("table").quad("func", 8);
        a.section(".text");
        a.globalFunction("func").btiC();
        a.adrp(X16, ".Llit").ldr(X16, X16, lo12(".Llit")).br(X16);
        a.adrp(X0, "table").add(X0, X0, lo12("table", 4)).ldr(W1, X0, lo12("table"));
        a.bl("printk").b("other_func").ldrLiteral(X2, ".Llit").adr(X3, "table", 2);
        a.endFunction();
        a.section(".static_call_sites").prel32("func", 0).prel32(".Llit", 0);
        ObjectFile o = a.finish();
        List<Relocation> r = o.relocations();
        assertEquals(List.of(
                new Relocation(".rodata", 8, RelocationType.ABS64, "func", 8),
                new Relocation(".text", 4, RelocationType.ADR_PREL_PG_HI21, ".rodata", 0),
                new Relocation(".text", 8, RelocationType.LDST64_ABS_LO12_NC, ".rodata", 0),
                new Relocation(".text", 16, RelocationType.ADR_PREL_PG_HI21, "table", 0),
                new Relocation(".text", 20, RelocationType.ADD_ABS_LO12_NC, "table", 4),
                new Relocation(".text", 24, RelocationType.LDST32_ABS_LO12_NC, "table", 0),
                new Relocation(".text", 28, RelocationType.CALL26, "printk", 0),
                new Relocation(".text", 32, RelocationType.JUMP26, "other_func", 0),
                new Relocation(".text", 36, RelocationType.LD_PREL_LO19, ".rodata", 0),
                new Relocation(".text", 40, RelocationType.ADR_PREL_LO21, "table", 2),
                new Relocation(".static_call_sites", 0, RelocationType.PREL32, "func", 0),
                new Relocation(".static_call_sites", 4, RelocationType.PREL32, ".rodata", 0)), r);
        // the section symbol exists, undefined externs are listed, temporaries are not
        assertEquals(".rodata", o.symbol(".rodata").orElseThrow().section());
        assertTrue(!o.symbol("printk").orElseThrow().isDefined());
        assertTrue(o.symbol(".Llit").isEmpty());
        assertEquals(List.of("d503245f", "90000010", "f9400210", "d61f0200", "90000000", "91000000", "b9400001", "94000000",
                "14000000", "58000002", "10000003"), words(o, ".text"));
        assertEquals(Section.Kind.DATA, o.section(".static_call_sites").orElseThrow().kind());
    }

    @Test
    void literalPoolIsDedupedAlignedAndEmittedAtSectionEnd() {
        Assembler a = new Assembler("p.o").section(".text");
        a.ldrConstant(X0, 0x1122334455667788L).ldrConstant(X1, 0x1122334455667788L).ldrConstant(W2, 7).ret();
        ObjectFile o = a.finish();
        assertEquals(List.of("58000080", "58000061", "18000082", "d65f03c0", "55667788", "11223344", "00000007"),
                words(o, ".text"));
    }

    @Test
    void samePrel32AndAlignment() {
        Assembler a = new Assembler("d.o").section(".data");
        a.byte8(1).align(8).label("x").prel32("x", 0).prel32("x", 16).quad(-1).word(5).hword(0x1234).asciz("hi");
        ObjectFile o = a.finish();
        byte[] d = o.section(".data").orElseThrow().data();
        assertEquals(8 + 4 + 4 + 8 + 4 + 2 + 3, d.length);
        assertEquals(0, d[8]);
        assertEquals(12, d[12]); // x+16 - (x+4)
        assertEquals(8, o.section(".data").orElseThrow().alignment());
    }

    @Test
    void bssReservesSpace() {
        Assembler a = new Assembler("b.o").section(".bss");
        a.align(16).object("buf", true).space(100).endObject();
        ObjectFile o = a.finish();
        Section bss = o.section(".bss").orElseThrow();
        assertEquals(100, bss.size());
        assertEquals(null, bss.data());
        assertEquals(100, o.symbol("buf").orElseThrow().size());
    }

    @Test
    void rangeErrorsNameInstructionOffsetAndPlace() {
        Assembler a = new Assembler("e.o").section(".text");
        a.globalFunction("foo").nop().nop().nop().nop().b("far").space(0x8000000 - 4 + 0x10 - 0x10).label("far").ret().endFunction();
        var e = assertThrows(IllegalArgumentException.class, a::finish);
        assertEquals("B target out of ±128 MiB range: offset 0x8000000 at foo+0x10", e.getMessage());

        Assembler c = new Assembler("e.o").section(".text");
        c.globalFunction("bar").cbz(X0, "t").space(0x100000 - 4).label("t").ret().endFunction();
        assertEquals("CBZ target out of ±1 MiB range: offset 0x100000 at bar+0x0",
                assertThrows(IllegalArgumentException.class, c::finish).getMessage());

        Assembler d = new Assembler("e.o").section(".text");
        d.label("back").space(0x8004).globalFunction("baz").tbz(W1, 3, "back").endFunction();
        assertEquals("TBZ target out of ±32 KiB range: offset -0x8004 at baz+0x0",
                assertThrows(IllegalArgumentException.class, d::finish).getMessage());
    }

    @Test
    void largestBranchesFit() {
        Assembler a = new Assembler("e.o").section(".text");
        a.label("start").space(0x8000000).b("start");
        assertEquals("16000000", wordAt(a.finish(), ".text", 0x8000000));
        Assembler b = new Assembler("e.o").section(".text");
        b.b("end").space(0x7fffffc - 4).label("end");
        assertEquals("15ffffff", wordAt(b.finish(), ".text", 0));
    }

    @Test
    void operandErrorsAreClear() {
        Assembler a = new Assembler("x.o").section(".text");
        assertEquals("add: Rn cannot be xzr (register 31 is SP here)",
                assertThrows(IllegalArgumentException.class, () -> a.add(X0, XZR, 1)).getMessage());
        assertEquals("orr: Rm cannot be sp (register 31 is the zero register here)",
                assertThrows(IllegalArgumentException.class, () -> a.orr(X0, X1, SP)).getMessage());
        assertEquals("and: 0x1234 is not encodable as a 64-bit logical (bitmask) immediate",
                assertThrows(IllegalArgumentException.class, () -> a.and(X0, X1, 0x1234)).getMessage());
        assertEquals("and: 0x0 is not encodable as a 32-bit logical (bitmask) immediate",
                assertThrows(IllegalArgumentException.class, () -> a.and(W0, W1, 0)).getMessage());
        assertEquals("add: registers must all be X or all W: [x0, w1]",
                assertThrows(IllegalArgumentException.class, () -> a.add(X0, W1, 1)).getMessage());
        assertEquals("br: needs an X register, got w16",
                assertThrows(IllegalArgumentException.class, () -> a.br(W16)).getMessage());
        assertEquals("ldr: offset 4097 is neither a scaled unsigned 12-bit offset (multiple of 8 in [0, 32760]) nor in [-256, 255]",
                assertThrows(IllegalArgumentException.class, () -> a.ldr(X0, X1, 4097)).getMessage());
    }

    @Test
    void undefinedTemporaryLabelIsAnError() {
        Assembler a = new Assembler("u.o").section(".text");
        a.globalFunction("f").b(".Lnowhere").endFunction();
        assertEquals("undefined local label .Lnowhere referenced at f+0x0",
                assertThrows(IllegalArgumentException.class, a::finish).getMessage());
    }

    @Test
    void movImm64UsesFewestInstructions() {
        Assembler a = new Assembler("m.o").section(".text");
        a.movImm64(X0, 0xffff800080000000L).movImm64(X1, 0x12345678L).movImm64(X2, -2).movImm64(W3, 0xff00ff00L);
        assertEquals(List.of("d2b00000", "f2d00000", "f2ffffe0", "d28acf01", "f2a24681", "92800022", "32089fe3"),
                words(a.finish(), ".text"));
    }
}
