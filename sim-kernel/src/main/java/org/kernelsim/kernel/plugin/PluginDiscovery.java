package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.workload.WorkloadPlugin;

/**
 * Finds backends, workloads and kernel modules with {@link ServiceLoader}: on the application classpath, then in
 * every {@code *.jar} of each plugin directory, each jar in its own class loader whose parent
 * shows only the API ({@link ApiOnlyClassLoader}). A broken jar or plugin becomes a warning and
 * the rest still load; two plugins with one name are an error ({@link PluginConflictException}).
 */
public final class PluginDiscovery {

    private static final Logger LOG = LogManager.getLogger(PluginDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** Kernel module names are C identifiers in the kernel (KBUILD_MODNAME): {@code tp_probe_a}. */
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]*");
    private static final List<String> KERNEL_WORKLOAD_KEYS = List.of("type", "timeline");

    private final ClassLoader classpath;
    private final PluginChecker checker;

    /**
     * @param classpath where classpath plugins are looked for (the application class loader in
     *     production; tests pass a loader that sees only their own plugins)
     * @param checker checks options and parameters records against the config rules
     */
    public PluginDiscovery(ClassLoader classpath, PluginChecker checker) {
        this.classpath = requireNonNull(classpath, "classpath");
        this.checker = requireNonNull(checker, "checker");
    }

    /**
     * @param pluginDirs directories whose {@code *.jar} files are plugins; missing ones are skipped
     * @throws PluginConflictException when two plugins of one kind share a name
     */
    public PluginRegistry discover(List<Path> pluginDirs) {
        requireNonNull(pluginDirs, "pluginDirs");
        List<Registered<BackendPlugin>> backends = new ArrayList<>();
        List<Registered<WorkloadPlugin>> workloads = new ArrayList<>();
        List<Registered<KernelModule>> modules = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        load(classpath, PluginSource.CLASSPATH, backends, workloads, modules, warnings);
        for (Path jar : jars(pluginDirs, warnings)) {
            PluginSource source = new PluginSource.Jar(jar);
            URLClassLoader loader;
            try {
                loader = new URLClassLoader("kernelsim-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                        new ApiOnlyClassLoader(BackendPlugin.class.getClassLoader()));
            } catch (MalformedURLException e) {
                warn(warnings, "plugin jar " + jar + ": cannot be opened: " + e.getMessage());
                continue;
            }
            int found = load(loader, source, backends, workloads, modules, warnings);
            if (found == 0) {
                warn(warnings, "plugin jar " + jar + ": provides no usable backend, workload or kernel module "
                        + "(no valid META-INF/services/" + BackendPlugin.class.getName() + ", "
                        + WorkloadPlugin.class.getName() + " or " + KernelModule.class.getName() + " entry)");
            }
        }
        PluginRegistry registry = PluginRegistry.of(backends, workloads, modules, warnings, pluginDirs);
        LOG.debug("plugins: backends {} workloads {} modules {}", registry.backends().keySet(),
                registry.workloads().keySet(), registry.modules().keySet());
        return registry;
    }

    private List<Path> jars(List<Path> dirs, List<String> warnings) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                LOG.debug("plugin directory {} does not exist; skipped", dir);
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                // Sorted, so that discovery (and which duplicate is named first) is the same on every machine.
                entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted().forEach(jars::add);
            } catch (IOException e) {
                warn(warnings, "plugin directory " + dir + ": cannot be listed: " + e.getMessage());
            }
        }
        return jars;
    }

    private int load(ClassLoader loader, PluginSource source, List<Registered<BackendPlugin>> backends,
            List<Registered<WorkloadPlugin>> workloads, List<Registered<KernelModule>> modules, List<String> warnings) {
        int before = backends.size() + workloads.size() + modules.size();
        collect(BackendPlugin.class, loader, source, warnings, this::checkBackend, backends);
        collect(WorkloadPlugin.class, loader, source, warnings, this::checkWorkload, workloads);
        collect(KernelModule.class, loader, source, warnings, PluginDiscovery::checkModule, modules);
        return backends.size() + workloads.size() + modules.size() - before;
    }

    private <T> void collect(Class<T> service, ClassLoader loader, PluginSource source, List<String> warnings,
            BiFunction<T, PluginSource, Registered<T>> check, List<Registered<T>> out) {
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        String where = source instanceof PluginSource.Jar ? "plugin jar " + source.describe() : "classpath";
        // The lazy ServiceLoader iterator reports a bad entry (unreadable service file, missing class,
        // class of the wrong type, failing constructor) from next() and then moves on to the next
        // entry, so one broken provider costs only itself; the bound is a guard against a loop.
        for (int errors = 0; errors < 1000; ) {
            T plugin;
            try {
                if (!it.hasNext()) {
                    return;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                warn(warnings, where + ": " + problem(e));
                errors++;
                continue;
            }
            try {
                out.add(check.apply(plugin, source));
            } catch (RuntimeException | LinkageError e) {
                warn(warnings, where + ": ignoring " + plugin.getClass().getName() + ": " + problem(e));
            }
        }
    }

    private Registered<BackendPlugin> checkBackend(BackendPlugin plugin, PluginSource source) {
        String name = checkName(plugin.name(), plugin.description());
        Class<? extends Record> options = requireNonNull(plugin.optionsType(), "optionsType() returned null");
        checker.check(options, true);
        return new Registered<>(name, plugin, source);
    }

    private Registered<WorkloadPlugin> checkWorkload(WorkloadPlugin plugin, PluginSource source) {
        String name = checkName(plugin.name(), plugin.description());
        Class<? extends Record> params = requireNonNull(plugin.parametersType(), "parametersType() returned null");
        for (var component : params.getRecordComponents()) {
            if (KERNEL_WORKLOAD_KEYS.contains(component.getName())) {
                throw new IllegalArgumentException("parameter '" + component.getName()
                        + "' clashes with the kernel's workload keys " + KERNEL_WORKLOAD_KEYS);
            }
        }
        checker.check(params, false);
        return new Registered<>(name, plugin, source);
    }

    private static Registered<KernelModule> checkModule(KernelModule module, PluginSource source) {
        String name = module.name();
        if (name == null || !MODULE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad kernel module name '" + name
                    + "': a module name is lower case letters, digits, '_' and '-'");
        }
        String description = module.description();
        if (description == null || description.contains("\n")) {
            throw new IllegalArgumentException("kernel module '" + name + "' needs a one-line description");
        }
        return new Registered<>(name, module, source);
    }

    private static String checkName(String name, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad name '" + name + "': a name is lower case letters, digits and '-'");
        }
        if (description == null || description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("'" + name + "' needs a one-line description");
        }
        return name;
    }

    private static String problem(Throwable e) {
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof ServiceConfigurationError) {
            message = e.getMessage();
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return message;
    }

    private static void warn(List<String> warnings, String message) {
        warnings.add(message);
    }
}
