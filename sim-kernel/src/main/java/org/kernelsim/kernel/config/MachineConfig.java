package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.plugin.Param;

/** The simulated machine ({@code machine} in the config). */
public record MachineConfig(
        @Param(description = "number of simulated CPUs", defaultValue = "4", min = 1, max = 256)
        int cpus,
        @Param(description = "instructions a CPU runs before the scheduler moves on to the next CPU",
                defaultValue = "200", min = 1, max = 1_000_000)
        int slice,
        @Param(description = "Branch Target Identification: kernel text is mapped guarded, so indirect "
                + "branches must land on a BTI landing pad", defaultValue = "true")
        boolean bti,
        @Param(description = "order in which CPUs get slices: round-robin, or random (from the seed)",
                defaultValue = "round-robin")
        Scheduler scheduler) {

    public MachineConfig {
        requireNonNull(scheduler, "scheduler");
    }

    /** How the CPUs take turns. */
    public enum Scheduler { ROUND_ROBIN, RANDOM }
}
