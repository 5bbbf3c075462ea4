package org.kernelsim.kernel.backends;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.plugin.PluginDiscovery;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.plugin.PluginSource;
import org.kernelsim.kernel.plugin.Registered;
import org.kernelsim.kernel.plugin.TestPlugins;

/**
 * The built-in backends as the kernel finds them (ServiceLoader over the test class path, where
 * sim-plugins sits at runtime scope), with options read from config text by the strict config
 * reader, exactly as {@code staticCall.options.<name>} would be.
 */
final class BuiltIns {

    static final List<String> NAMES = List.of("cfi-ret0", "generic", "ool-branch", "ool-literal");

    private static PluginRegistry registry;

    private BuiltIns() {
    }

    static synchronized PluginRegistry discovered() {
        if (registry == null) {
            registry = new PluginDiscovery(BuiltIns.class.getClassLoader(), ConfigLoader.pluginChecker())
                    .discover(List.of());
        }
        return registry;
    }

    static BackendPlugin plugin(String name) {
        return discovered().backend(name).orElseThrow(() -> new AssertionError("no backend " + name + " found; "
                + discovered().knownBackends())).plugin();
    }

    /** {@code staticCall.options.<name>: <yaml>} read strictly; {@code "{}"} gives the defaults. */
    static Record options(String name, String yaml) {
        List<Registered<BackendPlugin>> backends = new ArrayList<>(discovered().backends().values());
        List<Registered<WorkloadPlugin>> workloads = List.of(
                new Registered<>("selftest", TestPlugins.SELFTEST, PluginSource.CLASSPATH));
        PluginRegistry r = PluginRegistry.of(backends, workloads, List.of(), List.of());
        SimConfig c = new ConfigLoader(r).read("schemaVersion: 1\nstaticCall:\n  backend: " + name + "\n  options:\n    "
                + name + ": " + yaml + "\nworkload: { type: selftest }\n", "test.yaml", ConfigLoader.Format.YAML);
        return c.staticCall().options().get(name);
    }

    static SimKernel boot(MachineSpec spec, String name, String optionsYaml) {
        return Machines.boot(spec, plugin(name).module(options(name, optionsYaml)));
    }

    static SimKernel boot(MachineSpec spec, String name) {
        return boot(spec, name, "{}");
    }

    static Map<String, String> descriptions() {
        Map<String, String> m = new java.util.TreeMap<>();
        discovered().backends().forEach((n, r) -> m.put(n, r.plugin().description()));
        return m;
    }

}
