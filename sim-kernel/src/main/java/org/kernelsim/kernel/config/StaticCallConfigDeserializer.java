package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.kernel.plugin.PluginRegistry;

/**
 * Reads {@code staticCall}: {@code options.<name>} is read into that backend's own options record,
 * and {@code variants.<name>.options} into its backend's, so a misspelt option is reported with the
 * backend's valid keys. Names in {@code backend} and {@code compare} may be backends or variants;
 * they are checked once the whole mapping is read (variants may be written after their use), each at
 * the place it is written.
 */
final class StaticCallConfigDeserializer extends JsonDeserializer<StaticCallConfig> {

    /**
     * The {@code backend} of each {@code staticCall.variants.<name>}, found by {@link ConfigBinder}'s scan
     * before binding, so that a variant's {@code options} can be typed wherever its {@code backend} is written.
     */
    static final String VARIANT_BACKENDS_ATTRIBUTE = "kernelsim.staticCall.variantBackends";

    private static final List<String> KEYS = RecordShape.of(StaticCallConfig.class).keys();
    private static final List<String> VARIANT_KEYS = RecordShape.of(StaticCallConfig.Variant.class).keys();

    private final PluginRegistry registry;
    private final ConfigBinder binder;

    StaticCallConfigDeserializer(PluginRegistry registry, ConfigBinder binder) {
        this.registry = requireNonNull(registry, "registry");
        this.binder = requireNonNull(binder, "binder");
    }

