package org.kernelsim.kernel.stopmachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.staticcall.testing.SelftestModule;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;

class StopMachineTest {

    private static SimKernel boot(int cpus) {
        return TestModules.boot(MachineSpec.defaults().withCpus(cpus).withSlice(64).withSeed(3)
                .withInterleave(MachineSpec.Interleave.RANDOM).withModules(List.of(new SelftestModule())));
    }

    /** Runs selftest loops on every CPU while patching under stop_machine; returns the average stall per CPU per call. */
    private static long patchWhileRunning(int cpus) {
        SimKernel k = boot(cpus);
        long loop = k.kallsyms().addressOf("sc_selftest_loop");
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            tasks.add(k.spawn(i, "loop" + i, loop, 200));
        }
        long func = k.kallsyms().addressOf("func_b") + 4; // the "add w0, w0, #2"
        int calls = 0;
        while (tasks.stream().anyMatch(t -> !t.finished())) {
            k.run(400);
            // A same-value rewrite under stop_machine: every CPU must still ack every state.
            assertEquals(0, k.patcher().patch(new long[] {func}, new int[] {A64.addImmW(0, 0, 2)}));
            calls++;
            assertFalse(k.panicked());
        }
        tasks.forEach(t -> assertEquals(Task.State.DONE, t.state(), t.name()));
        assertTrue(k.reports().all().isEmpty(), () -> k.reports().all().toString());
        assertEquals(calls, k.stopMachine().count());
        assertEquals(k.stopMachine().stallCycles(),
                java.util.stream.IntStream.range(0, cpus).mapToLong(i -> k.machine().perCpu(i).stallCycles).sum());
        return k.stopMachine().stallCycles() / cpus / calls;
    }

    @Test
    void sixtyFourCpusCompleteAndStallGrowsWithCpuCount() {
        long s2 = patchWhileRunning(2);
        long s8 = patchWhileRunning(8);
        long s64 = patchWhileRunning(64);
        assertTrue(s2 < s8 && s8 < s64, s2 + " " + s8 + " " + s64);
    }

    @Test
    void statesInOrderAndIrqsOffDuringRun() {
        SimKernel k = boot(4);
        List<Integer> daifBefore = k.machine().cpus().stream().map(c -> c.daif()).toList();
        List<Integer> daifDuringRun = new ArrayList<>();
        List<Boolean> lasts = new ArrayList<>();
        assertEquals(0, k.stopMachine().runOnEach((cpu, last) -> {
            daifDuringRun.add(k.machine().cpu(cpu).daif());
            lasts.add(last);
            return 0;
        }));
        assertEquals(List.of(StopMachineImpl.State.PREPARE, StopMachineImpl.State.DISABLE_IRQ, StopMachineImpl.State.RUN,
                StopMachineImpl.State.EXIT), k.stopMachineImpl().lastTrace());
        assertEquals(4, daifDuringRun.size());
        daifDuringRun.forEach(d -> assertEquals(1 << 7, d & 1 << 7));
        assertEquals(List.of(false, false, false, true), lasts, "exactly one CPU, the last to arrive, is 'last'");
        assertEquals(daifBefore, k.machine().cpus().stream().map(c -> c.daif()).toList(), "IRQ flags restored at EXIT");
        assertEquals(42, k.stopMachine().run(() -> 42));
    }

    @Test
    void sameSeedSameInterleaving() {
        long a = patchWhileRunningCycles();
        long b = patchWhileRunningCycles();
        assertEquals(a, b);
    }

    private static long patchWhileRunningCycles() {
        SimKernel k = boot(8);
        long loop = k.kallsyms().addressOf("sc_selftest_loop");
        for (int i = 0; i < 8; i++) {
            k.spawn(i, "l", loop, 50);
        }
        k.run(700);
        k.staticCalls().update("sc_selftest", "func_b");
        k.run(100_000);
        return k.machine().cpus().stream().mapToLong(c -> c.counters().cycles * 31 + c.counters().instructions).sum();
    }
}
