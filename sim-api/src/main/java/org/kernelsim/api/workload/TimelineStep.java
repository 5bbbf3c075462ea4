package org.kernelsim.api.workload;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the config's {@code workload.timeline}, as workloads see it: at {@code at} modelled
 * cycles (of CPU 0), load or unload {@code module}.
 */
public record TimelineStep(long at, Action action, String module) {

    public enum Action { LOAD, UNLOAD }

    public TimelineStep {
        requireNonNull(action, "action");
        requireNonNull(module, "module");
        if (at < 0) {
            throw new IllegalArgumentException("at must not be negative: " + at);
        }
    }
}
