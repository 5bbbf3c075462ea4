package org.kernelsim.kernel.sched;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.kernel.layout.Layout;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.PerCpu;

/**
 * Runs the CPUs in deterministic slices on one host thread: each round visits every CPU once,
 * in id order (round-robin) or in a seeded-random permutation (to explore races); same seed,
 * same interleaving. Tasks run to completion (a non-preemptive kernel thread per call); an idle
 * CPU is halted. The per-CPU timer raises the IRQ line every {@code timerPeriod} instructions.
 */
public final class Scheduler {

    private final Machine machine;
    private final SplittableRandom random;
    private int nextPid = 1;
    private long taskExitStub;

    @Inject
    public Scheduler(Machine machine) {
        this.machine = requireNonNull(machine, "machine");
        this.random = new SplittableRandom(machine.spec().seed());
    }

    /** The address tasks return to: {@code hvc #0}, which ends the task. */
    public void setTaskExitStub(long addr) {
        taskExitStub = addr;
    }

    public TaskImpl spawn(int cpu, String name, long function, long... args) {
        if (cpu < 0 || cpu >= machine.cpuCount()) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
        if (args.length > 8) {
            throw new IllegalArgumentException("at most 8 register arguments");
        }
        TaskImpl t = new TaskImpl(nextPid++, name, cpu, function, args);
        machine.perCpu(cpu).runQueue.add(t);
        return t;
    }

    /** Starts the next queued task on an idle CPU: registers as at a fresh call from the task's entry. */
    private void startNext(int id) {
        PerCpu p = machine.perCpu(id);
        if (p.current != null || p.inInterrupt() || p.runQueue.isEmpty() || machine.panicked()) {
            return;
        }
        TaskImpl t = p.runQueue.poll();
        Cpu c = machine.cpu(id);
        for (int i = 0; i < 31; i++) {
            c.setX(i, i < t.args.length ? t.args[i] : 0);
        }
        c.setX(29, 0);
        c.setX(30, taskExitStub);
        c.setSp(Layout.stackTop(id));
        c.setCurrentEl(1);
        c.setDaif(0);
        c.setNzcv(0);
        c.setPc(t.function);
        // A task is entered by an exception return (ret_from_fork): context-synchronising, so
        // code published with cache maintenance before it started is what it executes.
        c.instructionSynchronizationBarrier();
        p.current = t;
        p.quiescentStates++;
        t.setRunning();
        c.resume();
    }

    /** The task on {@code cpu} returned (hvc #0): record x0 and go idle. */
    public void taskReturned(Cpu cpu) {
        PerCpu p = machine.perCpu(cpu.id());
        if (p.current != null) {
            p.current.complete(cpu.x(0));
            p.current = null;
            p.quiescentStates++;
        }
        cpu.halt();
        cpu.requestStop();
    }

    /** An oops killed the task on {@code cpu}: the CPU goes idle. */
    public void killCurrent(Cpu cpu) {
        PerCpu p = machine.perCpu(cpu.id());
        if (p.current != null) {
            p.current.kill();
            p.current = null;
            p.quiescentStates++;
        }
        p.waitingForGracePeriod = false;
        p.irqFrames.clear();
        p.irqDepth = 0;
        cpu.halt();
        cpu.requestStop();
    }

    /**
     * Runs rounds of slices until {@code done} holds, every CPU used {@code budget} instructions,
     * nothing is runnable, or the kernel panicked. Returns {@code done}'s final value.
     */
    public boolean run(long budget, BooleanSupplier done) {
        return run(budget, done, -1);
    }

    /**
     * As {@link #run(long, BooleanSupplier)}, leaving CPU {@code except} alone (-1: none): the CPU
     * whose guest code is inside a Java handler that waits for the others (it is not at an
     * instruction boundary, so it must not be resumed).
     */
    public boolean run(long budget, BooleanSupplier done, int except) {
        int n = machine.cpuCount();
        long[] used = new long[n];
        int[] order = new int[n];
        MachineSpec spec = machine.spec();
        while (!machine.panicked()) {
            if (done.getAsBoolean()) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            if (spec.interleave() == MachineSpec.Interleave.RANDOM) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
            }
            boolean any = false;
            for (int k = 0; k < n && !machine.panicked(); k++) {
                int id = order[k];
                if (id == except) {
                    continue;
                }
                startNext(id);
                Cpu c = machine.cpu(id);
                if (c.halted() || used[id] >= budget) {
                    continue;
                }
                any = true;
                machine.setCurrentCpu(id);
                long ran = c.run(Math.min(spec.slice(), budget - used[id]));
                used[id] += Math.max(ran, 1);
                PerCpu p = machine.perCpu(id);
                p.instructionsSinceTick += ran;
                if (spec.timerPeriod() > 0 && p.instructionsSinceTick >= spec.timerPeriod()) {
                    p.instructionsSinceTick = 0;
                    c.setInterruptPending(true);
                }
            }
            machine.setCurrentCpu(except >= 0 ? except : 0);
            if (!any) {
                return done.getAsBoolean();
            }
        }
        return done.getAsBoolean();
    }
}
