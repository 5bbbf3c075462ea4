package org.kernelsim.api.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.asm.Barrier;
import org.kernelsim.cpu.asm.Reg;

/** Encodings from aarch64.md §1 and §9. */
class A64Test {

    @Test
    void branches() {
        assertEquals(0x14000000, A64.b(0));
        assertEquals(0x14000001, A64.b(4));
        assertEquals(0x15ffffff, A64.b(0x7fffffc));
        assertEquals(0x16000000, A64.b(-0x8000000));
        assertEquals(A64.BREAK_FAULT, A64.b(0x8000000));
        assertEquals(0x94000002, A64.bl(8));
        assertEquals(0x97ffffff, A64.bl(-4));
        assertEquals(0x54000040, A64.bcond(0, 8));
        assertEquals(0x54ffffe1, A64.bcond(1, -4));
        assertEquals(0xd61f0200, A64.br(16));
        assertEquals(0xd63f0100, A64.blr(8));
        assertEquals(A64.RET, A64.ret(30));
        assertEquals(0x7fffffcL, A64.branchOffset(0x15ffffff));
        assertEquals(-0x8000000L, A64.branchOffset(0x16000000));
    }

    /** The words sim-modules' guest code used to hand-encode, checked against those encodings. */
    @Test
    void guestCodeEncoders() {
        assertEquals(0x92401c00 | 9 << 5 | 9, A64.andMaskX(9, 9, 8));   // and x9, x9, #0xff
        assertEquals(0x92400421, A64.andMaskX(1, 1, 2));                 // and x1, x1, #3
        assertEquals(0x92401d4a, A64.andMaskX(10, 10, 8));
        assertEquals(0xd375d28d, A64.lslX(13, 20, 11));                   // lsl x13, x20, #11
        assertEquals(0x53010400, A64.ubfxW(0, 0, 1, 1));                  // ubfx w0, w0, #1, #1
        assertEquals(0x8b140d29, A64.addShiftedX(9, 9, 20, 3));           // add x9, x9, x20, lsl #3
        assertEquals(0xca000421, A64.eorShiftedX(1, 1, 0, 1));            // eor x1, x1, x0, lsl #1
        assertEquals(0xf1000400, A64.subsImmX(0, 0, 1));                  // subs x0, x0, #1
        assertEquals(0xf8697940, A64.ldrXIndexed(0, 10, 9));              // ldr x0, [x10, x9, lsl #3]
        assertEquals(0xf829794b, A64.strXIndexed(11, 10, 9));             // str x11, [x10, x9, lsl #3]
        assertEquals(0x2a0103e0, A64.movW(0, 1));                         // mov w0, w1
        assertEquals(0x93407c34, A64.sxtw(20, 1));                        // sxtw x20, w1
        assertEquals(0xd53800a9, A64.mrsMpidr(9));                        // mrs x9, mpidr_el1
    }

    @Test
    void kcfiSequenceWords() {
        assertEquals(0xb85fc110, A64.ldurW(16, 8, -4));
        assertEquals(0x7280f291, A64.movkW(17, 0x0794, 0));
        assertEquals(0x72a000b1, A64.movkW(17, 0x0005, 16));
        assertEquals(0x6b11021f, A64.cmpW(16, 17));
        assertEquals(0xd4304500, A64.brk(A64.kcfiBrkImm(17, 8)));
        assertEquals(0xd4304600, A64.brk(0x8230));
        assertEquals(0xb85f4110, A64.ldurW(16, 8, -12));
    }

    @Test
    void misc() {
        assertEquals(0x910043ff, A64.addImmX(31, 31, 16));
        assertEquals(0xd10043ff, A64.subImmX(31, 31, 16));
        assertEquals(0xaa0103e0, A64.movX(0, 1));
        assertEquals(0xf9400210, A64.ldrX(16, 16, 0));
        assertEquals(0xf9400420, A64.ldrX(0, 1, 8));
        assertEquals(0x58000050, A64.ldrLiteralX(16, 8));
        assertEquals(0xd4000002, A64.hvc(0));
        assertEquals(0xd4210000, A64.brk(0x800));
        assertEquals(0x90000010, A64.adrp(16, 0));
        assertEquals(0xb0000010, A64.adrp(16, 1));
        assertEquals(0x1000L, A64.adrpOffset(0xb0000010));
        assertEquals(0xf2824680 & 0xffffffff, A64.movkX(0, 0x1234, 0));
        assertEquals(0xd2824680, A64.movzX(0, 0x1234, 0));
    }

