package org.kernelsim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kernelsim.cpu.asm.Reg.*;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.core.SystemRegister;

/** The example words of reference/aarch64.md §1 and §9, emitted through the fluent API. */
class ReferenceEncodingsTest {

    static int word(Consumer<Assembler> body) {
        Assembler a = new Assembler("t.o");
        a.section(".text");
        body.accept(a);
        byte[] d = a.finish().section(".text").orElseThrow().data();
        return (d[0] & 0xff) | (d[1] & 0xff) << 8 | (d[2] & 0xff) << 16 | (d[3] & 0xff) << 24;
    }

    static void check(int expected, Consumer<Assembler> body) {
        assertEquals(String.format("%08x", expected), String.format("%08x", word(body)));
    }

    @Test
    void branchesAndHints() {
        check(0x14000000, a -> a.label("x").b("x"));
        check(0xd61f0200, a -> a.br(X16));
        check(0xd63f0100, a -> a.blr(X8));
        check(0xd65f03c0, Assembler::ret);
        check(0xd65f0020, a -> a.ret(X1));
        check(0xd503201f, Assembler::nop);
        check(0xd503241f, Assembler::bti);
        check(0xd503245f, Assembler::btiC);
        check(0xd503249f, Assembler::btiJ);
        check(0xd50324df, Assembler::btiJc);
        check(0xd503233f, Assembler::paciasp);
        check(0xd50323bf, Assembler::autiasp);
        check(0xd503237f, Assembler::pacibsp);
        check(0xd50323ff, Assembler::autibsp);
    }

    @Test
    void loadsStoresAndData() {
        check(0xf9400420, a -> a.ldr(X0, X1, 8));
        check(0xf9400210, a -> a.ldr(X16, X16, 0));
        check(0xf97fffe0, a -> a.ldr(X0, SP, 32760));
        check(0xf9000862, a -> a.str(X2, X3, 16));
        check(0xb85fc030, a -> a.ldur(W16, X1, -4));
        check(0xb85f4030, a -> a.ldr(W16, X1, -12));
        check(0xf8408c20, a -> a.ldrPre(X0, X1, 8));
        check(0xf8408420, a -> a.ldrPost(X0, X1, 8));
        check(0xa9bf7bfd, a -> a.stpPre(X29, X30, SP, -16));
        check(0xa8c17bfd, a -> a.ldpPost(X29, X30, SP, 16));
        check(0x91400420, a -> a.add(X0, X1, 0x1000));
        check(0x910043ff, a -> a.add(SP, SP, 16));
        check(0xd10043ff, a -> a.sub(SP, SP, 16));
        check(0x910003fd, a -> a.mov(X29, SP));
        check(0xf100001f, a -> a.cmp(X0, 0));
        check(0x8b020c20, a -> a.add(X0, X1, X2, Shift.LSL, 3));
        check(0x6b11021f, a -> a.cmp(W16, W17));
        check(0xeb01001f, a -> a.cmp(X0, X1));
        check(0xd2824680, a -> a.movz(X0, 0x1234, 0));
        check(0x728acf11, a -> a.movk(W17, 0x5678, 0));
        check(0x72a24691, a -> a.movk(W17, 0x1234, 16));
        check(0xaa0103e0, a -> a.mov(X0, X1));
        check(0xaa1f03e0, a -> a.mov(X0, XZR));
        check(0x92401c20, a -> a.and(X0, X1, 0xff));
    }

    @Test
    void systemInstructions() {
        check(0xd4000001, a -> a.svc(0));
        check(0xd4000002, a -> a.hvc(0));
        check(0xd4000003, a -> a.smc(0));
        check(0xd4200080, a -> a.brk(4));
        check(0xd4202000, a -> a.brk(0x100));
        check(0xd4210000, a -> a.brk(0x800));
        check(0xd4304500, a -> a.brk(0x8228));
        check(0xd5033fdf, Assembler::isb);
        check(0xd5033b9f, a -> a.dsb(Barrier.ISH));
        check(0xd5033a9f, a -> a.dsb(Barrier.ISHST));
        check(0xd5033bbf, a -> a.dmb(Barrier.ISH));
        check(0xd50b7520, a -> a.cacheOp(CacheOp.IC_IVAU, X0));
        check(0xd508751f, a -> a.cacheOp(CacheOp.IC_IALLU));
        check(0xd50b7b20, a -> a.cacheOp(CacheOp.DC_CVAU, X0));
        check(0xd50b7e20, a -> a.cacheOp(CacheOp.DC_CIVAC, X0));
        check(0xd5385200, a -> a.mrs(X0, SystemRegister.ESR_EL1));
        check(0xd5384020, a -> a.mrs(X0, SystemRegister.ELR_EL1));
        check(0xd5386000, a -> a.mrs(X0, SystemRegister.FAR_EL1));
        check(0xd5384240, a -> a.mrs(X0, SystemRegister.CURRENT_EL));
        check(0xd53b0020, a -> a.mrs(X0, SystemRegister.CTR_EL0));
        check(0xd518c000, a -> a.msr(SystemRegister.VBAR_EL1, X0));
        check(0xd5034fdf, a -> a.msrDaifSet(0xf));
        check(0xd5034fff, a -> a.msrDaifClr(0xf));
        check(0xd69f03e0, Assembler::eret);
        check(0x00000000, a -> a.udf(0));
    }
}
