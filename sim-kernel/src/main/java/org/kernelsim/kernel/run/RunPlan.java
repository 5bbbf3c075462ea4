package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.plugin.Registered;

/**
 * Everything a {@link SimulationRunner} needs, resolved: the validated config, and the plugins
 * (instances, not names) for each backend run and for the workload.
 *
 * @param configFile the file the config came from, as the user named it
 * @param backends the machines to boot, in order (one, or each of {@code staticCall.compare})
 * @param baseline the backend the side-by-side report compares against, when one was named
 */
public record RunPlan(Path configFile, SimConfig config, List<BackendRun> backends, Optional<String> baseline,
        WorkloadRun workload) {

    public RunPlan {
        requireNonNull(configFile, "configFile");
        requireNonNull(config, "config");
        backends = List.copyOf(backends);
        requireNonNull(baseline, "baseline");
        requireNonNull(workload, "workload");
    }

    /**
     * Looks up every plugin the config names. The config reader has already checked the names
     * against this registry, so a miss here is a programming error, not a user's.
     */
    public static RunPlan resolve(Path configFile, SimConfig config, PluginRegistry registry) {
        requireNonNull(registry, "registry");
        var staticCall = config.staticCall();
        List<BackendRun> backends = staticCall.runs().stream().map(name -> {
            String implementation = staticCall.implementation(name);
            Registered<org.kernelsim.api.plugin.BackendPlugin> r = registry.backend(implementation)
                    .orElseThrow(() -> new IllegalStateException("backend '" + implementation
                            + "' vanished from the registry"));
            return new BackendRun(name, r.plugin(), r.source(), staticCall.optionsOf(name).orElseThrow(
                    () -> new IllegalStateException("no options for run '" + name + "'")));
        }).toList();
        String type = config.workload().type();
        var workload = registry.workload(type)
                .orElseThrow(() -> new IllegalStateException("workload '" + type + "' vanished from the registry"));
        Optional<String> baseline = config.staticCall().compare().isEmpty() ? Optional.empty()
                : config.staticCall().backend();
        return new RunPlan(configFile, config, backends, baseline, new WorkloadRun(type, workload.plugin(),
                workload.source(), config.workload().parameters(), config.workload().timeline()));
    }
}
