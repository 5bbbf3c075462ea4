package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.kernel.config.TimelineEvent;
import org.kernelsim.kernel.plugin.PluginSource;

/** The workload every machine of a run executes, with its parameters and the kernel's timeline. */
public record WorkloadRun(String type, WorkloadPlugin plugin, PluginSource source, Record parameters,
        List<TimelineEvent> timeline) {
    public WorkloadRun {
        requireNonNull(type, "type");
        requireNonNull(plugin, "plugin");
        requireNonNull(source, "source");
        requireNonNull(parameters, "parameters");
        timeline = List.copyOf(timeline);
    }
}
