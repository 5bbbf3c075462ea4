package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.kernelsim.api.plugin.Param;

/**
 * The workload ({@code workload} in the config): {@code type} and {@code timeline} belong to the
 * kernel, every other key to the workload plugin's parameters record. Read by
 * {@link WorkloadConfigDeserializer}.
 *
 * @param parameters an instance of the plugin's {@code parametersType()}, every default filled in
 */
public record WorkloadConfig(
        @Param(description = "the workload, by name (one `./sim workloads` lists)")
        String type,
        @Param(description = "module loads and unloads at given times", defaultValue = "[]")
        List<TimelineEvent> timeline,
        Record parameters) {

    public WorkloadConfig {
        requireNonNull(type, "type");
        timeline = List.copyOf(timeline);
        requireNonNull(parameters, "parameters");
    }
}
