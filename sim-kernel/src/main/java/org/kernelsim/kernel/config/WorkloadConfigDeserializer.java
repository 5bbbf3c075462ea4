package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.kernel.plugin.PluginRegistry;

/**
 * Reads {@code workload}: {@code type} picks the plugin, whose parameters record types the
 * remaining keys (besides the kernel's {@code timeline}). The type is found by a scan before
 * binding ({@link ConfigBinder}), so it may be written anywhere in the mapping and errors in
 * the other keys still point at their own lines.
 */
final class WorkloadConfigDeserializer extends JsonDeserializer<WorkloadConfig> {

    /** Context attribute: the {@code workload.type} found by the scan (absent when not written). */
    static final String TYPE_ATTRIBUTE = "kernelsim.workload.type";

    private final PluginRegistry registry;
    private final DefaultValues defaults;

    WorkloadConfigDeserializer(PluginRegistry registry, DefaultValues defaults) {
        this.registry = requireNonNull(registry, "registry");
        this.defaults = requireNonNull(defaults, "defaults");
    }

    @Override
    public WorkloadConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            throw Tokens.wrongType(p, "a mapping with a 'type'");
        }
        String type = (String) ctxt.getAttribute(TYPE_ATTRIBUTE);
        String path = ConfigPath.ofValue(p);
        if (type == null) {
            throw ConfigException.at(p.currentTokenLocation(), "missing required key 'type' "
                    + ConfigPath.where(path) + "; " + registry.knownWorkloads());
        }
        WorkloadPlugin plugin = registry.workload(type)
                .orElseThrow(() -> new IllegalStateException("workload type '" + type + "' was not checked"))
                .plugin();
        RecordShape shape = RecordShape.of(plugin.parametersType());
        List<String> keys = new ArrayList<>(List.of("type", "timeline"));
        keys.addAll(shape.keys());
        JavaType timelineType = ctxt.getTypeFactory().constructCollectionType(List.class, TimelineEvent.class);
        MappingReader.Mapping m = MappingReader.read(p, keys, " (type " + type + ")", (key, parser) -> switch (key) {
            case "type" -> ctxt.readValue(parser, String.class);
            case "timeline" -> ctxt.readValue(parser, timelineType);
            default -> shape.readValue(key, parser, ctxt);
        });
        @SuppressWarnings("unchecked")
        List<TimelineEvent> timeline = (List<TimelineEvent>) m.values().getOrDefault("timeline", List.of());
        return new WorkloadConfig(type, timeline, shape.build(m, ctxt, defaults));
    }
}
