package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.kernelsim.api.plugin.Param;

/**
 * A whole config file, every default filled in. Immutable; read by {@link ConfigLoader}.
 * Each component is one top-level key (documented in the README's config reference).
 */
public record SimConfig(
        @Param(description = "version of the config format; must be 1", min = 1, max = 1)
        int schemaVersion,
        @Param(description = "seed of every random choice (scheduler, workload); same config and seed, same report",
                defaultValue = "0")
        long seed,
        @Param(description = "the simulated machine", defaultValue = "{}")
        MachineConfig machine,
        @Param(description = "the simulated kernel", defaultValue = "{}")
        KernelConfig kernel,
        @Param(description = "which static_call backends run, and their options")
        StaticCallConfig staticCall,
        @Param(description = "kernel modules built for the run, by name; the timeline loads and unloads them",
                defaultValue = "[]")
        List<String> modules,
        @Param(description = "what drives time: a workload chosen by type, with its own keys")
        WorkloadConfig workload,
        @Param(description = "where reports go", defaultValue = "{}")
        ReportConfig report,
        @Param(description = "overrides of the cost model: event name -> cycles", defaultValue = "{}")
        Map<String, Integer> costModel) {

    public SimConfig {
        requireNonNull(machine, "machine");
        requireNonNull(kernel, "kernel");
        requireNonNull(staticCall, "staticCall");
        modules = List.copyOf(modules);
        requireNonNull(workload, "workload");
        requireNonNull(report, "report");
        costModel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(costModel));
        if (modules.size() != modules.stream().distinct().count()) {
            throw new IllegalArgumentException("modules: lists a module twice: " + modules);
        }
    }
}
