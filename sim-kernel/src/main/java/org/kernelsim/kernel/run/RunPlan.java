package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.workload.WorkloadPlugin;
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
 * @param modules the kernel modules every machine is built with: those the config lists, then those
 *     the workload requires, then those it generates
 */
public record RunPlan(Path configFile, SimConfig config, List<BackendRun> backends, Optional<String> baseline,
        WorkloadRun workload, List<KernelModule> modules) {

    public RunPlan {
        requireNonNull(configFile, "configFile");
        requireNonNull(config, "config");
        backends = List.copyOf(backends);
        requireNonNull(baseline, "baseline");
        requireNonNull(workload, "workload");
        modules = List.copyOf(modules);
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
                workload.source(), config.workload().parameters(), config.workload().timeline()),
                modules(config, workload.plugin(), registry));
    }

    /** The registry's modules and the workload's own (which win) by name, picked as the config asks. */
    private static List<KernelModule> modules(SimConfig config, WorkloadPlugin workload, PluginRegistry registry) {
        Record parameters = config.workload().parameters();
        Map<String, KernelModule> known = new LinkedHashMap<>();
        registry.modules().forEach((name, r) -> known.put(name, r.plugin()));
        List<KernelModule> generated = workload.generatedModules(parameters);
        generated.forEach(m -> known.put(m.name(), m));
        List<String> names = new ArrayList<>(config.modules());
        workload.requiredModules(parameters).stream().filter(n -> !names.contains(n)).forEach(names::add);
        generated.stream().map(KernelModule::name).filter(n -> !names.contains(n)).forEach(names::add);
        return names.stream().map(n -> {
            KernelModule m = known.get(n);
            if (m == null) {
                throw new IllegalStateException("kernel module '" + n + "' was not checked; " + registry.knownModules());
            }
            return m;
        }).toList();
    }
}
