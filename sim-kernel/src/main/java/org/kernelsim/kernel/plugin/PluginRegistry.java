package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.workload.WorkloadPlugin;

/**
 * Every backend, workload and kernel module found, by name: the one place that decides whether a
 * name is known and words the error when it is not (the config reader, the runner and the CLI all
 * ask here).
 */
public final class PluginRegistry {

    private final SortedMap<String, Registered<BackendPlugin>> backends;
    private final SortedMap<String, Registered<WorkloadPlugin>> workloads;
    private final SortedMap<String, Registered<KernelModule>> modules;
    private final List<String> warnings;
    private final List<Path> searched;

    private PluginRegistry(SortedMap<String, Registered<BackendPlugin>> backends,
            SortedMap<String, Registered<WorkloadPlugin>> workloads, SortedMap<String, Registered<KernelModule>> modules,
            List<String> warnings, List<Path> searched) {
        this.backends = Collections.unmodifiableSortedMap(backends);
        this.workloads = Collections.unmodifiableSortedMap(workloads);
        this.modules = Collections.unmodifiableSortedMap(modules);
        this.warnings = List.copyOf(warnings);
        this.searched = List.copyOf(searched);
    }

    /**
     * @param warnings problems with plugins that were skipped (broken jars), kept for the CLI to show
     * @param searched the plugin directories looked in, for "nothing installed" messages
     * @throws PluginConflictException when two plugins of one kind share a name
     */
    public static PluginRegistry of(List<Registered<BackendPlugin>> backends, List<Registered<WorkloadPlugin>> workloads,
            List<Registered<KernelModule>> modules, List<String> warnings, List<Path> searched) {
        return new PluginRegistry(byName("backend", backends), byName("workload", workloads),
                byName("kernel module", modules), requireNonNull(warnings, "warnings"),
                requireNonNull(searched, "searched"));
    }

    /** A registry without kernel modules (tests of backends and workloads alone). */
    public static PluginRegistry of(List<Registered<BackendPlugin>> backends, List<Registered<WorkloadPlugin>> workloads,
            List<String> warnings, List<Path> searched) {
        return of(backends, workloads, List.of(), warnings, searched);
    }

    public static PluginRegistry empty() {
        return of(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static <T> SortedMap<String, Registered<T>> byName(String kind, List<Registered<T>> plugins) {
        SortedMap<String, Registered<T>> map = new TreeMap<>();
        for (Registered<T> plugin : plugins) {
            Registered<T> earlier = map.putIfAbsent(plugin.name(), plugin);
            if (earlier != null) {
                throw new PluginConflictException(kind + " name '" + plugin.name() + "' is claimed twice: by "
                        + earlier.describe() + " and by " + plugin.describe() + "; remove one of them");
            }
        }
        return map;
    }

    public SortedMap<String, Registered<BackendPlugin>> backends() {
        return backends;
    }

    public SortedMap<String, Registered<WorkloadPlugin>> workloads() {
        return workloads;
    }

    /** Kernel modules ({@link KernelModule}) by name; a workload may generate more of its own. */
    public SortedMap<String, Registered<KernelModule>> modules() {
        return modules;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Optional<Registered<BackendPlugin>> backend(String name) {
        return Optional.ofNullable(backends.get(requireNonNull(name, "name")));
    }

    public Optional<Registered<WorkloadPlugin>> workload(String name) {
        return Optional.ofNullable(workloads.get(requireNonNull(name, "name")));
    }

    public Optional<Registered<KernelModule>> module(String name) {
        return Optional.ofNullable(modules.get(requireNonNull(name, "name")));
    }

    /** "known modules: a, b", or why there are none. */
    public String knownModules() {
        return known("modules", modules.keySet(), "kernel module");
    }

    /** "unknown backend 'x' in 'staticCall.backend'; known backends: a, b" (or why none are known). */
    public String unknownBackend(String name, String where) {
        return "unknown backend '" + name + "'" + in(where) + "; " + known("backends", backends.keySet(), "backend");
    }

    /** "unknown workload type 'x' in 'workload.type'; known workload types: a, b" (or why none are known). */
    public String unknownWorkload(String name, String where) {
        return "unknown workload type '" + name + "'" + in(where) + "; "
                + known("workload types", workloads.keySet(), "workload");
    }

    /** "known backends: a, b", or why there are none. */
    public String knownBackends() {
        return known("backends", backends.keySet(), "backend");
    }

    /** "known workload types: a, b", or why there are none. */
    public String knownWorkloads() {
        return known("workload types", workloads.keySet(), "workload");
    }

    private static String in(String where) {
        return where.isEmpty() ? "" : " in '" + where + "'";
    }

    private String known(String what, java.util.Set<String> names, String kind) {
        if (!names.isEmpty()) {
            return "known " + what + ": " + String.join(", ", names);
        }
        String dirs = searched.isEmpty() ? "" : " or in " + searched.stream().map(Path::toString)
                .collect(Collectors.joining(", "));
        return "no " + kind + " plugins are installed (none found on the classpath" + dirs + ")";
    }
}
