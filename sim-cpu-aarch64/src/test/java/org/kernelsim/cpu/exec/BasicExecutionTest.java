package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.kernelsim.cpu.core.CpuException;
import org.junit.jupiter.api.Test;

class BasicExecutionTest {

    @Test
    void countsDownALoopAndStopsAtBrk() {
        TestMachine m = new TestMachine(1);
        m.code(
                0xd2800140, // mov x0, #10
                0xd2800001, // mov x1, #0
                0x91000421, // add x1, x1, #1
                0xf1000400, // subs x0, x0, #1
                0x54ffffc1, // b.ne .-8
                0xd4200080); // brk #4
        m.run(1000);
        Aarch64Cpu cpu = m.cpu();
        assertEquals(0, cpu.x(0));
        assertEquals(10, cpu.x(1));
        assertInstanceOf(CpuException.Breakpoint.class, m.last());
        assertEquals(0xf2000004, m.last().esr());
        assertEquals(TestMachine.CODE + 20, (long) m.elrs.get(0));
        assertEquals(2 + 30, cpu.counters().instructions);
        assertEquals(10, cpu.counters().branches);
        assertEquals(9, cpu.counters().takenBranches);
    }
}
