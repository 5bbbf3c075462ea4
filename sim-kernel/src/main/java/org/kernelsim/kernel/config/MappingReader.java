package org.kernelsim.kernel.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one mapping key by key against a fixed list of keys: the single place that refuses
 * unknown and duplicate keys, so that every mapping in a config (the kernel's and the plugins')
 * words those errors the same way and remembers where each value was for later checks.
 */
final class MappingReader {

    private MappingReader() {
    }

    /** Reads the value at the parser's current token and leaves the parser on the value's last token. */
    @FunctionalInterface
    interface ValueReader {
        Object read(String key, JsonParser p) throws IOException;
    }

    /**
     * @param path the mapping's path ("" for the top level)
     * @param start where the mapping begins (missing-key errors point here)
     * @param values the values read, in file order
     * @param locations where each value begins
     */
    record Mapping(String path, JsonLocation start, Map<String, Object> values, Map<String, JsonLocation> locations) {
    }

    /**
     * @param validKeys the keys this mapping takes, in documentation order
     * @param detail added after the mapping's name in errors, e.g. " (type perf-record)"
     */
    static Mapping read(JsonParser p, List<String> validKeys, String detail, ValueReader reader) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Tokens.wrongType(p, "a mapping");
        }
        JsonLocation start = p.currentTokenLocation();
        String path = ConfigPath.ofValue(p);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, JsonLocation> locations = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            if (values.containsKey(key)) {
                throw ConfigException.at(p.currentTokenLocation(),
                        "duplicate key '" + key + "' " + ConfigPath.where(path) + detail);
            }
            if (!validKeys.contains(key)) {
                throw ConfigException.at(p.currentTokenLocation(), "unknown key '" + key + "' "
                        + ConfigPath.where(path) + detail
                        + (validKeys.isEmpty() ? "; it takes no keys" : "; valid keys: " + String.join(", ", validKeys)));
            }
            p.nextToken();
            locations.put(key, p.currentTokenLocation());
            values.put(key, reader.read(key, p));
        }
        return new Mapping(path, start, Collections.unmodifiableMap(values), Collections.unmodifiableMap(locations));
    }
}
