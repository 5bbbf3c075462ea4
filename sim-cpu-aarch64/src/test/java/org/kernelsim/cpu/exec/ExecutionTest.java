package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.decode.DecodeTable;
import org.kernelsim.cpu.memory.Fault;
import org.kernelsim.cpu.memory.Permissions;

/** Exact registers, flags and memory after short programs, family by family. */
class ExecutionTest {

    private static final int BRK = 0xd4200000;
    static final int N = 1 << 31, Z = 1 << 30, C = 1 << 29, V = 1 << 28;

    private TestMachine m;

    /** Runs the words followed by BRK #0 with x0..x3 preset; returns the CPU. */
    private Aarch64Cpu exec(long[] regs, int... words) {
        m = new TestMachine(1);
        int[] all = java.util.Arrays.copyOf(words, words.length + 1);
        all[words.length] = BRK;
        m.code(all);
        for (int i = 0; i < regs.length; i++) {
            m.cpu().setX(i, regs[i]);
        }
        m.run(10_000);
        assertInstanceOf(CpuException.Breakpoint.class, m.exceptions.get(0), "ended at the BRK: " + m.exceptions);
        return m.cpu();
    }

    private static long[] r(long... v) {
        return v;
    }

    // adds x0,x0,x1 = ab010000; adds w0,w0,w1 = 2b010000; subs x0,x0,x1 = eb010000; subs w0,w0,w1 = 6b010000
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "ab010000, 0x7fffffffffffffff, 1, 0x8000000000000000, NV",
        "ab010000, 0xffffffffffffffff, 1, 0, ZC",
        "ab010000, 0x8000000000000000, 0x8000000000000000, 0, ZCV",
        "ab010000, 1, 2, 3, ''",
        "2b010000, 0x7fffffff, 1, 0x80000000, NV",
        "2b010000, 0xffffffff, 1, 0, ZC",
        "2b010000, 0xffffffff00000005, 0x10, 0x15, ''",
        "eb010000, 0, 1, 0xffffffffffffffff, N",
        "eb010000, 0x8000000000000000, 1, 0x7fffffffffffffff, CV",
        "eb010000, 5, 5, 0, ZC",
        "eb010000, 5, 3, 2, C",
        "6b010000, 0, 1, 0xffffffff, N",
        "6b010000, 0x80000000, 1, 0x7fffffff, CV",
        "6b010000, 7, 7, 0, ZC",
    })
    void addsSubsFlags(String op, String a, String b, String result, String flags) {
        Aarch64Cpu cpu = exec(r(Long.parseUnsignedLong(a.replace("0x", ""), a.startsWith("0x") ? 16 : 10),
                Long.parseUnsignedLong(b.replace("0x", ""), b.startsWith("0x") ? 16 : 10)), (int) Long.parseLong(op, 16));
        assertEquals(Long.parseUnsignedLong(result.replace("0x", ""), result.startsWith("0x") ? 16 : 10), cpu.x(0));
        int expect = (flags.contains("N") ? N : 0) | (flags.contains("Z") ? Z : 0) | (flags.contains("C") ? C : 0) | (flags.contains("V") ? V : 0);
        assertEquals(Integer.toHexString(expect), Integer.toHexString(cpu.nzcv()));
    }

    @Test
    void cmpImmediateAndConditionalBranchesAndSelects() {
        // cmp x0,#5 ; cset w1, eq ; csel x2, x3, x4, ne ; cinc x5, x5, lt ; ccmp x0, #5, #0x2, eq -> flags
        Aarch64Cpu cpu = exec(r(5, 0, 0, 0x33, 0x44, 10), 0xf100141f, 0x1a9f17e1, 0x9a841062, 0x9a85a4a5, 0xfa450802);
        assertEquals(1, cpu.x(1));
        assertEquals(0x44, cpu.x(2));
        assertEquals(10, cpu.x(5)); // ge: no increment
        assertEquals(Z | C, cpu.nzcv()); // ccmp took the compare: 5-5
        // ccmp with false condition loads the immediate nzcv
        cpu = exec(r(4), 0xf100141f, 0xfa450802);
        assertEquals(0x2 << 28, cpu.nzcv());
    }

    @Test
    void divideEdges() {
        // udiv x0,x1,x2 ; sdiv x3,x1,x2 ; sdiv w4,w5,w6 ; udiv w7,w5,w2
        Aarch64Cpu cpu = exec(r(0, 100, 0, 0, 0, 0x80000000L, 0xffffffffL), 0x9ac20820, 0x9ac20c23, 0x1ac60ca4, 0x1ac208a7);
        assertEquals(0, cpu.x(0));
        assertEquals(0, cpu.x(3));
        assertEquals(0x80000000L, cpu.x(4)); // INT_MIN / -1 = INT_MIN
        assertEquals(0, cpu.x(7));
        cpu = exec(r(0, Long.MIN_VALUE, -1), 0x9ac20c20, 0x9ac20823);
        assertEquals(Long.MIN_VALUE, cpu.x(0));
        assertEquals(0, cpu.x(3));
    }

    @Test
    void multiplies() {
        // mul x0,x1,x2 ; smulh x3,x1,x2 ; umulh x4,x1,x2 ; smull x5,w1,w2 ; umull x6,w1,w2 ; msub x7,x1,x2,x8 (x8 preset later)
        Aarch64Cpu cpu = exec(r(0, -2, 3), 0x9b027c20, 0x9b427c23, 0x9bc27c24, 0x9b227c25, 0x9ba27c26);
        assertEquals(-6, cpu.x(0));
        assertEquals(-1, cpu.x(3));
        assertEquals(2, cpu.x(4)); // (2^64-2)*3 >> 64 = 2
        assertEquals(-6, cpu.x(5));
        assertEquals(0xfffffffeL * 3, cpu.x(6));
    }

    @Test
    void bitfieldsAndBitmasks() {
        long v = 0x8123456789abcdefL;
        // lsl x0,x1,#3 ; lsr x2,x1,#3 ; asr x3,x1,#3 ; ubfx x4,x1,#4,#8 ; sbfx x5,x1,#60,#4 ; sxtw x6,w1 ; uxtb w7,w1 ; bfi x8,x1,#4,#8
        Aarch64Cpu cpu = exec(r(0, v, 0, 0, 0, 0, 0, 0, 0xffffffffffffffffL),
                0xd37df020, 0xd343fc22, 0x9343fc23, 0xd3442c24, 0x937cfc25, 0x93407c26, 0x53001c27, 0xb37c1c28);
        assertEquals(v << 3, cpu.x(0));
        assertEquals(v >>> 3, cpu.x(2));
        assertEquals(v >> 3, cpu.x(3));
        assertEquals(0xde, cpu.x(4));
        assertEquals(-8, cpu.x(5));
        assertEquals((long) (int) v, cpu.x(6));
        assertEquals(0xef, cpu.x(7));
        assertEquals(0xfffffffffffffeffL, cpu.x(8));
        // and x0,x1,#0xff ; orr w2,wzr,#0x55555555 ; eor x3,x1,#0xffff0000ffff0000 ; tst x1,#0x1 (flags)
        cpu = exec(r(0, v), 0x92401c20, 0x3200f3e2, 0xd2103c23, 0xf240003f);
        assertEquals(0xef, cpu.x(0));
        assertEquals(0x55555555L, cpu.x(2));
        assertEquals(v ^ 0xffff0000ffff0000L, cpu.x(3));
        assertEquals(0, cpu.nzcv()); // tst: 0x...ef & 1 = 1
    }

    @Test
    void movesAndShiftsAndBitOps() {
        // movz x0,#0x1234,lsl#16 ; movk x0,#0x5678 ; movn w1,#0 ; movn x2,#0x1 ; rev w3,w0 ; clz x4,x0 ; cls x5,x2 ; rbit w6,w0 ; ror x7,x0,#8
        Aarch64Cpu cpu = exec(r(), 0xd2a24680, 0xf28acf00, 0x12800001, 0x92800022, 0x5ac00803, 0xdac01004, 0xdac01445, 0x5ac00006,
                0x93c02007);
        assertEquals(0x12345678L, cpu.x(0));
        assertEquals(0xffffffffL, cpu.x(1));
        assertEquals(-2, cpu.x(2));
        assertEquals(0x78563412L, cpu.x(3));
        assertEquals(35, cpu.x(4));
        assertEquals(62, cpu.x(5));
        assertEquals(Integer.reverse(0x12345678) & 0xffffffffL, cpu.x(6));
        assertEquals(Long.rotateRight(0x12345678L, 8), cpu.x(7));
    }

    @Test
    void addSubShiftedExtendedAndSp() {
        // add x0,x1,x2,lsl#3 ; sub w3,w1,w2,asr#1 ; add x4,sp,w2,uxtw#2 ; add sp,sp,#16 ; neg x5,x2 ; mvn w6,w2
        Aarch64Cpu cpu = exec(r(0, 100, 7), 0x8b020c20, 0x4b820423, 0x8b2243e4 | (2 << 10), 0x910043ff, 0xcb0203e5, 0x2a2203e6);
        assertEquals(156, cpu.x(0));
        assertEquals(97, cpu.x(3));
        assertEquals(TestMachine.STACK_TOP + 28, cpu.x(4));
        assertEquals(TestMachine.STACK_TOP + 16, cpu.sp());
        assertEquals(-7, cpu.x(5));
        assertEquals(0xfffffff8L, cpu.x(6));
    }

    @Test
    void loadStoreIndexForms() {
        long d = TestMachine.DATA;
        // str x2,[x1,#16] ; ldr x3,[x1,#16] ; str x2,[x1,#8]! ; ldr x4,[x1],#8 ; strb w2,[x1,#1] ; ldrsb x5,[x1,#1] ; ldrh w6,[x1] ;
        // ldr x7,[x1,x8,lsl #3] ; ldur w9,[x1,#-4]
        Aarch64Cpu cpu = exec(r(0, d, 0x80c1L | 0xfedcba9876540000L, 0, 0, 0, 0, 0, 0),
                0xf9000822, 0xf9400823, 0xf8008c22, 0xf8408424, 0x39000422, 0x39800425, 0x79400026, 0xf8687827, 0xb85fc029);
        assertEquals(0xfedcba98765480c1L, cpu.x(3));
        assertEquals(0xfedcba98765480c1L, cpu.x(4));
        assertEquals(d + 16, cpu.x(1));
        assertEquals((long) (byte) 0xc1, cpu.x(5));
        assertEquals(0xc1c1, cpu.x(6)); // strb wrote 0xc1 over byte 1 of 0x80c1
        assertEquals(0xfedcba987654c1c1L, cpu.x(7)); // x8=0: [x1] = the first store with the strb
        assertEquals(0xfedcba98L, cpu.x(9)); // upper word of [d+8]
        assertEquals(0xfedcba98765480c1L, m.memory.read64(d + 8));
        assertEquals((byte) 0xc1, m.memory.read8(d + 17));
    }

    @Test
    void loadStorePairsAndLiterals() {
        long d = TestMachine.DATA;
        m = new TestMachine(1);
        m.memory.write64(d, 0x1111);
        m.memory.write64(d + 8, -2);
        // stp x29,x30,[sp,#-16]! ; ldp x2,x3,[x1] ; ldpsw x4,x5,[x1,#8] ; ldp x29,x30,[sp],#16 ; ldr x6, .+8 ; brk ; .quad
        m.code(0xa9bf7bfd, 0xa9400c22, 0x69411424, 0xa8c17bfd, 0x58000046, 0xd4200000, 0x89abcdef, 0x01234567);
        m.cpu().setX(1, d);
        m.cpu().setX(29, 29);
        m.cpu().setX(30, 30);
        m.run(100);
        Aarch64Cpu cpu = m.cpu();
        assertEquals(0x1111, cpu.x(2));
        assertEquals(-2, cpu.x(3));
        assertEquals(-2, cpu.x(4));
        assertEquals(-1, cpu.x(5));
        assertEquals(29, cpu.x(29));
        assertEquals(30, cpu.x(30));
        assertEquals(TestMachine.STACK_TOP, cpu.sp());
        assertEquals(29, m.memory.read64(TestMachine.STACK_TOP - 16));
        assertEquals(0x0123456789abcdefL, cpu.x(6));
        assertEquals(2, cpu.counters().stores);
        assertEquals(2 + 2 + 2 + 1, cpu.counters().loads);
    }

    @Test
    void branchesAndLinks() {
        // bl +8 ; brk ; mov x0,#1 ; ret -> returns to brk
        m = new TestMachine(1);
        m.code(0x94000002, 0xd4200000, 0xd2800020, 0xd65f03c0);
        m.run(100);
        assertEquals(1, m.cpu().x(0));
        assertEquals(TestMachine.CODE + 4, m.cpu().x(30));
        assertEquals(TestMachine.CODE + 4, (long) m.elrs.get(0));
        // tbz/cbnz
        Aarch64Cpu cpu = exec(r(4, 1), 0x37100040, 0xd2800140, 0xb5000041, 0xd2800141);
        assertEquals(4, cpu.x(0)); // tbnz x0,#2 skipped the mov
        assertEquals(1, cpu.x(1)); // cbnz x1 skipped the mov
    }

    @Test
    void exceptionsSetSyndromesAndVectors() {
        m = new TestMachine(1);
        m.haltOnException = false;
        m.code(0xd4000021); // svc #1
        m.code(TestMachine.VBAR + 0x200, 0xd4200000); // brk at the current-EL vector
        m.cpu().step();
        Aarch64Cpu cpu = m.cpu();
        assertInstanceOf(CpuException.SupervisorCall.class, m.last());
        assertEquals(0x56000001, (int) cpu.sysreg(SystemRegister.ESR_EL1));
        assertEquals(TestMachine.CODE + 4, cpu.sysreg(SystemRegister.ELR_EL1));
        assertEquals(TestMachine.VBAR + 0x200, cpu.pc());
        assertEquals(0x5, cpu.sysreg(SystemRegister.SPSR_EL1)); // EL1h, DAIF was clear
        assertEquals(0x3c0, cpu.daif());
    }

    @Test
    void storeToReadOnlyTextFaultsWithEsrAndFar() {
        m = new TestMachine(1);
        m.code(0xf9000020); // str x0,[x1]
        m.cpu().setX(1, TestMachine.CODE + 0x100);
        m.run(10);
        CpuException e = m.last();
        assertInstanceOf(CpuException.DataAbort.class, e);
        assertEquals(0x9600004f, e.esr());
        assertEquals(0x9600004f, (int) m.cpu().sysreg(SystemRegister.ESR_EL1));
        assertEquals(TestMachine.CODE + 0x100, m.cpu().sysreg(SystemRegister.FAR_EL1));
        assertEquals(TestMachine.CODE, (long) m.elrs.get(0));
    }

    @Test
    void fetchFaults() {
        m = new TestMachine(1);
        m.cpu().setPc(TestMachine.DATA);
        m.run(10);
        assertEquals(new CpuException.InstructionAbort(new Fault(TestMachine.DATA, Fault.Kind.PERMISSION, Fault.Access.FETCH), 1), m.last());
        assertEquals(0x8600000f, m.last().esr());
        m = new TestMachine(1);
        m.cpu().setPc(0x1000);
        m.run(10);
        assertEquals(0x86000007, m.last().esr());
        assertEquals(0x1000, m.cpu().sysreg(SystemRegister.FAR_EL1));
    }

    @Test
    void el0AccessToKernelPageFaultsFromLowerEl() {
        m = new TestMachine(1);
        m.memory.map(0x400000, 0x1000, Permissions.USER_RWX);
        m.code(0x400000L, 0xf9400020); // ldr x0,[x1]
        Aarch64Cpu cpu = m.cpu();
        cpu.setCurrentEl(0);
        cpu.setPc(0x400000);
        cpu.setX(1, TestMachine.DATA);
        m.haltOnException = false;
        cpu.step();
        assertEquals(0x9200000f, m.last().esr()); // EC 0x24, permission, read
        assertEquals(TestMachine.VBAR + 0x400, cpu.pc());
        assertEquals(1, cpu.currentEl());
        assertEquals(0, cpu.sysreg(SystemRegister.SPSR_EL1) & 0xf);
    }

    @Test
    void undefinedAndUdf() {
        m = new TestMachine(1);
        m.code(0x1e220000); // FP: scvtf
        m.run(10);
        assertEquals(new CpuException.Undefined(0x1e220000), m.last());
        assertEquals(0x02000000, m.last().esr());
        assertEquals(TestMachine.CODE, (long) m.elrs.get(0));
    }

    @Test
    void eretRestoresPstateIncludingBtype() {
        m = new TestMachine(1);
        Aarch64Cpu cpu = m.cpu();
        cpu.setSysreg(SystemRegister.SPSR_EL1, 0x60000000L | 0x800 | 0x80 | 0);
        cpu.setSysreg(SystemRegister.ELR_EL1, 0x400000);
        m.code(0xd69f03e0);
        m.memory.map(0x400000, 0x1000, Permissions.USER_RWX);
        m.code(0x400000L, 0xd503201f);
        cpu.step();
        assertEquals(0, cpu.currentEl());
        assertEquals(0x400000, cpu.pc());
        assertEquals(Z | C, cpu.nzcv());
        assertEquals(0x80, cpu.daif());
        assertEquals(2, cpu.btype());
    }

    @Test
    void irqTakenOnlyWhenUnmasked() {
        m = new TestMachine(1);
        m.haltOnException = false;
        m.code(0xd503201f, 0xd503201f, 0xd503201f);
        Aarch64Cpu cpu = m.cpu();
        cpu.setDaif(0x80);
        cpu.setInterruptPending(true);
        cpu.run(2);
        assertTrue(m.exceptions.isEmpty());
        assertEquals(TestMachine.CODE + 8, cpu.pc());
        cpu.setDaif(0);
        cpu.step();
        assertInstanceOf(CpuException.Interrupt.class, m.last());
        assertEquals(TestMachine.CODE + 8, cpu.sysreg(SystemRegister.ELR_EL1));
        assertEquals(TestMachine.VBAR + 0x280, cpu.pc());
        assertEquals(0x3c0, cpu.daif());
    }

    @Test
    void msrMrsAndDaif() {
        // msr tpidr_el1,x0 ; mrs x1,tpidr_el1 ; mrs x2,currentel ; mrs x3,ctr_el0 ; msr daifset,#2 ; mrs x4,daif ; msr daifclr,#2 ; mrs x5, nzcv
        Aarch64Cpu cpu = exec(r(0x1234), 0xd518d080, 0xd538d081, 0xd5384242, 0xd53b0023, 0xd50342df, 0xd53b4224, 0xd50342ff,
                0xd53b4205);
        assertEquals(0x1234, cpu.x(1));
        assertEquals(4, cpu.x(2));
        assertEquals(0x8444c004L, cpu.x(3));
        assertEquals(0x80, cpu.x(4));
        assertEquals(0, cpu.sysreg(SystemRegister.SPSR_EL1) & 0x80); // daifclr took effect before the BRK
    }

    @Test
    void exclusivesAtomicsAndCrc32() {
        long d = TestMachine.DATA;
        // ldxr x0,[x1] ; stxr w2,x3,[x1] ; stxr w11,x3,[x1] ; ldadd x4,x5,[x1] ; cas x6,x7,[x1] ; crc32b w8,w9,w10
        m = new TestMachine(1);
        m.memory.write64(d, 10);
        m.code(0xc85f7c20, 0xc8027c23, 0xc80b7c23, 0xf8240025, 0xc8a67c27, 0x1aca4128, BRK);
        Aarch64Cpu cpu = m.cpu();
        long[] regs = {0, d, 7, 42, 5, 0, 47, 100, 0, 0xffffffffL, 0x61, 7};
        for (int i = 0; i < regs.length; i++) {
            cpu.setX(i, regs[i]);
        }
        m.run(100);
        assertEquals(10, cpu.x(0));
        assertEquals(0, cpu.x(2), "first stxr succeeds");
        assertEquals(1, cpu.x(11), "second stxr fails: monitor cleared");
        assertEquals(42, cpu.x(5));
        assertEquals(47, cpu.x(6));
        assertEquals(100, m.memory.read64(d));
        assertEquals(~0xe8b7be43L & 0xffffffffL, cpu.x(8), "CRC32 of 'a' before the final inversion");
    }

    @Test
    void exclusivePairsX() {
        long d = TestMachine.DATA;
        // ldxp x0,x1,[x2] ; stxp w3,x4,x5,[x2] ; stxp w6,x4,x5,[x2] (monitor cleared: fails)
        // ldaxp x7,x8,[x2] ; stlxp w9,xzr,x1,[x2]
        m = new TestMachine(1);
        m.memory.write64(d, 0x1111222233334444L);
        m.memory.write64(d + 8, 0x5555666677778888L);
        m.code(0xc87f0440, 0xc8231444, 0xc8261444, 0xc87fa047, 0xc829845f, BRK);
        Aarch64Cpu cpu = m.cpu();
        cpu.setX(2, d);
        cpu.setX(3, 7);
        cpu.setX(4, 0xaaaaL);
        cpu.setX(5, 0xbbbbL);
        cpu.setX(6, 7);
        cpu.setX(9, 7);
        long loads = cpu.counters().loads, stores = cpu.counters().stores;
        m.run(100);
        assertInstanceOf(CpuException.Breakpoint.class, m.last());
        assertEquals(0x1111222233334444L, cpu.x(0));
        assertEquals(0x5555666677778888L, cpu.x(1));
        assertEquals(0, cpu.x(3), "stxp after ldxp succeeds");
        assertEquals(1, cpu.x(6), "second stxp fails: monitor cleared by the first");
        assertEquals(0xaaaaL, cpu.x(7), "ldaxp reads the pair stxp wrote");
        assertEquals(0xbbbbL, cpu.x(8));
        assertEquals(0, cpu.x(9), "stlxp succeeds");
        assertEquals(0, m.memory.read64(d), "xzr stored");
        assertEquals(0x5555666677778888L, m.memory.read64(d + 8));
        assertEquals(4, cpu.counters().loads - loads, "two ldxp: 2 registers each");
        assertEquals(4, cpu.counters().stores - stores, "two successful stxp: 2 registers each");
        assertEquals(5, cpu.counters().instructions);
    }

    @Test
    void exclusivePairsW() {
        long d = TestMachine.DATA;
        // ldxp w8,w9,[x10] ; stxp w11,w8,w9,[x10] with memory changed in between by a plain store -> fails;
        // then ldxp w8,w9,[x10] ; stxp w11,w12,w13,[x10] succeeds and writes only 8 bytes
        m = new TestMachine(1);
        m.memory.write64(d, 0x9999999988888888L);
        m.memory.write64(d + 8, -1L);
        m.code(0x887f2548, 0xb9000540 /* str w0,[x10,#4] */, 0x882b2548, 0xaa0b03ee /* mov x14,x11 */,
                0x887f2548, 0x882b354c, BRK);
        Aarch64Cpu cpu = m.cpu();
        cpu.setX(0, 0x1234);
        cpu.setX(10, d);
        cpu.setX(12, 0xfedcba98L);
        cpu.setX(13, 0x01234567L);
        m.run(100);
        assertInstanceOf(CpuException.Breakpoint.class, m.last());
        assertEquals(1, cpu.x(14), "stxp fails: the second word changed since ldxp");
        assertEquals(0x88888888L, cpu.x(8), "W loads zero-extend");
        assertEquals(0x1234L, cpu.x(9));
        assertEquals(0, cpu.x(11), "second stxp succeeds");
        assertEquals(0x01234567fedcba98L, m.memory.read64(d));
        assertEquals(-1L, m.memory.read64(d + 8), "a W pair writes 8 bytes only");
    }

    @Test
    void exclusivePairFaultsLeaveMemoryAndStatusUntouched() {
        long d = TestMachine.DATA;
        // ldxp x0,x1,[x2] with the pair straddling into an unmapped page: data abort, x0/x1 unchanged
        m = new TestMachine(1);
        m.memory.write64(d + 0xfff8, 5);
        m.code(0xc87f0440, BRK);
        Aarch64Cpu cpu = m.cpu();
        cpu.setX(0, 77);
        cpu.setX(1, 78);
        cpu.setX(2, d + 0xfff8);
        m.run(100);
        CpuException.DataAbort abort = assertInstanceOf(CpuException.DataAbort.class, m.last());
        assertEquals(d + 0x10000, abort.fault().address());
        assertEquals(77, cpu.x(0));
        assertEquals(78, cpu.x(1));
        // stxp w3,x0,x1,[x2] on a read-only page: permission fault, nothing written, w3 unchanged
        m = new TestMachine(1);
        m.memory.protect(d, 0x1000, Permissions.RO);
        m.code(0xc87f0440, 0xc8230440, BRK);
        cpu = m.cpu();
        cpu.setX(2, d);
        cpu.setX(3, 9);
        m.run(100);
        abort = assertInstanceOf(CpuException.DataAbort.class, m.last());
        assertEquals(Fault.Kind.PERMISSION, abort.fault().kind());
        assertEquals(9, cpu.x(3));
        assertEquals(0, m.memory.read64(d));
    }

    @Test
    void everyFormHasAName() {
        assertTrue(DecodeTable.forms().size() > 100);
    }
}
