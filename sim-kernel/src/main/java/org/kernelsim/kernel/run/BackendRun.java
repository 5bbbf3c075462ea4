package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.kernel.plugin.PluginSource;

/**
 * One machine to boot: the run's name (a backend's, or a config variant's), the backend plugin,
 * where it came from, and its options (defaults filled in).
 */
public record BackendRun(String name, BackendPlugin plugin, PluginSource source, Record options) {
    public BackendRun {
        requireNonNull(name, "name");
        requireNonNull(plugin, "plugin");
        requireNonNull(source, "source");
        requireNonNull(options, "options");
    }

    /** The backend that implements this run (its plugin's name; differs from {@link #name} for a variant). */
    public String implementation() {
        return plugin.name();
    }
}
