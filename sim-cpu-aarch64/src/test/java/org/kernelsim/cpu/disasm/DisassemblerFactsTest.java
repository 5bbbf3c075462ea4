package org.kernelsim.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.decode.Decoder;

/** The words of aarch64.md §1 and §9 with objdump's text (base 0, symbol "start" at 0). */
class DisassemblerFactsTest {

    private static final Disassembler D = new Disassembler(a -> a == 0 ? "start" : "start+0x" + Long.toHexString(a));

    @ParameterizedTest(name = "{0} @{1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
        d503201f | 0  | nop
        d503241f | 0  | bti
        d503245f | 0  | bti\tc
        d503249f | 0  | bti\tj
        d50324df | 0  | bti\tjc
        d503233f | 0  | paciasp
        d503237f | 0  | pacibsp
        d50323bf | 0  | autiasp
        d503203f | 0  | yield
        d503205f | 0  | wfe
        d503207f | 0  | wfi
        d50320ff | 0  | xpaclri
        d503213f | 0  | hint\t#0x9
        d503215f | 0  | pacib1716
        14000000 | 0  | b\t0 <start>
        14000001 | 0  | b\t4 <start+0x4>
        15ffffff | 0  | b\t7fffffc <start+0x7fffffc>
        94000002 | 0  | bl\t8 <start+0x8>
        54000040 | 0  | b.eq\t8 <start+0x8>
        54ffffe1 | 8  | b.ne\t4 <start+0x4>
        b4000040 | 0  | cbz\tx0, 8 <start+0x8>
        35ffffc1 | 16 | cbnz\tw1, 8 <start+0x8>
        36000042 | 0  | tbz\tw2, #0, 8 <start+0x8>
        b7f80083 | 0  | tbnz\tx3, #63, 10 <start+0x10>
        d61f0200 | 0  | br\tx16
        d61f0220 | 0  | br\tx17
        d63f0020 | 0  | blr\tx1
        d63f0100 | 0  | blr\tx8
        d65f03c0 | 0  | ret
        d65f0020 | 0  | ret\tx1
        58000040 | 0  | ldr\tx0, 8 <start+0x8>
        58000050 | 0  | ldr\tx16, 8 <start+0x8>
        18ffffe1 | 4  | ldr\tw1, 0 <start>
        f9400420 | 0  | ldr\tx0, [x1, #8]
        f9400210 | 0  | ldr\tx16, [x16]
        f97fffe0 | 0  | ldr\tx0, [sp, #32760]
        f9000862 | 0  | str\tx2, [x3, #16]
        b85fc030 | 0  | ldur\tw16, [x1, #-4]
        b85f4030 | 0  | ldur\tw16, [x1, #-12]
        f8408c20 | 0  | ldr\tx0, [x1, #8]!
        f8408420 | 0  | ldr\tx0, [x1], #8
        a9bf7bfd | 0  | stp\tx29, x30, [sp, #-16]!
        a8c17bfd | 0  | ldp\tx29, x30, [sp], #16
        10000020 | 0  | adr\tx0, 4 <start+0x4>
        90000010 | 0  | adrp\tx16, 0 <start>
        b0000010 | 0  | adrp\tx16, 1000 <start+0x1000>
        91400420 | 0  | add\tx0, x1, #0x1, lsl #12
        910043ff | 0  | add\tsp, sp, #0x10
        d10043ff | 0  | sub\tsp, sp, #0x10
        910003fd | 0  | mov\tx29, sp
        f100001f | 0  | cmp\tx0, #0x0
        8b020c20 | 0  | add\tx0, x1, x2, lsl #3
        6b11021f | 0  | cmp\tw16, w17
        eb01001f | 0  | cmp\tx0, x1
        728acf11 | 0  | movk\tw17, #0x5678
        72a24691 | 0  | movk\tw17, #0x1234, lsl #16
        aa0103e0 | 0  | mov\tx0, x1
        aa1f03e0 | 0  | mov\tx0, xzr
        92401c20 | 0  | and\tx0, x1, #0xff
        d4000001 | 0  | svc\t#0x0
        d4000002 | 0  | hvc\t#0x0
        d4000003 | 0  | smc\t#0x0
        d4200080 | 0  | brk\t#0x4
        d4202000 | 0  | brk\t#0x100
        d4304500 | 0  | brk\t#0x8228
        d5033fdf | 0  | isb
        d503309f | 0  | ssbb
        d5033b9f | 0  | dsb\tish
        d5033a9f | 0  | dsb\tishst
        d5033f9f | 0  | dsb\tsy
        d5033bbf | 0  | dmb\tish
        d50b7520 | 0  | ic\tivau, x0
        d508751f | 0  | ic\tiallu
        d50b7b20 | 0  | dc\tcvau, x0
        d50b7e20 | 0  | dc\tcivac, x0
        d5385200 | 0  | mrs\tx0, esr_el1
        d5384020 | 0  | mrs\tx0, elr_el1
        d5386000 | 0  | mrs\tx0, far_el1
        d5384240 | 0  | mrs\tx0, currentel
        d53b0020 | 0  | mrs\tx0, ctr_el0
        d518c000 | 0  | msr\tvbar_el1, x0
        d5034fdf | 0  | msr\tdaifset, #0xf
        d5034fff | 0  | msr\tdaifclr, #0xf
        d69f03e0 | 0  | eret
        00000000 | 0  | udf\t#0
        aa0003f0 | 0  | mov\tx16, x0
        d3400c20 | 0  | ubfx\tx0, x1, #0, #4
        d37df020 | 0  | lsl\tx0, x1, #3
        d343fc20 | 0  | lsr\tx0, x1, #3
        9343fc20 | 0  | asr\tx0, x1, #3
        93407c20 | 0  | sxtw\tx0, w1
        53001c20 | 0  | uxtb\tw0, w1
        53003c20 | 0  | uxth\tw0, w1
        13001c20 | 0  | sxtb\tw0, w1
        93401c20 | 0  | sxtb\tx0, w1
        d37c1c20 | 0  | ubfiz\tx0, x1, #4, #8
        b37c1c20 | 0  | bfi\tx0, x1, #4, #8
        b3441c20 | 0  | bfxil\tx0, x1, #4, #4
        93441c20 | 0  | sbfx\tx0, x1, #4, #4
        1a9f17e0 | 0  | cset\tw0, eq
        da9f13e0 | 0  | csetm\tx0, eq
        9a810420 | 0  | cinc\tx0, x1, ne
        9a9fe7e0 | 0  | csinc\tx0, xzr, xzr, al
        9a9f17e0 | 0  | cset\tx0, eq
        9a811420 | 0  | cinc\tx0, x1, eq
        da811420 | 0  | cneg\tx0, x1, eq
        9a820020 | 0  | csel\tx0, x1, x2, eq
        9b027c20 | 0  | mul\tx0, x1, x2
        9b02fc20 | 0  | mneg\tx0, x1, x2
        9b020c20 | 0  | madd\tx0, x1, x2, x3
        9b227c20 | 0  | smull\tx0, w1, w2
        9ba27c20 | 0  | umull\tx0, w1, w2
        9b427c20 | 0  | smulh\tx0, x1, x2
        9ac20820 | 0  | udiv\tx0, x1, x2
        1ac20c20 | 0  | sdiv\tw0, w1, w2
        9ac22020 | 0  | lsl\tx0, x1, x2
        cb0103e0 | 0  | neg\tx0, x1
        aa2103e0 | 0  | mvn\tx0, x1
        ea01001f | 0  | tst\tx0, x1
        f240001f | 0  | tst\tx0, #0x1
        ab01001f | 0  | cmn\tx0, x1
        8a420c20 | 0  | and\tx0, x1, x2, lsr #3
        aac20c20 | 0  | orr\tx0, x1, x2, ror #3
        dac00020 | 0  | rbit\tx0, x1
        dac00c20 | 0  | rev\tx0, x1
        5ac00820 | 0  | rev\tw0, w1
        dac01020 | 0  | clz\tx0, x1
        93c20c20 | 0  | extr\tx0, x1, x2, #3
        93c10c20 | 0  | ror\tx0, x1, #3
        fa411004 | 0  | ccmp\tx0, x1, #0x4, ne
        fa410804 | 0  | ccmp\tx0, #0x1, #0x4, eq
        8b2143e0 | 0  | add\tx0, sp, w1, uxtw
        8b214be0 | 0  | add\tx0, sp, w1, uxtw #2
        8b2163e0 | 0  | add\tx0, sp, x1
        8b2c6fe0 | 0  | add\tx0, sp, x12, lsl #3
        f8627820 | 0  | ldr\tx0, [x1, x2, lsl #3]
        f8626820 | 0  | ldr\tx0, [x1, x2]
        b8625820 | 0  | ldr\tw0, [x1, w2, uxtw #2]
        f862c820 | 0  | ldr\tx0, [x1, w2, sxtw]
        38627820 | 0  | ldrb\tw0, [x1, x2, lsl #0]
        39400420 | 0  | ldrb\tw0, [x1, #1]
        39c00420 | 0  | ldrsb\tw0, [x1, #1]
        39800420 | 0  | ldrsb\tx0, [x1, #1]
        79400420 | 0  | ldrh\tw0, [x1, #2]
        b9800420 | 0  | ldrsw\tx0, [x1, #4]
        38001c20 | 0  | strb\tw0, [x1, #1]!
        78002420 | 0  | strh\tw0, [x1], #2
        a9400440 | 0  | ldp\tx0, x1, [x2]
        29010440 | 0  | stp\tw0, w1, [x2, #8]
        69c10440 | 0  | ldpsw\tx0, x1, [x2, #8]!
        b85fc110 | 0  | ldur\tw16, [x8, #-4]
        38400020 | 0  | ldurb\tw0, [x1]
        c87f0440 | 0  | ldxp\tx0, x1, [x2]
        c8230440 | 0  | stxp\tw3, x0, x1, [x2]
        887f97e4 | 0  | ldaxp\tw4, w5, [sp]
        882694e4 | 0  | stlxp\tw6, w4, w5, [x7]
        c823045f | 0  | stxp\tw3, xzr, x1, [x2]
        887f2548 | 0  | ldxp\tw8, w9, [x10]
        882b2548 | 0  | stxp\tw11, w8, w9, [x10]
        c82c87e0 | 0  | stlxp\tw12, x0, x1, [sp]
        c87fb9ed | 0  | ldaxp\tx13, x14, [x15]
        c87f0660 | 0  | ldxp\tx0, x1, [x19]
        """)
    void disassemblesLikeObjdump(String hex, long pc, String text) {
        int word = (int) Long.parseLong(hex.trim(), 16);
        // objdump's trailing "// ..." notes are checked against the golden fixture, not here
        assertEquals(text.replace("\\t", "\t"), D.disassemble(word, pc).replaceFirst("\t// .*$", ""));
        assertEquals(word, Decoder.reencode(word), "re-encode");
    }

    @ParameterizedTest
    @CsvSource({"d2824680, x0, 1234, 4660", "52800020, w0, 1, 1", "92800000, x0, ffffffffffffffff, -1",
        "12800000, w0, ffffffff, -1", "b200c3e0, x0, 101010101010101, 72340172838076673"})
    void movImmediateHasObjdumpComment(String hex, String reg, String value, String decimal) {
        int word = (int) Long.parseLong(hex, 16);
        assertEquals(String.format("mov\t%s, #0x%-20s\t// #%s", reg, value, decimal), D.disassemble(word, 0));
    }

    @ParameterizedTest
    @CsvSource({"1e220000", "4e208400", "04a00000", "0c407000", "d4a00001", "12800000ab"})
    void undefinedWordsPrintAsInst(String hex) {
        if (hex.length() > 8) {
            return;
        }
        int word = (int) Long.parseLong(hex, 16);
        assertNull(Decoder.formOf(word));
        assertEquals(String.format(".inst\t0x%08x ; undefined", word), D.disassemble(word, 0));
    }

    @Test
    void toolPrintsObjdumpLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = DisasmTool.run(0xffff800080000000L, List.of("d503245f", "0xd65f03c0"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        assertEquals("ffff800080000000:\td503245f \tbti\tc\nffff800080000004:\td65f03c0 \tret\n",
                out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals(2, DisasmTool.run(0, List.of("xyz"), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(true, err.toString(StandardCharsets.UTF_8).contains("xyz"));
    }
}
