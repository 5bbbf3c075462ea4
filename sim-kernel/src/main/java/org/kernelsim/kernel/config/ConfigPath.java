package org.kernelsim.kernel.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names places in the config the way a person would type them ({@code kernel.modules.placement},
 * {@code staticCall.compare[1]}), read off the parser's context so that every error can say
 * which key it is about without each reader passing paths around.
 */
final class ConfigPath {

    private ConfigPath() {
    }

    /** The key (or list element) whose value is the parser's current token. */
    static String ofValue(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            // The parser has already entered the container; its name is the parent's current entry.
            context = context.getParent();
        }
        return render(context);
    }

    /** The mapping the parser is inside of (at its START_OBJECT or at one of its keys). */
    static String ofMapping(JsonParser p) {
        return render(p.getParsingContext().getParent());
    }

    /** "in 'machine'" or, for the file's top mapping, "at the top level". */
    static String where(String path) {
        return path.isEmpty() ? "at the top level" : "in '" + path + "'";
    }

    /** {@code path.key}, or {@code key} at the top level. */
    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String render(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                segments.push(c.getCurrentName() == null ? "?" : c.getCurrentName());
            } else if (c.inArray()) {
                segments.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            if (sb.length() > 0 && !segment.startsWith("[")) {
                sb.append('.');
            }
            sb.append(segment);
        }
        return sb.toString();
    }
}
