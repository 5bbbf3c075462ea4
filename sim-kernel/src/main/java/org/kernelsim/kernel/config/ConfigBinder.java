package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.kernel.plugin.PluginRegistry;

/**
 * The Jackson side of config reading: one strict {@link ObjectMapper} whose deserializers for
 * records, scalars, enums, sizes, lists, maps and optionals are the config's own
 * ({@link StrictDeserializers}), plus the scan that validates {@code schemaVersion} and finds
 * {@code workload.type} before binding.
 */
final class ConfigBinder {

    private final PluginRegistry registry;
    private final YAMLFactory yaml = new YAMLFactory();
    private final JsonFactory json = new JsonFactory();
    private final DefaultValues defaults = new DefaultValues(yaml);
    private final ObjectMapper mapper;

    ConfigBinder(PluginRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        StrictDeserializers deserializers = new StrictDeserializers(Map.of(
                StaticCallConfig.class, new StaticCallConfigDeserializer(registry, this),
                WorkloadConfig.class, new WorkloadConfigDeserializer(registry, defaults)), defaults);
        SimpleModule module = new SimpleModule("kernelsim-strict-config") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(deserializers);
            }
        };
        // The strict deserializers never coerce; these settings keep anything Jackson itself
        // might still handle (a type the config does not use) just as strict.
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.WRAP_EXCEPTIONS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(module)
                .build();
    }

    JsonParser parser(String text, ConfigLoader.Format format) throws IOException {
        return (format == ConfigLoader.Format.JSON ? json : yaml).createParser(text);
    }

    /** Binds a whole config; the text is parsed twice (scan, then bind), which costs microseconds. */
    SimConfig bind(String text, ConfigLoader.Format format) throws IOException {
        Scan scan;
        try (JsonParser p = parser(text, format)) {
            scan = scan(p);
        }
        Map<String, JsonLocation> strings = new java.util.HashMap<>();
        SimConfig config;
        try (JsonParser p = parser(text, format)) {
            p.nextToken();
            config = mapper.readerFor(SimConfig.class)
                    .withAttribute(WorkloadConfigDeserializer.TYPE_ATTRIBUTE, scan.workloadType())
                    .withAttribute(StaticCallConfigDeserializer.VARIANT_BACKENDS_ATTRIBUTE, scan.variantBackends())
                    .withAttribute(StrictDeserializers.STRING_LOCATIONS, strings)
                    .readValue(p);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw ConfigException.at(p.currentTokenLocation(),
                        "unexpected content after the config; a config file holds one document");
            }
        }
        // Module names can only be judged with the whole config read (the workload and its
        // parameters decide which modules exist and are built), so they are checked here.
        new ModuleCheck(registry, strings).check(config);
        return config;
    }

    /** What binding needs to know before it reads the keys that depend on it. */
    private record Scan(String workloadType, Map<String, String> variantBackends) {
    }

    /**
     * Checks {@code schemaVersion} first (a file of another version should say so, not fail on
     * its first unknown key) and finds {@code workload.type}, which must be known before the
     * workload's other keys can be typed, and each {@code staticCall.variants.<name>.backend},
     * which types that variant's options.
     */
    private Scan scan(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw ConfigException.at(1, 1,
                    "the file is empty; a config starts with 'schemaVersion: 1'");
        }
        if (first != JsonToken.START_OBJECT) {
            throw Tokens.wrongType(p, "a mapping of keys (schemaVersion, machine, ...)");
        }
        JsonLocation start = p.currentTokenLocation();
        boolean version = false;
        String workloadType = null;
        Map<String, String> variantBackends = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("schemaVersion") && !version) {
                version = true;
                checkVersion(p);
            } else if (key.equals("workload") && workloadType == null && p.currentToken() == JsonToken.START_OBJECT) {
                workloadType = scanWorkload(p);
            } else if (key.equals("staticCall") && variantBackends == null
                    && p.currentToken() == JsonToken.START_OBJECT) {
                variantBackends = scanVariants(p);
            } else {
                p.skipChildren();
            }
        }
        if (!version) {
            throw ConfigException.at(start, "missing required key 'schemaVersion' at the top level; "
                    + "this kernelsim reads configs with 'schemaVersion: 1'");
        }
        return new Scan(workloadType, variantBackends == null ? Map.of() : variantBackends);
    }

    /** {@code staticCall.variants.<name>.backend} as written (checked when bound), first of each name. */
    private static Map<String, String> scanVariants(JsonParser p) throws IOException {
        Map<String, String> backends = new java.util.LinkedHashMap<>();
        boolean seen = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            p.nextToken();
            if (!key.equals("variants") || seen || p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            seen = true;
            for (JsonToken v = p.nextToken(); v == JsonToken.FIELD_NAME; v = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("backend") && p.currentToken() == JsonToken.VALUE_STRING) {
                        backends.putIfAbsent(name, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        return backends;
    }

    private static void checkVersion(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw Tokens.wrongType(p, "the integer 1");
        }
        if (!p.getText().equals("1")) {
            throw ConfigException.at(p.currentTokenLocation(), "unsupported schemaVersion " + p.getText()
                    + "; this kernelsim reads schemaVersion 1 only");
        }
    }

    private String scanWorkload(JsonParser p) throws IOException {
        String type = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("type") && type == null) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw Tokens.wrongType(p, "a workload type name; " + registry.knownWorkloads());
                }
                type = p.getText();
                if (registry.workload(type).isEmpty()) {
                    throw ConfigException.at(p.currentTokenLocation(),
                            registry.unknownWorkload(type, ConfigPath.ofValue(p)));
                }
            } else {
                p.skipChildren();
            }
        }
        return type;
    }

    /** An options or parameters record with every key at its default (as from an empty mapping). */
    Record defaultsOf(Class<? extends Record> type, DeserializationContext ctxt) throws IOException {
        try (JsonParser p = yaml.createParser("{}")) {
            p.nextToken();
            return (Record) ctxt.readValue(p, type);
        }
    }

    Record defaultsOf(Class<? extends Record> type) {
        try (JsonParser p = yaml.createParser("{}")) {
            p.nextToken();
            return mapper.readValue(p, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** See {@link org.kernelsim.kernel.plugin.PluginChecker}. */
    void check(Class<? extends Record> type, boolean allKeysNeedDefaults) {
        requireNonNull(type, "type");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            checkExpressible(type, component.getName(), component.getGenericType());
            Param param = component.getAnnotation(Param.class);
            boolean hasDefault = param != null && !Param.REQUIRED.equals(param.defaultValue());
            if (allKeysNeedDefaults && !hasDefault && component.getType() != Optional.class) {
                throw new IllegalArgumentException("option '" + component.getName() + "' of " + type.getName()
                        + " needs a default (@Param(defaultValue = ...)): a backend must run with no options given");
            }
            if (hasDefault) {
                try (JsonParser p = yaml.createParser(param.defaultValue())) {
                    p.nextToken();
                    mapper.readerFor(mapper.constructType(component.getGenericType())).readValue(p);
                } catch (ConfigException e) {
                    throw new IllegalArgumentException("the default '" + param.defaultValue() + "' of '"
                            + component.getName() + "' in " + type.getName() + " is not valid: " + e.problem(), e);
                } catch (IOException e) {
                    throw new IllegalArgumentException("the default '" + param.defaultValue() + "' of '"
                            + component.getName() + "' in " + type.getName() + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Only types the strict readers handle; anything else would fall back to lenient Jackson. */
    private static void checkExpressible(Class<?> owner, String name, Type type) {
        if (type instanceof ParameterizedType pt) {
            Type raw = pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (raw == List.class || raw == Optional.class) {
                checkExpressible(owner, name, args[0]);
                return;
            }
            if (raw == Map.class && args[0] == String.class) {
                checkExpressible(owner, name, args[1]);
                return;
            }
        } else if (type instanceof Class<?> c) {
            if (c.isPrimitive() && c != char.class && c != byte.class && c != short.class && c != float.class
                    || c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class
                    || c == String.class || c == Size.class || c.isEnum()) {
                return;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    checkExpressible(c, rc.getName(), rc.getGenericType());
                }
                return;
            }
        }
        throw new IllegalArgumentException("'" + name + "' in " + owner.getName() + " has type " + type.getTypeName()
                + ", which a config cannot express (use int, long, boolean, double, String, an enum, a record, "
                + "List, Map<String, ...> or Optional)");
    }
}