    @Test
    void cmodxSet() {
        for (int w : new int[] {A64.b(8), A64.bl(8), A64.NOP, A64.brk(4), A64.hvc(1), A64.svc(0), 0xd4000003, A64.ISB}) {
            assertTrue(A64.isCmodxSafe(w), Integer.toHexString(w));
        }
        for (int w : new int[] {A64.RET, A64.br(16), A64.BTI_C, A64.movkW(17, 1, 0), A64.addImmX(0, 0, 1), A64.ldrX(0, 1, 8)}) {
            assertFalse(A64.isCmodxSafe(w), Integer.toHexString(w));
        }
    }
    @Test
    void constantsAreTheAssemblersWords() {
        assertEquals(org.kernelsim.cpu.asm.A64.nop(), A64.NOP);
        assertEquals(org.kernelsim.cpu.asm.A64.bti(), A64.BTI);
        assertEquals(org.kernelsim.cpu.asm.A64.btiC(), A64.BTI_C);
        assertEquals(org.kernelsim.cpu.asm.A64.btiJ(), A64.BTI_J);
        assertEquals(org.kernelsim.cpu.asm.A64.btiJc(), A64.BTI_JC);
        assertEquals(org.kernelsim.cpu.asm.A64.paciasp(), A64.PACIASP);
        assertEquals(org.kernelsim.cpu.asm.A64.ret(), A64.RET);
        assertEquals(org.kernelsim.cpu.asm.A64.isb(), A64.ISB);
        assertEquals(org.kernelsim.cpu.asm.A64.dsb(Barrier.ISH), A64.DSB_ISH);
        assertEquals(org.kernelsim.cpu.asm.A64.ldstPair(false, false, Reg.FP, Reg.LR, Reg.SP, -16, 3), A64.STP_FP_LR_PRE);
        assertEquals(org.kernelsim.cpu.asm.A64.ldstPair(true, false, Reg.FP, Reg.LR, Reg.SP, 16, 1), A64.LDP_FP_LR_POST);
        assertEquals(org.kernelsim.cpu.asm.A64.movReg(Reg.FP, Reg.SP), A64.MOV_FP_SP);
        assertEquals(org.kernelsim.cpu.asm.A64.BREAK_FAULT, A64.BREAK_FAULT);
        assertEquals(org.kernelsim.cpu.asm.A64.brk(0x100), A64.BREAK_FAULT);
    }

    @Test
    void operandsAreTruncatedToTheirFieldsAsBefore() {
        assertEquals(0x54000001 | 0x7ffff << 5, A64.bcond(A64.NE, -4 + (1L << 21)), "B.cond offset wraps modulo 2 MiB");
        assertEquals(0x91000000 | 0xff8 << 10, A64.addImmX(0, 0, -8), "imm12 is masked, not turned into SUB");
        assertEquals(0xd4200000 | 0xffff << 5, A64.brk(-1));
        assertEquals(0xf9400000 | 0xfff << 10, A64.ldrX(0, 0, -8));
    }

    @Test
    void fieldReadersNeedTheirKindOfWord() {
        assertEquals(8L, A64.branchOffset(A64.bl(8)));
        assertEquals(0x18L, A64.ldrXImmOffset(A64.ldrX(16, 16, 0x18)));
        assertThrows(IllegalArgumentException.class, () -> A64.adrpOffset(A64.NOP));
        assertThrows(IllegalArgumentException.class, () -> A64.branchOffset(A64.RET));
        assertThrows(IllegalArgumentException.class, () -> A64.ldrXImmOffset(A64.ldrW(0, 1, 8)));
    }
}
