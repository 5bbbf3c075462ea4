package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.plugin.Param;

/**
 * Which backends run ({@code staticCall} in the config). Read by {@link StaticCallConfigDeserializer},
 * which checks every name against the plugin registry.
 *
 * @param backend the one backend to run; with {@code compare} it is the baseline and must be one of them
 * @param compare backends to run one after another on identical machines, reported side by side
 * @param options options per backend name, typed by each plugin; every backend that runs has an entry
 */
public record StaticCallConfig(
        @Param(description = "the backend to run (a name `./sim backends` lists); with compare: the baseline, "
                + "which must be one of the compared backends", defaultValue = "null")
        Optional<String> backend,
        @Param(description = "backends to run on identical machines and report side by side", defaultValue = "[]")
        List<String> compare,
        @Param(description = "options per backend name; the keys are typed by each backend (see ./sim backends)",
                defaultValue = "{}")
        Map<String, Record> options) {

    public StaticCallConfig {
        requireNonNull(backend, "backend");
        compare = List.copyOf(compare);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if (backend.isEmpty() && compare.isEmpty()) {
            throw new IllegalArgumentException("needs 'backend' (one backend) or 'compare' (a list of backends)");
        }
    }

    /** The backends to run, in order: {@code compare} when given, else {@code backend}. */
    public List<String> runs() {
        return compare.isEmpty() ? List.of(backend.orElseThrow()) : compare;
    }
}
