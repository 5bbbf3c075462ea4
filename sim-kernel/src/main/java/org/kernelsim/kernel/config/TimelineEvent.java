package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.kernelsim.api.plugin.Param;

/** One entry of {@code workload.timeline}: at a time, load or unload one module. */
public record TimelineEvent(
        @Param(description = "when, in modelled cycles of CPU 0 since boot", min = 0)
        long at,
        @Param(description = "module to load (insmod)")
        Optional<String> load,
        @Param(description = "module to unload (rmmod)")
        Optional<String> unload) {

    public TimelineEvent {
        requireNonNull(load, "load");
        requireNonNull(unload, "unload");
        if (load.isPresent() == unload.isPresent()) {
            throw new IllegalArgumentException("needs exactly one of 'load' or 'unload'");
        }
    }
}
