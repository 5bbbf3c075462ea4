package org.kernelsim.kernel.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kernelsim.api.plugin.Param;

/**
 * How a record is read from a mapping: its components are the keys, {@link Param} gives defaults
 * and ranges, and the canonical constructor has the last word (a compact constructor may refuse
 * a combination by throwing {@link IllegalArgumentException}; a message starting "key: " is
 * reported at that key's value).
 */
final class RecordShape {

    private static final ClassValue<RecordShape> CACHE = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private static final Pattern KEYED_PROBLEM = Pattern.compile("([A-Za-z][A-Za-z0-9]*): (.*)", Pattern.DOTALL);

    record Component(String name, Type genericType, Class<?> rawType, Optional<Param> param) {
        Optional<String> defaultText() {
            return param.map(Param::defaultValue).filter(d -> !Param.REQUIRED.equals(d));
        }
    }

    private final Class<?> type;
    private final List<Component> components;
    private final List<String> keys;
    private final Constructor<?> constructor;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        this.components = Arrays.stream(rc)
                .map(c -> new Component(c.getName(), c.getGenericType(), c.getType(),
                        Optional.ofNullable(c.getAnnotation(Param.class))))
                .toList();
        this.keys = components.stream().map(Component::name).toList();
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(rc).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    static RecordShape of(Class<?> type) {
        return CACHE.get(type);
    }

    Class<?> type() {
        return type;
    }

    List<String> keys() {
        return keys;
    }

    List<Component> components() {
        return components;
    }

    /** Reads the value of one component at the parser's current token, range-checked. */
    Object readValue(String key, JsonParser p, DeserializationContext ctxt) throws IOException {
        Component component = component(key);
        JsonLocation at = p.currentTokenLocation();
        String path = ConfigPath.ofValue(p);
        Object value = ctxt.readValue(p, ctxt.getTypeFactory().constructType(component.genericType()));
        component.param().ifPresent(param -> checkRange(param, value, path, at));
        return value;
    }

    /** Builds the record from what was read, filling every missing key from its default. */
    Record build(MappingReader.Mapping mapping, DeserializationContext ctxt, DefaultValues defaults) {
        Object[] args = new Object[components.size()];
        for (int i = 0; i < args.length; i++) {
            Component c = components.get(i);
            if (mapping.values().containsKey(c.name())) {
                args[i] = mapping.values().get(c.name());
            } else if (c.defaultText().isPresent()) {
                args[i] = defaults.valueOf(this, c, ctxt);
            } else if (c.rawType() == Optional.class) {
                args[i] = Optional.empty();
            } else {
                throw ConfigException.at(mapping.start(), "missing required key '" + c.name() + "' "
                        + ConfigPath.where(mapping.path()));
            }
        }
        try {
            return (Record) constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                throw refused(mapping, String.valueOf(cause.getMessage()));
            }
            throw new IllegalStateException("constructing " + type.getName() + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private ConfigException refused(MappingReader.Mapping mapping, String message) {
        Matcher m = KEYED_PROBLEM.matcher(message);
        if (m.matches() && mapping.locations().containsKey(m.group(1))) {
            return ConfigException.at(mapping.locations().get(m.group(1)),
                    "'" + ConfigPath.child(mapping.path(), m.group(1)) + "' " + m.group(2));
        }
        String subject = mapping.path().isEmpty() ? "the config" : "'" + mapping.path() + "'";
        return ConfigException.at(mapping.start(), subject + ": " + message);
    }

    private Component component(String key) {
        return components.get(keys.indexOf(key));
    }

    private static void checkRange(Param param, Object value, String path, JsonLocation at) {
        long min = param.min();
        long max = param.max();
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return;
        }
        long v;
        boolean isSize = value instanceof Size;
        if (value instanceof Number number) {
            v = number.longValue();
        } else if (isSize) {
            v = ((Size) value).bytes();
        } else {
            return;
        }
        if (v >= min && v <= max) {
            return;
        }
        String lo = isSize ? Size.ofBytes(min).toString() : Long.toString(min);
        String hi = isSize ? Size.ofBytes(max).toString() : Long.toString(max);
        String range = min == Long.MIN_VALUE ? "at most " + hi
                : max == Long.MAX_VALUE ? "at least " + lo
                : "between " + lo + " and " + hi;
        throw ConfigException.at(at, "'" + path + "' must be " + range + "; got " + (isSize ? value : v));
    }
}
