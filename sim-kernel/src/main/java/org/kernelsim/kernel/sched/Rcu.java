package org.kernelsim.kernel.sched;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.PerCpu;
import org.kernelsim.kernel.report.Oopser;
import org.kernelsim.kernel.report.ReportLog;

/**
 * RCU-sched grace periods. Tasks are not preemptible (CONFIG_PREEMPT_NONE), so a CPU is in a
 * read-side critical section whenever it runs kernel code; it passes a quiescent state by a
 * context switch (a task starting, returning or being killed), by being idle, by sleeping in
 * {@code synchronize_rcu} itself, or by running at EL0. An IRQ interrupting kernel code is not
 * one. A grace period ends when every CPU other than the waiter has passed a quiescent state
 * since it began.
 *
 * <p>Two waiters: guest {@code synchronize_rcu} (its Java halves {@link #startGuest} and
 * {@link #pollGuest}, polled while the other CPUs run), and {@link #synchronize}, the Java-side
 * wait (module unload), which drives the scheduler itself until the grace period ends, bounded
 * by {@link #STALL_INSTRUCTIONS}: past it, the stall is reported as the kernel words it and the
 * wait gives up (the kernel would wait forever; the model lets the run end).
 */
public final class Rcu {

    /**
     * The model's {@code rcu_cpu_stall_timeout}: instructions each CPU may run inside one grace
     * period before the Java-side wait reports a stall (the kernel's 21 s, scaled to simulated work).
     */
    public static final long STALL_INSTRUCTIONS = 5_000_000L;

    private final Machine machine;
    private final Scheduler scheduler;
    private final ReportLog reports;
    private final Oopser oopser;
    private final Map<Long, long[]> guestSnapshots = new HashMap<>();
    private long nextGp = 1;
    private long gracePeriods;
    private long stalls;

    @Inject
    public Rcu(Machine machine, Scheduler scheduler, ReportLog reports, Oopser oopser) {
        this.machine = requireNonNull(machine, "machine");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.reports = requireNonNull(reports, "reports");
        this.oopser = requireNonNull(oopser, "oopser");
    }

    private long[] snapshot() {
        long[] snap = new long[machine.cpuCount()];
        for (int i = 0; i < snap.length; i++) {
            snap[i] = machine.perCpu(i).quiescentStates;
        }
        return snap;
    }

    /** Whether {@code cpu} is, or has been since {@code snap} was taken, in a quiescent state. */
    private boolean quiescent(int cpu, long[] snap) {
        PerCpu p = machine.perCpu(cpu);
        return p.idle() || p.waitingForGracePeriod || p.quiescentStates != snap[cpu]
                || p.irqDepth == 0 && machine.cpu(cpu).currentEl() == 0;
    }

    // ---- guest synchronize_rcu ----

    /** {@code __rcu_gp_start}: snapshots every CPU; the caller now sleeps in synchronize_rcu. Returns the grace period's id. */
    public long startGuest(int self) {
        long gp = nextGp++;
        guestSnapshots.put(gp, snapshot());
        machine.perCpu(self).waitingForGracePeriod = true;
        return gp;
    }

    /** {@code __rcu_gp_poll}: true (and the caller wakes) once every other CPU passed a quiescent state. */
    public boolean pollGuest(long gp, int self) {
        long[] snap = guestSnapshots.get(gp);
        for (int i = 0; snap != null && i < snap.length; i++) {
            if (i != self && !quiescent(i, snap)) {
                return false;
            }
        }
        guestSnapshots.remove(gp);
        machine.perCpu(self).waitingForGracePeriod = false;
        gracePeriods++;
        return true;
    }

    // ---- Java-side synchronize_rcu ----

    /**
     * Waits for a grace period from Java. Called between slices (a timeline event), the caller
     * occupies no CPU, so every CPU must pass a quiescent state, CPU 0's task included; called
     * from an exception handler, the trapping CPU is the waiter (asleep here, so quiescent) and is
     * left alone while the others run. Returns true when the grace period ended, false after a
     * reported stall (or a panic).
     */
    public boolean synchronize() {
        int n = machine.cpuCount();
        int self = machine.inTrap() ? machine.currentCpu() : -1;
        long[] snap = snapshot();
        long[] ticks = new long[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = machine.perCpu(i).ticks;
        }
        boolean[] passed = new boolean[n];
        if (self >= 0) {
            passed[self] = true;
            machine.perCpu(self).waitingForGracePeriod = true;
        }
        boolean done;
        try {
            done = scheduler.run(STALL_INSTRUCTIONS, () -> {
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    if (!passed[i]) {
                        passed[i] = quiescent(i, snap);
                        all &= passed[i];
                    }
                }
                return all;
            }, self);
        } finally {
            if (self >= 0) {
                machine.perCpu(self).waitingForGracePeriod = false;
            }
        }
        if (done) {
            gracePeriods++;
            return true;
        }
        if (!machine.panicked()) {
            reportStall(self < 0 ? 0 : self, passed, ticks);
        }
        return false;
    }

    /**
     * {@code print_other_cpu_stall()}: the kernel's words, one line per CPU holding up the grace
     * period, the detecting CPU, then a task dump (registers and backtrace) of each. Recorded as a
     * warning report (the model's category for a non-fatal kernel complaint).
     */
    private void reportStall(int detector, boolean[] passed, long[] ticks) {
        stalls++;
        List<String> text = new ArrayList<>();
        text.add("rcu: INFO: rcu_sched detected stalls on CPUs/tasks:");
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < passed.length; i++) {
            if (!passed[i]) {
                stuck.add(i);
                Cpu c = machine.cpu(i);
                boolean irqsOff = (c.daif() & (1 << 7)) != 0;
                text.add(String.format("rcu: \t%d-...%s: (%d ticks this GP)%s", i, irqsOff ? "!" : "0",
                        machine.perCpu(i).ticks - ticks[i], irqsOff ? " (IRQs off)" : ""));
            }
        }
        text.add(String.format("\t(detected by %d, t=%d instructions, g=%d, ncpus=%d)", detector, STALL_INSTRUCTIONS,
                gracePeriods + stalls, passed.length));
        for (int i : stuck) {
            PerCpu p = machine.perCpu(i);
            Cpu c = machine.cpu(i);
            String comm = p.current == null ? "swapper/" + i : p.current.name();
            int pid = p.current == null ? 0 : p.current.pid();
            text.add("Task dump for CPU " + i + ":");
            text.add(String.format("task:%-15s state:R  running task     pid:%d", comm, pid));
            text.addAll(oopser.regsAndTrace(c, pid, comm, c.pc()));
        }
        text.add("rcu: synchronize_rcu() gave up waiting; the caller goes on as if the grace period had ended");
        PerCpu d = machine.perCpu(detector);
        reports.report(new KernelReport.Warning(detector, d.current == null ? 0 : d.current.pid(), "rcu_sched", text));
    }

    /** Grace periods completed (guest and Java waits). */
    public long gracePeriods() {
        return gracePeriods;
    }

    /** Stalls reported by the Java-side wait. */
    public long stalls() {
        return stalls;
    }
}
