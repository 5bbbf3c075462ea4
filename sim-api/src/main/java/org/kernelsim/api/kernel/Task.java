package org.kernelsim.api.kernel;

import java.util.OptionalLong;

/** A kernel thread running a guest function to completion on one CPU. */
public interface Task {

    int pid();

    String name();

    int cpu();

    enum State { RUNNABLE, RUNNING, DONE, KILLED }

    State state();

    /** x0 when the function returned, empty while running or if the task was killed by an oops. */
    OptionalLong result();

    /** DONE or KILLED. */
    default boolean finished() {
        return state() == State.DONE || state() == State.KILLED;
    }
}
