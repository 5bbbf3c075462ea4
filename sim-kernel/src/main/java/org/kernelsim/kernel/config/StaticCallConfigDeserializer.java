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
 * Reads {@code staticCall}: backend names are checked against the registry where they are
 * written, and {@code options.<name>} is read into that backend's own options record, so a
 * misspelt option is reported with the backend's valid keys.
 */
final class StaticCallConfigDeserializer extends JsonDeserializer<StaticCallConfig> {

    private static final List<String> KEYS = RecordShape.of(StaticCallConfig.class).keys();

    private final PluginRegistry registry;
    private final ConfigBinder binder;

    StaticCallConfigDeserializer(PluginRegistry registry, ConfigBinder binder) {
        this.registry = requireNonNull(registry, "registry");
        this.binder = requireNonNull(binder, "binder");
    }

    @Override
    @SuppressWarnings("unchecked")
    public StaticCallConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        MappingReader.Mapping m = MappingReader.read(p, KEYS, "", (key, parser) -> switch (key) {
            case "backend" -> parser.currentToken() == JsonToken.VALUE_NULL
                    ? Optional.empty() : Optional.of(backendName(parser, ctxt));
            case "compare" -> compare(parser, ctxt);
            default -> options(parser, ctxt);
        });
        Optional<String> backend = (Optional<String>) m.values().getOrDefault("backend", Optional.empty());
        List<String> compare = (List<String>) m.values().getOrDefault("compare", List.of());
        Map<String, Record> given = (Map<String, Record>) m.values().getOrDefault("options", Map.of());
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
        // Every backend that runs gets its options, defaults filled in, first in run order.
        Map<String, Record> options = new LinkedHashMap<>();
        List<String> runs = compare.isEmpty() ? List.of(backend.orElseThrow()) : compare;
        for (String name : runs) {
            BackendPlugin plugin = registry.backend(name).orElseThrow().plugin();
            options.put(name, given.containsKey(name) ? given.get(name) : binder.defaultsOf(plugin.optionsType(), ctxt));
        }
        given.forEach(options::putIfAbsent);
        return new StaticCallConfig(backend, compare, options);
    }

    private String backendName(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        String path = ConfigPath.ofValue(p);
        String name = (String) ctxt.readValue(p, String.class);
        if (registry.backend(name).isEmpty()) {
            throw ConfigException.at(at, registry.unknownBackend(name, path));
        }
        return name;
    }

    private List<String> compare(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Tokens.wrongType(p, "a list of backend names");
        }
        List<String> names = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentTokenLocation();
            String name = backendName(p, ctxt);
            if (names.contains(name)) {
                throw ConfigException.at(at, "backend '" + name + "' is listed twice in '"
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
                    .orElseThrow(() -> ConfigException.at(at, registry.unknownBackend(name, path)))
                    .plugin();
            p.nextToken();
            options.put(name, (Record) ctxt.readValue(p, plugin.optionsType()));
        }
        return options;
    }
}
