package org.kernelsim.api.module;

import java.util.Map;

/**
 * A module in memory. {@code near} tells whether it was placed within BL range (128 MiB) of the
 * whole image; {@code plts} is the number of PLT veneers its branches needed.
 */
public record LoadedModule(String name, long base, long size, boolean near, int plts, Map<String, Long> sections) {
    public LoadedModule {
        sections = Map.copyOf(sections);
    }
}
