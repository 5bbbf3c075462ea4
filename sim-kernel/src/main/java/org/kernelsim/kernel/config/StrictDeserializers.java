package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kernelsim.api.plugin.ParameterInfo;

/**
 * The config's own deserializers for every type a config (or a plugin's options record) may use.
 * Jackson's stock ones coerce quietly ("4" into 4, 1 into true, a scalar into a one-element
 * list) and word errors for programmers; these accept exactly one shape per type, report
 * file:line:column with the key's path, and build immutable values.
 */
final class StrictDeserializers extends Deserializers.Base {

    /**
     * Context attribute: a mutable {@code Map<String, JsonLocation>} that the string reader fills
     * with the location of every string value by its path ({@code modules[0]}), for checks that
     * need the whole config before they can judge a value (module names, {@link ModuleCheck}).
     */
    static final String STRING_LOCATIONS = "kernelsim.string.locations";

    private final Map<Class<?>, JsonDeserializer<?>> special;
    private final DefaultValues defaults;

    /**
     * @param special deserializers for config types that need more than the generic record reader
     *     (those that consult the plugin registry)
     */
    StrictDeserializers(Map<Class<?>, JsonDeserializer<?>> special, DefaultValues defaults) {
        this.special = Map.copyOf(requireNonNull(special, "special"));
        this.defaults = requireNonNull(defaults, "defaults");
    }

