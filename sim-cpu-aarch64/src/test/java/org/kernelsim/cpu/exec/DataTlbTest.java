package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.memory.Fault;
import org.kernelsim.cpu.memory.Permissions;

/**
 * The CPU's data micro-TLB (direct access to page arrays) must stay exact: every case runs an
 * access once so that the page is cached, changes the mapping or the watch state between runs
 * (or during the run), and checks the next access behaves as the uncached path would.
 */
class DataTlbTest {

    private static final int BRK = 0xd4200000;
    private static final int STR_X1_X0 = 0xf9000001, LDR_X2_X0 = 0xf9400002, LDTR_X2_X0 = 0xf8400802;
    private static final long D = TestMachine.DATA;

    private TestMachine m;
    private long next;

    /**
     * Runs the words (then BRK) from a fresh code line (so no cached instructions are involved);
     * returns the exception that ended the run.
     */
    private CpuException again(int... words) {
        long at = TestMachine.CODE + next;
        next += 0x100;
        int[] all = java.util.Arrays.copyOf(words, words.length + 1);
        all[words.length] = BRK;
        m.code(at, all);
        m.exceptions.clear();
        Aarch64Cpu cpu = m.cpu();
        cpu.resume();
        cpu.setCurrentEl(1);
        cpu.setPc(at);
        m.run(1000);
        return m.last();
    }

    @Test
    void storeAfterProtectReadOnlyFaults() {
        m = new TestMachine(1);
        m.cpu().setX(0, D);
        m.cpu().setX(1, 5);
        assertInstanceOf(CpuException.Breakpoint.class, again(STR_X1_X0, STR_X1_X0));
        m.memory.protect(D, 0x1000, Permissions.RO);
        m.cpu().setX(1, 6);
        CpuException.DataAbort a = assertInstanceOf(CpuException.DataAbort.class, again(STR_X1_X0));
        assertEquals(Fault.Kind.PERMISSION, a.fault().kind());
        assertEquals(5, m.memory.read64(D), "the faulting store wrote nothing");
        // loads still hit (read permission kept), and see the value
        assertInstanceOf(CpuException.Breakpoint.class, again(LDR_X2_X0));
        assertEquals(5, m.cpu().x(2));
    }

    @Test
    void accessAfterUnmapFaults() {
        m = new TestMachine(1);
        m.memory.write64(D, 9);
        m.cpu().setX(0, D);
        m.cpu().setX(1, 1);
        assertInstanceOf(CpuException.Breakpoint.class, again(LDR_X2_X0, STR_X1_X0, LDR_X2_X0));
        assertEquals(1, m.cpu().x(2));
        m.memory.unmap(D, 0x1000);
        CpuException.DataAbort a = assertInstanceOf(CpuException.DataAbort.class, again(LDR_X2_X0));
        assertEquals(Fault.Kind.TRANSLATION, a.fault().kind());
        a = assertInstanceOf(CpuException.DataAbort.class, again(STR_X1_X0));
        assertEquals(Fault.Kind.TRANSLATION, a.fault().kind());
        // mapped again (possibly onto the recycled frame): a fresh zero page, not the old array
        m.memory.map(D, 0x1000, Permissions.RW);
        m.cpu().setX(2, 77);
        assertInstanceOf(CpuException.Breakpoint.class, again(LDR_X2_X0));
        assertEquals(0, m.cpu().x(2));
    }

    @Test
    void unprivilegedAccessDoesNotUseThePrivilegedEntry() {
        m = new TestMachine(1); // DATA is kernel-only
        m.cpu().setX(0, D);
        m.memory.write64(D, 3);
        CpuException.DataAbort a = assertInstanceOf(CpuException.DataAbort.class, again(LDR_X2_X0, LDTR_X2_X0));
        assertEquals(Fault.Kind.PERMISSION, a.fault().kind());
        assertEquals(3, m.cpu().x(2), "the EL1 load before it hit");
    }

    @Test
    void aliasWritesAreVisibleThroughTheOtherMapping() {
        m = new TestMachine(1);
        long alias = 0xfffffbfff0000000L;
        m.memory.alias(alias, D, 0x1000, Permissions.RW);
        m.cpu().setX(0, alias);
        m.cpu().setX(3, D);
        // str x1,[x0] ; ldr x2,[x3] ; add x1,x1,#1 ; str x1,[x0] ; ldr x4,[x3]  (both pages cached by the 2nd pair)
        m.cpu().setX(1, 40);
        assertInstanceOf(CpuException.Breakpoint.class, again(STR_X1_X0, 0xf9400062, 0x91000421, STR_X1_X0, 0xf9400064));
        assertEquals(40, m.cpu().x(2));
        assertEquals(41, m.cpu().x(4));
        assertEquals(41, m.memory.read64(D));
    }

    @Test
    void neverWrittenPageReadsZeroWithoutAllocatingThenSeesWrites() {
        m = new TestMachine(1);
        m.cpu().setX(0, D + 0x2000);
        m.cpu().setX(1, 0x1234);
        m.cpu().setX(2, 99);
        m.code(BRK); // the code page's own allocation
        long resident = m.memory.residentPages();
        assertInstanceOf(CpuException.Breakpoint.class, again(LDR_X2_X0, LDR_X2_X0));
        assertEquals(0, m.cpu().x(2));
        assertEquals(resident, m.memory.residentPages(), "reads allocate nothing");
        assertInstanceOf(CpuException.Breakpoint.class, again(STR_X1_X0, LDR_X2_X0));
        assertEquals(0x1234, m.cpu().x(2));
        assertEquals(resident + 1, m.memory.residentPages());
    }

    @Test
    void storesToAPageThatStartsExecutingStillReachTheInstructionCache() {
        m = new TestMachine(1);
        long page = 0xffff8000c0000000L;
        m.memory.map(page, 0x1000, new Permissions(true, true, true, false, false));
        List<String> hazards = new ArrayList<>();
        m.cpu().setHazardListener((cpu, va, executed, inMemory) -> hazards.add(Long.toHexString(va) + ":"
                + Integer.toHexString(executed) + "/" + Integer.toHexString(inMemory)));
        Aarch64Cpu cpu = m.cpu();
        cpu.setX(4, page);
        cpu.setX(1, 0xd2800025); // mov x5, #1
        cpu.setX(2, 0xd65f03c0); // ret
        cpu.setX(3, 0xd2800045); // mov x5, #2
        // str w1,[x4] ; str w2,[x4,#4] (page now in the write TLB) ; blr x4 (page now executed)
        // str w3,[x4] (must still be seen by the I-cache) ; blr x4 (no maintenance: stale, reported)
        assertInstanceOf(CpuException.Breakpoint.class, again(0xb9000081, 0xb9000482, 0xd63f0080, 0xb9000083, 0xd63f0080));
        assertEquals(1, cpu.x(5), "the stale instruction ran");
        assertEquals(List.of(Long.toHexString(page) + ":d2800025/d2800045"), hazards);
    }
}
