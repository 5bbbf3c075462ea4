package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.HazardListener;
import org.kernelsim.cpu.memory.Permissions;

/**
 * Stale instructions: what each CPU executes after another (or the host) rewrites its code, and
 * which case the CPU reports a stale fetch as: "pending" (the writer's DC CVAU + DSB + IC IVAU +
 * DSB completed after the write; the reader only lacks a context-synchronisation event) or
 * "unpublished" (no completed invalidation covers the write).
 */
class CoherenceTest {

    static final long LOOP = TestMachine.CODE + 0x1000;
    static final long POKE = 0xfffffbfff0000000L; // fixmap-style RW alias of the loop's page
    static final int MOV_X0_1 = 0xd2800020, MOV_X0_2 = 0xd2800040, ADD_X1_X1_X0 = 0x8b000021, B_LOOP = 0x17fffffe;

    TestMachine m;
    Aarch64Cpu cpu0, cpu1;
    final List<String> hazards = new ArrayList<>();

    @BeforeEach
    void setUp() {
        m = new TestMachine(2);
        m.memory.alias(POKE, LOOP, 0x1000, Permissions.RW);
        m.code(LOOP, MOV_X0_1, ADD_X1_X1_X0, B_LOOP);
        cpu0 = m.cpus.get(0);
        cpu1 = m.cpus.get(1);
        for (Aarch64Cpu c : m.cpus) {
            c.setPc(LOOP);
            c.setHazardListener(new HazardListener() {
                @Override
                public void staleFetch(Cpu cpu, long va, int executed, int memory) {
                    throw new AssertionError("the CPU calls the five-argument method");
                }

                @Override
                public void staleFetch(Cpu cpu, long va, int executed, int memory, boolean pending) {
                    hazards.add(cpu.id() + "@" + Long.toHexString(va) + ":" + Integer.toHexString(executed) + "/"
                            + Integer.toHexString(memory) + (pending ? " pending" : " unpublished"));
                }
            });
        }
        cpu1.run(30);
    }

    /** Runs one iteration (from the mov) on the CPU and returns the x0 it used. */
    private long iterate(Aarch64Cpu cpu) {
        cpu.setPc(LOOP);
        cpu.run(3);
        return cpu.x(0);
    }

    private void write() {
        m.memory.write32(POKE, MOV_X0_2);
        assertEquals(MOV_X0_2, m.memory.read32(LOOP), "memory holds the new word at once");
    }

