package org.kernelsim.kernel.sched;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;
import org.kernelsim.api.kernel.Task;

/** A kernel thread running one guest function to completion. */
public final class TaskImpl implements Task {

    private final int pid;
    private final String name;
    private final int cpu;
    final long function;
    final long[] args;
    private State state = State.RUNNABLE;
    private OptionalLong result = OptionalLong.empty();

    TaskImpl(int pid, String name, int cpu, long function, long[] args) {
        this.pid = pid;
        this.name = requireNonNull(name, "name");
        this.cpu = cpu;
        this.function = function;
        this.args = args.clone();
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public OptionalLong result() {
        return result;
    }

    void setRunning() {
        state = State.RUNNING;
    }

    public void complete(long x0) {
        state = State.DONE;
        result = OptionalLong.of(x0);
    }

    public void kill() {
        state = State.KILLED;
    }

    @Override
    public String toString() {
        return name + "[" + pid + "]@cpu" + cpu + " " + state;
    }
}
