package org.kernelsim.kernel.machine;

import java.util.ArrayDeque;
import java.util.Deque;
import org.kernelsim.kernel.sched.TaskImpl;

/** The kernel's per-CPU state: current task, run queue, interrupt nesting, timer bookkeeping. */
public final class PerCpu {

    public final int id;
    public TaskImpl current;
    public final Deque<TaskImpl> runQueue = new ArrayDeque<>();
    /** Saved contexts of interrupted code while guest IRQ handlers run (pt_regs on the IRQ stack). */
    public final Deque<SavedContext> irqFrames = new ArrayDeque<>();
    /** > 0 while in an interrupt handler (Java or guest). */
    public int irqDepth;
    public long instructionsSinceTick;
    public long ticks;
    public long stallCycles;
    /**
     * RCU quiescent states this CPU passed: context switches (a task starting, returning or being
     * killed). Tasks are not preemptible, so nothing else ends a read-side critical section.
     */
    public long quiescentStates;
    /** True while the task here waits in guest {@code synchronize_rcu} (it sleeps there in Linux: quiescent). */
    public boolean waitingForGracePeriod;

    public PerCpu(int id) {
        this.id = id;
    }

    public boolean inInterrupt() {
        return irqDepth > 0;
    }

    public boolean idle() {
        return current == null && irqDepth == 0;
    }
}