    /** A backend-or-variant name as written, and where, for checks once the variants are known. */
    private record Name(String name, String path, JsonLocation at) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public StaticCallConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        MappingReader.Mapping m = MappingReader.read(p, KEYS, "", (key, parser) -> switch (key) {
            case "backend" -> parser.currentToken() == JsonToken.VALUE_NULL
                    ? Optional.empty() : Optional.of(name(parser, ctxt));
            case "compare" -> compare(parser, ctxt);
            case "options" -> options(parser, ctxt);
            default -> variants(parser, ctxt);
        });
        Optional<Name> backendName = (Optional<Name>) m.values().getOrDefault("backend", Optional.empty());
        List<Name> compareNames = (List<Name>) m.values().getOrDefault("compare", List.of());
        Map<String, Record> given = (Map<String, Record>) m.values().getOrDefault("options", Map.of());
        Map<String, StaticCallConfig.Variant> variants =
                (Map<String, StaticCallConfig.Variant>) m.values().getOrDefault("variants", Map.of());
        backendName.ifPresent(n -> checkRunnable(n, variants));
        compareNames.forEach(n -> checkRunnable(n, variants));
        Optional<String> backend = backendName.map(Name::name);
        List<String> compare = compareNames.stream().map(Name::name).toList();
        String path = m.path();
        if (backend.isEmpty() && compare.isEmpty()) {
            throw ConfigException.at(m.start(), "'" + path + "' needs 'backend' (one backend) or 'compare' "
                    + "(a list of backends)");
        }
        if (backend.isPresent() && !compare.isEmpty() && !compare.contains(backend.get())) {
            throw ConfigException.at(m.locations().get("backend"), "backend '" + backend.get() + "' is not in '"
                    + ConfigPath.child(path, "compare") + "'; with both given, 'backend' names the baseline "
                    + "and must be one of the compared backends");
        }
        // Every backend that runs under its own name gets its options, defaults filled in, first in
        // run order; a variant carries its own.
        Map<String, Record> options = new LinkedHashMap<>();
        List<String> runs = compare.isEmpty() ? List.of(backend.orElseThrow()) : compare;
        for (String name : runs) {
            if (variants.containsKey(name)) {
                continue;
            }
            BackendPlugin plugin = registry.backend(name).orElseThrow().plugin();
            options.put(name, given.containsKey(name) ? given.get(name) : binder.defaultsOf(plugin.optionsType(), ctxt));
        }
        given.forEach(options::putIfAbsent);
        return new StaticCallConfig(backend, compare, options, variants);
    }

    private static Name name(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        String path = ConfigPath.ofValue(p);
        return new Name((String) ctxt.readValue(p, String.class), path, at);
    }

    private void checkRunnable(Name n, Map<String, StaticCallConfig.Variant> variants) {
        if (registry.backend(n.name()).isEmpty() && !variants.containsKey(n.name())) {
            String known = variants.isEmpty() ? "" : "; variants: " + String.join(", ", variants.keySet());
            throw ConfigException.at(n.at(), registry.unknownBackend(n.name(), n.path()) + known);
        }
    }

    private static List<Name> compare(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Tokens.wrongType(p, "a list of backend names");
        }
        List<Name> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentTokenLocation();
            Name name = name(p, ctxt);
            if (names.stream().anyMatch(n -> n.name().equals(name.name()))) {
                throw ConfigException.at(at, "backend '" + name.name() + "' is listed twice in '"
                        + ConfigPath.ofMapping(p) + "'");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private Map<String, Record> options(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Tokens.wrongType(p, "a mapping from backend name to that backend's options");
        }
        String path = ConfigPath.ofValue(p);
        Map<String, Record> options = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            if (options.containsKey(name)) {
                throw ConfigException.at(at, "duplicate key '" + name + "' in '" + path + "'");
            }
            BackendPlugin plugin = registry.backend(name)
                    .orElseThrow(() -> ConfigException.at(at, registry.unknownBackend(name, path)
                            + (variantBackends(ctxt).containsKey(name) ? "; '" + name + "' is a variant, whose "
                                    + "options go in '" + ConfigPath.child(path.contains(".")
                                    ? path.substring(0, path.lastIndexOf('.')) : "", "variants") + "."
                                    + name + ".options'" : "")))
                    .plugin();
            p.nextToken();
            options.put(name, (Record) ctxt.readValue(p, plugin.optionsType()));
        }
        return options;
    }

    private Map<String, StaticCallConfig.Variant> variants(JsonParser p, DeserializationContext ctxt)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Tokens.wrongType(p, "a mapping from variant name to { backend, options }");
        }
        String path = ConfigPath.ofValue(p);
        Map<String, StaticCallConfig.Variant> variants = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            if (variants.containsKey(name)) {
                throw ConfigException.at(at, "duplicate key '" + name + "' in '" + path + "'");
            }
            if (registry.backend(name).isPresent()) {
                throw ConfigException.at(at, "variant '" + name + "' in '" + path + "' has the name of a backend; "
                        + "a variant needs a name of its own (" + registry.knownBackends() + ")");
            }
            p.nextToken();
            variants.put(name, variant(p, ctxt, name));
        }
        return variants;
    }

    private StaticCallConfig.Variant variant(JsonParser p, DeserializationContext ctxt, String name)
            throws IOException {
        // The scan found this variant's backend, so options written before it can still be typed.
        Optional<BackendPlugin> scanned = Optional.ofNullable(variantBackends(ctxt).get(name))
                .flatMap(registry::backend).map(r -> r.plugin());
        MappingReader.Mapping m = MappingReader.read(p, VARIANT_KEYS, "", (key, parser) -> {
            if (key.equals("backend")) {
                Name backend = name(parser, ctxt);
                if (registry.backend(backend.name()).isEmpty()) {
                    throw ConfigException.at(backend.at(), registry.unknownBackend(backend.name(), backend.path())
                            + "; a variant configures a backend, not another variant");
                }
                return backend.name();
            }
            if (scanned.isEmpty()) {
                parser.skipChildren(); // the missing or unknown backend is the error, reported below
                return null;
            }
            return ctxt.readValue(parser, scanned.get().optionsType());
        });
        String backend = (String) m.values().get("backend");
        if (backend == null) {
            throw ConfigException.at(m.start(), "missing required key 'backend' " + ConfigPath.where(m.path())
                    + "; a variant names the backend it configures (" + registry.knownBackends() + ")");
        }
        Record options = (Record) m.values().get("options");
        if (options == null) {
            options = binder.defaultsOf(registry.backend(backend).orElseThrow().plugin().optionsType(), ctxt);
        }
        return new StaticCallConfig.Variant(backend, options);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variantBackends(DeserializationContext ctxt) {
        Object scanned = ctxt.getAttribute(VARIANT_BACKENDS_ATTRIBUTE);
        return scanned == null ? Map.of() : (Map<String, String>) scanned;
    }
}
