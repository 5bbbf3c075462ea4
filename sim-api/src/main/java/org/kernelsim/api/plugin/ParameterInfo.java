package org.kernelsim.api.plugin;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a listing shows about one key of an options or parameters record.
 *
 * @param name the key, the record component's name
 * @param type the type in config words ({@code integer}, {@code boolean}, {@code one of ret, nop}, ...)
 * @param defaultValue the default as config text; empty when the key is required
 * @param description the {@link Param#description()}, or empty when the component has no {@link Param}
 */
public record ParameterInfo(String name, String type, Optional<String> defaultValue, String description) {

    public ParameterInfo {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(description, "description");
    }

    /** True when the config must give this key. */
    public boolean required() {
        return defaultValue.isEmpty();
    }

    /** Describes every component of {@code recordType}, in declaration order. */
    public static List<ParameterInfo> describe(Class<? extends Record> recordType) {
        requireNonNull(recordType, "recordType");
        return Arrays.stream(recordType.getRecordComponents()).map(ParameterInfo::of).toList();
    }

    private static ParameterInfo of(RecordComponent component) {
        Param param = component.getAnnotation(Param.class);
        Optional<String> defaultValue = param == null || Param.REQUIRED.equals(param.defaultValue())
                ? Optional.empty()
                : Optional.of(param.defaultValue());
        if (defaultValue.isEmpty() && component.getType() == Optional.class) {
            defaultValue = Optional.of("null");
        }
        return new ParameterInfo(component.getName(), typeName(component.getGenericType()), defaultValue,
                param == null ? "" : param.description());
    }

    /**
     * The one spelling of an enum constant in configs: lower case, '_' written as '-'
     * ({@code ROUND_ROBIN} is {@code round-robin}). Values are matched case-sensitively.
     */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type of a key in config words, as the listings print it. */
    public static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return "list of " + typeName(args[0]);
            }
            if (raw == java.util.Map.class) {
                return "map of " + typeName(args[0]) + " to " + typeName(args[1]);
            }
            if (raw == Optional.class) {
                return typeName(args[0]) + " (optional)";
            }
            return typeName(raw);
        }
        if (!(type instanceof Class<?> cls)) {
            return type.getTypeName();
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
            return "integer";
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return "boolean";
        }
        if (cls == double.class || cls == Double.class) {
            return "number";
        }
        if (cls == String.class) {
            return "string";
        }
        if (cls.isEnum()) {
            return "one of " + Arrays.stream(cls.getEnumConstants())
                    .map(c -> configName((Enum<?>) c))
                    .collect(Collectors.joining(", "));
        }
        if (cls.isRecord()) {
            return "mapping";
        }
        return cls.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