    @Override
    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
            BeanDescription beanDesc) {
        Class<?> raw = type.getRawClass();
        JsonDeserializer<?> specific = special.get(raw);
        if (specific != null) {
            return specific;
        }
        if (raw == int.class || raw == Integer.class) {
            return INT;
        }
        if (raw == long.class || raw == Long.class) {
            return LONG;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return BOOLEAN;
        }
        if (raw == double.class || raw == Double.class) {
            return DOUBLE;
        }
        if (raw == String.class) {
            return STRING;
        }
        if (raw == Size.class) {
            return SIZE;
        }
        if (raw == Optional.class) {
            return new OptionalDeserializer(type.containedTypeOrUnknown(0));
        }
        if (raw.isRecord()) {
            return new RecordDeserializer(RecordShape.of(raw), defaults);
        }
        return null;
    }

    @Override
    public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
            BeanDescription beanDesc) {
        return new EnumDeserializer(type);
    }

    @Override
    public JsonDeserializer<?> findCollectionDeserializer(CollectionType type, DeserializationConfig config,
            BeanDescription beanDesc, TypeDeserializer elementTypeDeserializer,
            JsonDeserializer<?> elementDeserializer) {
        Class<?> raw = type.getRawClass();
        if (raw == List.class || raw == Collection.class) {
            return new ListDeserializer(type.getContentType());
        }
        return null;
    }

    @Override
    public JsonDeserializer<?> findMapDeserializer(MapType type, DeserializationConfig config,
            BeanDescription beanDesc, KeyDeserializer keyDeserializer, TypeDeserializer elementTypeDeserializer,
            JsonDeserializer<?> elementDeserializer) {
        if (type.getRawClass() == Map.class && type.getKeyType().getRawClass() == String.class) {
            return new MapDeserializer(type.getContentType());
        }
        return null;
    }

    private static final JsonDeserializer<Integer> INT = new JsonDeserializer<>() {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw Tokens.wrongType(p, "an integer");
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw Tokens.wrongType(p, "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            return p.getIntValue();
        }
    };

    private static final JsonDeserializer<Long> LONG = new JsonDeserializer<>() {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw Tokens.wrongType(p, "an integer");
            }
            JsonParser.NumberType numberType = p.getNumberType();
            if (numberType != JsonParser.NumberType.INT && numberType != JsonParser.NumberType.LONG) {
                throw Tokens.wrongType(p, "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
            }
            return p.getLongValue();
        }
    };

    private static final JsonDeserializer<Boolean> BOOLEAN = new JsonDeserializer<>() {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if ((token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) || Tokens.isYamlWord(p)) {
                throw Tokens.wrongType(p, "true or false");
            }
            return token == JsonToken.VALUE_TRUE;
        }
    };

    private static final JsonDeserializer<Double> DOUBLE = new JsonDeserializer<>() {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw Tokens.wrongType(p, "a number");
            }
            return p.getDoubleValue();
        }
    };

    private static final JsonDeserializer<String> STRING = new JsonDeserializer<>() {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING && !Tokens.isYamlWord(p)) {
                throw Tokens.wrongType(p, "a string");
            }
            if (ctxt.getAttribute(STRING_LOCATIONS) instanceof Map<?, ?> locations) {
                @SuppressWarnings("unchecked")
                Map<String, JsonLocation> byPath = (Map<String, JsonLocation>) locations;
                byPath.put(ConfigPath.ofValue(p), p.currentTokenLocation());
            }
            return p.getText();
        }
    };

    private static final JsonDeserializer<Size> SIZE = new JsonDeserializer<>() {
        @Override
        public Size deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                    && p.getLongValue() >= 0) {
                return Size.ofBytes(p.getLongValue());
            }
            if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT
                    || token == JsonToken.VALUE_NUMBER_FLOAT) {
                Optional<Size> size = token == JsonToken.VALUE_STRING ? Size.parse(p.getText()) : Optional.empty();
                if (size.isPresent()) {
                    return size.get();
                }
                throw ConfigException.at(p.currentTokenLocation(), "bad size '" + p.getText() + "' for '"
                        + ConfigPath.ofValue(p) + "'; a size is " + Size.FORMS);
            }
            throw Tokens.wrongType(p, "a size: " + Size.FORMS);
        }
    };

    /** Enums by their one config spelling ({@link ParameterInfo#configName}), case-sensitively. */
    private static final class EnumDeserializer extends JsonDeserializer<Object> {
        private final Map<String, Object> byName;

        EnumDeserializer(Class<?> type) {
            Map<String, Object> names = new LinkedHashMap<>();
            for (Object constant : type.getEnumConstants()) {
                names.put(ParameterInfo.configName((Enum<?>) constant), constant);
            }
            this.byName = Collections.unmodifiableMap(names);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String valid = String.join(", ", byName.keySet());
            if (p.currentToken() != JsonToken.VALUE_STRING && !Tokens.isYamlWord(p)) {
                throw Tokens.wrongType(p, "one of " + valid);
            }
            Object constant = byName.get(p.getText());
            if (constant == null) {
                throw ConfigException.at(p.currentTokenLocation(), "bad value '" + p.getText() + "' for '"
                        + ConfigPath.ofValue(p) + "'; valid values: " + valid);
            }
            return constant;
        }
    }

    private static final class OptionalDeserializer extends JsonDeserializer<Optional<?>> {
        private final JavaType contentType;

        OptionalDeserializer(JavaType contentType) {
            this.contentType = contentType;
        }

        @Override
        public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            return Optional.of(ctxt.readValue(p, contentType));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }
    }

    private static final class ListDeserializer extends JsonDeserializer<List<?>> {
        private final JavaType elementType;

        ListDeserializer(JavaType elementType) {
            this.elementType = elementType;
        }

        @Override
        public List<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw Tokens.wrongType(p, "a list");
            }
            List<Object> elements = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                elements.add(ctxt.readValue(p, elementType));
            }
            return List.copyOf(elements);
        }
    }

    /** Maps keep the file's order (it is the order people wrote and will see again in check). */
    private static final class MapDeserializer extends JsonDeserializer<Map<String, ?>> {
        private final JavaType valueType;

        MapDeserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public Map<String, ?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw Tokens.wrongType(p, "a mapping");
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                if (entries.containsKey(key)) {
                    throw ConfigException.at(p.currentTokenLocation(),
                            "duplicate key '" + key + "' " + ConfigPath.where(ConfigPath.ofMapping(p)));
                }
                var keyLocation = p.currentTokenLocation();
                boolean costModel = ConfigPath.ofMapping(p).equals("costModel");
                p.nextToken();
                Object value = ctxt.readValue(p, valueType);
                if (costModel) {
                    // The cost model checks its own entry names and values; report them at the key.
                    try {
                        org.kernelsim.cpu.core.CostModel.defaults().withOverrides(Map.of(key, (Integer) value));
                    } catch (IllegalArgumentException e) {
                        throw ConfigException.at(keyLocation, e.getMessage() + " (in 'costModel')");
                    }
                }
                entries.put(key, value);
            }
            return Collections.unmodifiableMap(entries);
        }
    }

    /** Lists the choices in an error: "a, b, c". */
    static String join(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    static String joinEnum(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ParameterInfo.configName((Enum<?>) c))
                .collect(Collectors.joining(", "));
    }
}
