package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.cache.CoherenceDomain;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.disasm.Disassembler;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.memory.SparseMemory;

/**
 * A million random words from random register states: whatever they do, nothing but
 * architectural exceptions may come out (no Java exception escapes the CPU), and every word
 * disassembles.
 */
class RandomWordsRobustnessTest {

    static final long CODE = 0xffff800080000000L;
    static final long DATA = 0xffff800090000000L;
    static final int WORDS_PER_BATCH = 1024;

    @Test
    void millionRandomWordsOnlyRaiseArchitecturalExceptions() {
        SparseMemory mem = new SparseMemory();
        mem.map(CODE, 0x1000, Permissions.RX_GUARDED);
        mem.map(DATA - 0x4000, 0x8000, Permissions.RW);
        mem.map(0x400000, 0x1000, Permissions.USER_RWX);
        CoherenceDomain domain = new CoherenceDomain(mem);
        SplittableRandom rnd = new SplittableRandom(0x5eed);
        long[] exceptions = {0};
        Aarch64Cpu cpu = new Aarch64Cpu(0, domain, CostModel.defaults(), (c, e) -> {
            exceptions[0]++;
            // back into the batch at a random instruction, EL1, registers left as they are
            c.setCurrentEl(1);
            c.setDaif(0x3c0);
            c.setSysreg(SystemRegister.VBAR_EL1, CODE);
            c.setPc(CODE + 4L * rnd.nextInt(WORDS_PER_BATCH));
        });
        cpu.setHazardListener((c, va, a, b) -> { });
        Disassembler dis = new Disassembler();
        long executed = 0;
        long steps = 0;
        while (steps < 1_000_000) {
            for (int i = 0; i < WORDS_PER_BATCH; i++) {
                int w = rnd.nextInt();
                mem.write32(CODE + 4L * i, w);
                dis.disassemble(w, CODE + 4L * i);
            }
            for (long a = CODE; a < CODE + 0x1000; a += 64) {
                cpu.cleanDataCacheToPou(a);
                cpu.invalidateInstructionCache(a);
            }
            cpu.dataSynchronizationBarrier();
            cpu.instructionSynchronizationBarrier();
            for (int r = 0; r < 31; r++) {
                int kind = rnd.nextInt(4);
                cpu.setX(r, kind == 0 ? DATA + rnd.nextInt(-0x4000, 0x4000) : kind == 1 ? rnd.nextLong() : rnd.nextInt(64));
            }
            cpu.setSp(DATA);
            cpu.setNzcv(rnd.nextInt() & 0xf0000000);
            cpu.setSysreg(SystemRegister.VBAR_EL1, CODE);
            cpu.setPc(CODE + 4L * rnd.nextInt(WORDS_PER_BATCH));
            cpu.resume();
            executed += cpu.run(WORDS_PER_BATCH);
            steps += WORDS_PER_BATCH;
        }
        assertTrue(executed > 100_000, "executed " + executed);
        assertTrue(exceptions[0] > 1000, "exceptions " + exceptions[0]);
        assertEquals(executed, cpu.counters().instructions);
    }
}
