package org.kernelsim.kernel.sched;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.kernel.machine.Machine;

/** Calls a guest function from Java: a task on the given CPU, the scheduler driven until it ends. */
public final class GuestCalls {

    /** Guest calls made from Java give up after this many instructions per CPU (a hang, not a result). */
    public static final long CALL_BUDGET = 200_000_000L;

    private final Machine machine;
    private final Scheduler scheduler;
    private final Kallsyms kallsyms;

    @Inject
    public GuestCalls(Machine machine, Scheduler scheduler, Kallsyms kallsyms) {
        this.machine = requireNonNull(machine, "machine");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
    }

    public long call(int cpu, long function, long... args) {
        if (machine.panicked()) {
            throw new GuestCallFailed("the kernel has panicked");
        }
        TaskImpl t = scheduler.spawn(cpu, "call:" + kallsyms.format(function), function, args);
        scheduler.run(CALL_BUDGET, t::finished);
        if (t.state() == Task.State.DONE) {
            return t.result().orElseThrow();
        }
        throw new GuestCallFailed(String.format("call to %s on CPU %d %s", kallsyms.format(function), cpu,
                machine.panicked() ? "ended in a panic" : t.state() == Task.State.KILLED ? "was killed by an oops"
                        : "did not return within " + CALL_BUDGET + " instructions"));
    }
}
