package org.kernelsim.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.boot.TestModules.function;
import static org.kernelsim.kernel.boot.TestModules.module;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;
import org.kernelsim.kernel.sched.Rcu;

/**
 * Module unload waits for a real RCU grace period: exit, GOING, then every CPU passes a
 * quiescent state before the module's memory is unmapped; a CPU that never does is reported as
 * an RCU stall and the unload goes on.
 */
class UnloadGracePeriodTest {

    /** {@code long work(long n)}: counts n down to 0 in a loop (about 2n instructions), returns 0. No exit function. */
    private static final KernelModule WORKER = module("worker", false, ctx -> function(ctx.emitter(), "work",
            "long(long)", A64.subImmX(0, 0, 1), A64.cbnz(0, -4, true), A64.RET));

    private static final KernelModule IDLE_MOD = module("idle_mod", false, ctx -> function(ctx.emitter(), "nothing",
            "long(long)", A64.RET));

    /** Built in: {@code local_irq_disable(); for (;;);} — a CPU that never passes a quiescent state. */
    private static final KernelModule STUCK = module("stuck", true, ctx -> function(ctx.emitter(), "stuck_irqs_off",
            "void(void)", 0xd50342df /* msr daifset, #2 */, A64.b(0)));

    private static boolean inModule(SimKernel k, LoadedModule m, int cpu) {
        long pc = k.cpus().get(cpu).pc();
        return Long.compareUnsigned(pc, m.base()) >= 0 && Long.compareUnsigned(pc, m.base() + m.size()) < 0;
    }

    @Test
    void cpusExecutingModuleCodeFinishTheirCallsBeforeTheMemoryGoes() {
        SimKernel k = TestModules.boot(MachineSpec.defaults().withCpus(4).withModules(List.of(WORKER)));
        LoadedModule m = k.modules().load("worker");
        long work = k.kallsyms().addressOf("work");
        // CPU 0 included: the Java-side wait used to skip the grace period when CPU 0 had a task.
        Task t0 = k.spawn(0, "worker0", work, 50_000);
        Task t1 = k.spawn(1, "worker1", work, 60_000);
        k.run(1_000);
        assertEquals(Task.State.RUNNING, t0.state());
        assertEquals(Task.State.RUNNING, t1.state());
        assertTrue(inModule(k, m, 0) && inModule(k, m, 1), "both CPUs are inside the module when unload starts");
        long gps = k.rcu().gracePeriods();

        assertEquals(0, k.modules().unload("worker"));

        assertEquals(Task.State.DONE, t0.state());
        assertEquals(Task.State.DONE, t1.state());
        assertEquals(0L, t0.result().orElseThrow());
        assertEquals(0L, t1.result().orElseThrow());
        assertEquals(gps + 1, k.rcu().gracePeriods());
        assertFalse(k.memory().isMapped(m.base()));
        assertEquals(List.of(), k.reports().violations("freed-text"));
        assertEquals(List.of(), k.reports().all());
        assertEquals(0, k.rcu().stalls());
    }

    @Test
    void aCpuSpinningWithIrqsOffIsReportedAsAnRcuStallAndTheUnloadCompletes() {
        SimKernel k = TestModules.boot(MachineSpec.defaults().withCpus(2).withModules(List.of(STUCK, IDLE_MOD)));
        LoadedModule m = k.modules().load("idle_mod");
        Task stuck = k.spawn(1, "stuck", k.kallsyms().addressOf("stuck_irqs_off"));
        k.run(100);
        assertEquals(Task.State.RUNNING, stuck.state());

        assertEquals(0, k.modules().unload("idle_mod"));

        assertFalse(k.memory().isMapped(m.base()));
        assertEquals(1, k.rcu().stalls());
        List<KernelReport.Warning> warnings = k.reports().warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        List<String> text = warnings.get(0).text();
        assertEquals("rcu: INFO: rcu_sched detected stalls on CPUs/tasks:", text.get(0));
        assertEquals("rcu: \t1-...!: (0 ticks this GP) (IRQs off)", text.get(1));
        assertTrue(text.get(2).startsWith("\t(detected by 0, t=" + Rcu.STALL_INSTRUCTIONS + " instructions"), text.get(2));
        assertTrue(text.contains("Task dump for CPU 1:"), text.toString());
        assertTrue(text.stream().anyMatch(l -> l.startsWith("pc : stuck_irqs_off+0x8/0xc")), text.toString());
        assertTrue(k.log().contains("rcu: INFO: rcu_sched detected stalls on CPUs/tasks:"));
        assertTrue(k.log().contains("idle_mod: unloaded"));
        // The run goes on cleanly: CPU 1 still spins, CPU 0 still serves calls, nothing panicked.
        k.run(10_000);
        assertFalse(k.panicked());
        assertEquals(Task.State.RUNNING, stuck.state());
        k.modules().load("idle_mod");
        assertEquals(5L, k.call(0, k.kallsyms().addressOf("nothing"), 5));
        assertEquals(List.of(), k.reports().oopses());
        assertEquals(List.of(), k.reports().violations());
    }
}
