package org.kernelsim.kernel.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import org.kernelsim.api.plugin.ParameterInfo;

/**
 * Writes a config back as YAML exactly as {@link ConfigLoader} reads it (keys in declaration
 * order, enums and sizes in their config spelling, absent optionals as null), so that the
 * effective config printed by {@code ./sim check} is itself a valid config.
 */
public final class ConfigWriter {

    private final ObjectMapper mapper;

    public ConfigWriter() {
        SimpleModule module = new SimpleModule("kernelsim-config-writer") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new ConfigSerializers());
            }
        };
        this.mapper = new YAMLMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build())
                .registerModule(module);
    }

    /** The YAML text of {@code value} (a {@link SimConfig} or any config record). */
    public String toYaml(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ConfigSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            if (raw == WorkloadConfig.class) {
                return WORKLOAD;
            }
            if (raw == Size.class) {
                return SIZE;
            }
            if (raw == TimelineEvent.class) {
                return TIMELINE_EVENT;
            }
            if (raw == Optional.class) {
                return OPTIONAL;
            }
            if (raw.isEnum() || raw.getSuperclass() != null && raw.getSuperclass().isEnum()) {
                return ENUM;
            }
            if (raw.isRecord()) {
                return RECORD;
            }
            return null;
        }
    }

    private static final JsonSerializer<Object> RECORD = new JsonSerializer<>() {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            writeComponents((Record) value, gen, serializers);
            gen.writeEndObject();
        }
    };

    /** The kernel's keys, then the workload plugin's, flat in one mapping as in the file. */
    private static final JsonSerializer<WorkloadConfig> WORKLOAD = new JsonSerializer<>() {
        @Override
        public void serialize(WorkloadConfig value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeStartObject();
            gen.writeStringField("type", value.type());
            writeComponents(value.parameters(), gen, serializers);
            gen.writeFieldName("timeline");
            serializers.defaultSerializeValue(value.timeline(), gen);
            gen.writeEndObject();
        }
    };

    private static void writeComponents(Record value, JsonGenerator gen, SerializerProvider serializers)
            throws IOException {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object v;
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
            gen.writeFieldName(component.getName());
            serializers.defaultSerializeValue(v, gen);
        }
    }

    /**
     * {@code {at, load}} or {@code {at, unload}}: an event has exactly one of the two, so the
     * absent one is left out rather than written as null (it is not a default to fill in).
     */
    private static final JsonSerializer<TimelineEvent> TIMELINE_EVENT = new JsonSerializer<>() {
        @Override
        public void serialize(TimelineEvent value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("at", value.at());
            if (value.load().isPresent()) {
                gen.writeStringField("load", value.load().get());
            } else {
                gen.writeStringField("unload", value.unload().orElseThrow());
            }
            gen.writeEndObject();
        }
    };

    private static final JsonSerializer<Size> SIZE = new JsonSerializer<>() {
        @Override
        public void serialize(Size value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            String text = value.toString();
            if (text.chars().allMatch(Character::isDigit)) {
                gen.writeNumber(value.bytes());
            } else {
                gen.writeString(text);
            }
        }
    };

    private static final JsonSerializer<Optional<?>> OPTIONAL = new JsonSerializer<>() {
        @Override
        public void serialize(Optional<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            serializers.defaultSerializeValue(value.orElse(null), gen);
        }
    };

    private static final JsonSerializer<Enum<?>> ENUM = new JsonSerializer<>() {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(ParameterInfo.configName(value));
        }
    };
}
