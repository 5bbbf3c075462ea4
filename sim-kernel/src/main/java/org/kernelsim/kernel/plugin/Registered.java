package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

/** A discovered plugin and where it came from. */
public record Registered<T>(String name, T plugin, PluginSource source) {
    public Registered {
        requireNonNull(name, "name");
        requireNonNull(plugin, "plugin");
        requireNonNull(source, "source");
    }

    /** "/path/x.jar (com.example.XPlugin)": enough to find the culprit of a clash. */
    String describe() {
        return source.describe() + " (" + plugin.getClass().getName() + ")";
    }
}
