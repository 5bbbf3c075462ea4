package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@code @Param(defaultValue = "...")} text into values with the same strict readers the
 * config uses, so a default means exactly what the same text would mean in a file. Values are
 * immutable, so each is parsed once.
 */
final class DefaultValues {

    private record Key(Class<?> owner, String component) {
    }

    private final JsonFactory yaml;
    private final Map<Key, Object> cache = new ConcurrentHashMap<>();

    DefaultValues(JsonFactory yaml) {
        this.yaml = requireNonNull(yaml, "yaml");
    }

    Object valueOf(RecordShape shape, RecordShape.Component component, DeserializationContext ctxt) {
        Key key = new Key(shape.type(), component.name());
        Object cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String text = component.defaultText().orElseThrow();
        Object value;
        try (JsonParser p = yaml.createParser(text)) {
            p.nextToken();
            value = ctxt.readValue(p, ctxt.getTypeFactory().constructType(component.genericType()));
        } catch (ConfigException | IOException e) {
            throw new IllegalStateException("the default '" + text + "' of '" + component.name() + "' in "
                    + shape.type().getName() + " is not a valid value: "
                    + (e instanceof ConfigException ce ? ce.problem() : e.getMessage()), e);
        }
        cache.putIfAbsent(key, value);
        return value;
    }
}