    @Test
    void withoutMaintenanceTheOldInstructionKeepsRunningAndIsReported() {
        write();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " unpublished"), hazards);
        cpu1.instructionSynchronizationBarrier();
        assertEquals(1, iterate(cpu1), "an ISB alone publishes nothing");
        assertEquals(List.of(STALE + " unpublished", STALE + " unpublished"), hazards, "reported once per execution");
    }

    static final String STALE = "1@ffff800080001000:d2800020/d2800040";

    private void maintain(Aarch64Cpu writer) {
        writer.cleanDataCacheToPou(LOOP);
        writer.dataSynchronizationBarrier();
        writer.invalidateInstructionCache(LOOP);
        writer.dataSynchronizationBarrier();
    }

    @Test
    void aStaleFetchAfterCompletedMaintenanceIsThePermittedWindow() {
        write();
        maintain(cpu0);
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " pending"), hazards);
        cpu1.instructionSynchronizationBarrier();
        assertEquals(2, iterate(cpu1));
        assertEquals(List.of(STALE + " pending"), hazards, "refetched: nothing stale any more");
    }

    @Test
    void cleanWithoutInvalidateLeavesTheWriteUnpublished() {
        write();
        cpu0.cleanDataCacheToPou(LOOP);
        cpu0.dataSynchronizationBarrier();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " unpublished"), hazards);
    }

    @Test
    void aPendingInvalidationDoesNotPublishALaterWriteToTheSameInstruction() {
        write();
        maintain(cpu0);
        m.memory.write32(POKE, 0xd2800060); // mov x0, #3, cleaned but never invalidated
        cpu0.cleanDataCacheToPou(LOOP);
        cpu0.dataSynchronizationBarrier();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of("1@ffff800080001000:d2800020/d2800060 unpublished"), hazards);
        // the next completed IC IVAU of the line covers it
        cpu0.invalidateInstructionCache(LOOP);
        cpu0.dataSynchronizationBarrier();
        hazards.clear();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of("1@ffff800080001000:d2800020/d2800060 pending"), hazards);
    }

    @Test
    void aLaterDataWriteElsewhereInTheLineLeavesTheWindowPending() {
        write();
        maintain(cpu0);
        m.memory.write64(POKE + 0x30, 0x1234_5678_9abc_def0L); // data in the same 64-byte line, no maintenance
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " pending"), hazards, "the mov's own write was published");
    }

    @Test
    void icIalluCoversCleanLines() {
        write();
        cpu0.cleanDataCacheToPou(LOOP);
        cpu0.dataSynchronizationBarrier();
        cpu1.invalidateInstructionCacheAll();
        assertEquals(1, iterate(cpu1));
        cpu1.dataSynchronizationBarrier();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " unpublished", STALE + " pending"), hazards);
        cpu1.instructionSynchronizationBarrier();
        assertEquals(2, iterate(cpu1));
    }

    @Test
    void aListenerWithOnlyTheFourArgumentMethodIsToldOfBothCases() {
        List<String> old = new ArrayList<>();
        cpu1.setHazardListener((cpu, va, executed, memory) -> old.add(Integer.toHexString(executed)));
        write();
        iterate(cpu1);
        maintain(cpu0);
        iterate(cpu1);
        assertEquals(List.of("d2800020", "d2800020"), old);
    }

    @Test
    void fullMaintenanceNeedsTheReadersContextSynchronisation() {
        write();
        maintain(cpu0);
        assertEquals(1, iterate(cpu1), "no context synchronisation on CPU1 yet");
        cpu1.instructionSynchronizationBarrier();
        assertEquals(2, iterate(cpu1));
        hazards.clear();
        iterate(cpu1);
        assertTrue(hazards.isEmpty());
    }

    @Test
    void exceptionEntryIsAContextSynchronisationEvent() {
        write();
        cpu0.cleanDataCacheToPou(LOOP);
        cpu0.invalidateInstructionCache(LOOP);
        cpu0.dataSynchronizationBarrier();
        m.haltOnException = false;
        cpu1.setDaif(0);
        cpu1.setInterruptPending(true);
        cpu1.step(); // IRQ entry
        cpu1.setInterruptPending(false);
        assertEquals(2, iterate(cpu1));
    }

    @Test
    void invalidateWithoutCleanDoesNotPublish() {
        write();
        cpu0.invalidateInstructionCache(LOOP);
        cpu0.dataSynchronizationBarrier();
        cpu1.instructionSynchronizationBarrier();
        assertEquals(1, iterate(cpu1));
        assertEquals(List.of(STALE + " unpublished"), hazards, "IC IVAU of a dirty line is not broadcast");
    }

    @Test
    void maintenanceTakesEffectOnlyAtTheIssuersDsb() {
        write();
        cpu0.cleanDataCacheToPou(LOOP);
        cpu0.invalidateInstructionCache(LOOP);
        cpu1.instructionSynchronizationBarrier();
        assertEquals(1, iterate(cpu1), "no DSB on the writer yet");
        cpu0.dataSynchronizationBarrier();
        assertEquals(1, iterate(cpu1), "DSB done, but CPU1 has not synchronised since");
        assertEquals(List.of(STALE + " unpublished", STALE + " pending"), hazards);
        cpu1.instructionSynchronizationBarrier();
        assertEquals(2, iterate(cpu1));
    }

    @Test
    void theWriterNeedsItsOwnIsbAndACpuThatNeverCachedSeesNewBytes() {
        cpu0.run(3); // CPU0 caches the loop too
        TestMachine fresh = m;
        write();
        // CPU0 patches with guest instructions: dc cvau,x4 ; dsb ish ; ic ivau,x4 ; dsb ish ; brk  (no isb)
        long patcher = TestMachine.CODE + 0x2000;
        fresh.code(patcher, 0xd50b7b24, 0xd5033b9f, 0xd50b7524, 0xd5033b9f, 0xd4200000);
        cpu0.setX(4, LOOP);
        cpu0.setPc(patcher);
        fresh.haltOnException = true;
        cpu0.run(10); // ends in the BRK: exception entry is itself a context synchronisation...
        cpu0.resume();
        assertEquals(2, iterate(cpu0), "...so after the BRK CPU0 sees its write");
        // redo without any context synchronisation on the writer
        m.memory.write32(POKE, MOV_X0_1);
        fresh.code(patcher, 0xd50b7b24, 0xd5033b9f, 0xd50b7524, 0xd5033b9f, 0x14000000 | ((int) ((LOOP - patcher - 16) >> 2) & 0x3ffffff));
        cpu0.resume();
        cpu0.setPc(patcher);
        cpu0.run(5 + 3);
        assertEquals(2, cpu0.x(0), "the writer still ran its cached old instruction");
        // a third CPU joining now fetches the current bytes
        Aarch64Cpu cpu2 = new Aarch64Cpu(2, m.domain, org.kernelsim.cpu.core.CostModel.defaults(), (c, e) -> c.halt());
        cpu2.setPc(LOOP);
        cpu2.run(3);
        assertEquals(1, cpu2.x(0));
    }

    @Test
    void probesCountExecutionsAtAnAddress() {
        var probes = m.domain.probes();
        int id = probes.register(LOOP + 4); // already cached on CPU1: re-tagged in place
        cpu1.setPc(LOOP);
        cpu1.run(30);
        assertEquals(10, probes.count(id));
        assertEquals(10, probes.countAt(LOOP + 4));
        cpu0.setPc(LOOP);
        cpu0.run(3); // filled after registration
        assertEquals(11, probes.count(id));
        probes.unregister(LOOP + 4);
        cpu1.setPc(LOOP);
        cpu1.run(3);
        assertEquals(11, probes.count(id));
    }
}
