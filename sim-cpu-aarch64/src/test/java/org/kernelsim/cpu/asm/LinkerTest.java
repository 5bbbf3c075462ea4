package org.kernelsim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kernelsim.cpu.asm.Assembler.lo12;
import static org.kernelsim.cpu.asm.Reg.*;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.asm.LinkedImage.PlacedSection;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.obj.RelocationPatcher;
import org.kernelsim.cpu.obj.RelocationPatcher.Result;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Section;

class LinkerTest {

    static final long KIMAGE = 0xffff800080000000L;

    static long word(LinkedImage img, long address, int width) {
        for (PlacedSection s : img.sections()) {
            if (address >= s.address() && address < s.end()) {
                int o = (int) (address - s.address());
                return width == 8 ? Linker.getLong(s.data(), o) : Linker.getInt(s.data(), o) & 0xffffffffL;
            }
        }
        throw new AssertionError("no section at " + Long.toHexString(address));
    }

    @Test
    void linksTwoObjectsWithEveryCommonRelocation() {
        Assembler a = new Assembler("a.o");
        a.section(".text").globalFunction("caller").bl("callee").adrp(X16, "lit").ldr(X16, X16, lo12("lit"))
                .adrp(X1, "lit").add(X1, X1, lo12("lit")).br(X16).endFunction();
        a.section(".rodata").align(8).object("lit", true).quad("callee").endObject();
        a.section(".static_call_sites").prel32("caller", 0).word("external", 4);
        Assembler b = new Assembler("b.o");
        b.section(".text").globalFunction("callee", 0x00050794).ret().endFunction();
        b.section(".bss").object("zeroes", true).space(64).endObject();

        LinkedImage img = Linker.link(List.of(a.finish(), b.finish()), Linker.Layout.at(KIMAGE),
                n -> n.equals("external") ? OptionalLong.of(0x1000) : OptionalLong.empty());
        long caller = img.address("caller");
        long callee = img.address("callee");
        long lit = img.address("lit");
        assertEquals(KIMAGE, caller);
        assertEquals(KIMAGE + 0x18 + 4, callee); // a.o text is 0x18 bytes, then the type word
        assertEquals(KIMAGE + 0x1000, lit); // rodata on the next page
        assertEquals(A64.bl(caller, callee), (int) word(img, caller, 4));
        assertEquals(A64.adrp(X16, caller + 4, lit), (int) word(img, caller + 4, 4));
        assertEquals(0xf9400210, (int) word(img, caller + 8, 4)); // lo12(lit) = 0
        assertEquals(0x91000021, (int) word(img, caller + 16, 4));
        assertEquals(callee, word(img, lit, 8));
        long sites = img.sections().stream().filter(s -> s.name().equals(".static_call_sites")).findFirst().orElseThrow().address();
        assertEquals((caller - sites) & 0xffffffffL, word(img, sites, 4));
        assertEquals(0x1004, word(img, sites + 4, 4));
        long bss = img.address("zeroes");
        assertEquals(0, bss & 0xfff);
        assertEquals(0x00050794, img.global("callee").orElseThrow().kcfiTypeId().getAsInt());
    }

    @Test
    void overflowAndUndefinedAreClear() {
        Assembler a = new Assembler("a.o");
        a.section(".text").globalFunction("f").nop().bl("g").endFunction();
        Assembler b = new Assembler("b.o");
        b.section(".text.far").globalFunction("g").ret().endFunction();
        var layout = Linker.Layout.at(KIMAGE).withKindBase(Section.Kind.TEXT, KIMAGE);
        ObjectFile ao = a.finish();
        ObjectFile bo = b.finish();
        // put g 256 MiB away by a big padding object in between
        Assembler pad = new Assembler("pad.o");
        pad.section(".text").space(256L << 20);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Linker.link(List.of(ao, pad.finish(), bo), layout));
        assertEquals("relocation CALL26 (283) against g out of range at a.o:.text+0x4 (f+0x4): does not fit 26 signed bits "
                + "after >> 2 (value 0x10000004)", e.getMessage());

        Assembler c = new Assembler("c.o");
        c.section(".text").globalFunction("h").b("missing").endFunction();
        assertEquals("undefined symbol missing referenced from c.o:.text+0x0 (h+0x0)",
                assertThrows(IllegalArgumentException.class, () -> Linker.link(List.of(c.finish()), layout)).getMessage());
    }

    @Test
    void patcherMatchesKernelMath() {
        // PAGE: (S+A & ~0xfff) - (P & ~0xfff)
        var r = (Result.Patched) RelocationPatcher.apply(RelocationType.ADR_PREL_PG_HI21, 0x90000010, 0x4000, 0, 0x3ffc);
        assertEquals(0xb0000010L, r.value()); // next page: immlo = 1
        var ov = (Result.Overflow) RelocationPatcher.apply(RelocationType.PREL32, 0, 0x1_0000_0000L, 0, 0);
        assertEquals("module kvm: overflow in relocation type 261 val 100000000", ov.kernelMessage("kvm"));
        assertEquals(new Result.Patched(0x16000000L), RelocationPatcher.apply(RelocationType.JUMP26, 0x14000000, 0, 0, 0x8000000));
        assertEquals(RelocationType.CALL26,
                ((Result.Overflow) RelocationPatcher.apply(RelocationType.CALL26, 0x94000000, 0x8000000, 0, 0)).type());
        assertEquals(new Result.Patched(0xf9400a10L), RelocationPatcher.apply(RelocationType.LDST64_ABS_LO12_NC, 0xf9400210, 0x1010, 0, 0));
        assertEquals(new Result.Patched(0x54000040L), RelocationPatcher.apply(RelocationType.CONDBR19, 0x54000000, 0x108, 0, 0x100));
        assertEquals(new Result.Patched(0x36000042L), RelocationPatcher.apply(RelocationType.TSTBR14, 0x36000002, 0x108, 0, 0x100));
        assertEquals(new Result.Patched(0x58000050L), RelocationPatcher.apply(RelocationType.LD_PREL_LO19, 0x58000010, 0x108, 0, 0x100));
        assertEquals(new Result.Patched(0x70ffffe0L), RelocationPatcher.apply(RelocationType.ADR_PREL_LO21, 0x10000000, 0xff, 0, 0x100));
        assertEquals(new Result.Patched(0x91400420L & ~(0xfff << 10) | 0x123 << 10),
                RelocationPatcher.apply(RelocationType.ADD_ABS_LO12_NC, 0x91400420, 0xffff000000000123L, 0, 0));
        assertEquals(new Result.Patched(-8L), RelocationPatcher.apply(RelocationType.PREL64, 0, 0, 0, 8));
        assertEquals(Result.Overflow.class, RelocationPatcher.apply(RelocationType.ABS32, 0, -1, 0, 0).getClass());
    }
}
