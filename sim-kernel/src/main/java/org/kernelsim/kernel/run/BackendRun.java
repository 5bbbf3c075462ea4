package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.kernel.plugin.PluginSource;

/** One machine to boot: a backend, where it came from, and its options (defaults filled in). */
public record BackendRun(String name, BackendPlugin plugin, PluginSource source, Record options) {
    public BackendRun {
        requireNonNull(name, "name");
        requireNonNull(plugin, "plugin");
        requireNonNull(source, "source");
        requireNonNull(options, "options");
    }
}
