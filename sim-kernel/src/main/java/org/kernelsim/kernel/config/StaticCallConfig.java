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
 * which checks every name against the plugin registry and the config's own variants.
 *
 * @param backend the one backend (or variant) to run; with {@code compare} it is the baseline and must be one of them
 * @param compare backends (or variants) to run one after another on identical machines, reported side by side
 * @param options options per backend name, typed by each plugin; every backend that runs under its own name has an entry
 * @param variants named option sets of a backend, usable wherever a backend name is; every variant's options have
 *     their defaults filled in
 */
public record StaticCallConfig(
        @Param(description = "the backend to run (a name `./sim backends` lists, or a variant); with compare: the "
                + "baseline, which must be one of the compared backends", defaultValue = "null")
        Optional<String> backend,
        @Param(description = "backends (or variants) to run on identical machines and report side by side",
                defaultValue = "[]")
        List<String> compare,
        @Param(description = "options per backend name; the keys are typed by each backend (see ./sim backends)",
                defaultValue = "{}")
        Map<String, Record> options,
        @Param(description = "named variants: a backend with its own options, run and reported under the variant's "
                + "name", defaultValue = "{}")
        Map<String, Variant> variants) {

    /**
     * {@code staticCall.variants.<name>}: a backend run with options of its own, under a name of its own
     * (e.g. {@code ool-branch-stub: { backend: ool-branch, options: { nullAs: stub } }}).
     *
     * @param backend the backend it configures (a real backend, not another variant)
     * @param options that backend's options record, defaults filled in
     */
    public record Variant(
            @Param(description = "the backend this variant runs (a name `./sim backends` lists)")
            String backend,
            @Param(description = "the backend's options for this variant, typed by the backend", defaultValue = "{}")
            Record options) {
        public Variant {
            requireNonNull(backend, "backend");
            requireNonNull(options, "options");
        }
    }

    public StaticCallConfig {
        requireNonNull(backend, "backend");
        compare = List.copyOf(compare);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        variants = Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        if (backend.isEmpty() && compare.isEmpty()) {
            throw new IllegalArgumentException("needs 'backend' (one backend) or 'compare' (a list of backends)");
        }
    }

    /** Without variants. */
    public StaticCallConfig(Optional<String> backend, List<String> compare, Map<String, Record> options) {
        this(backend, compare, options, Map.of());
    }

    /** The backends (or variants) to run, in order: {@code compare} when given, else {@code backend}. */
    public List<String> runs() {
        return compare.isEmpty() ? List.of(backend.orElseThrow()) : compare;
    }

    /** The backend plugin that implements run {@code name}: the variant's backend, or {@code name} itself. */
    public String implementation(String name) {
        Variant v = variants.get(name);
        return v == null ? name : v.backend();
    }

    /** The effective options of run {@code name} (a variant's own, or {@code options.<name>}); empty if unknown. */
    public Optional<Record> optionsOf(String name) {
        Variant v = variants.get(name);
        return Optional.ofNullable(v == null ? options.get(name) : v.options());
    }
}
