package org.kernelsim.kernel.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Words for what the parser found, so that type errors read "got string '4'" rather than a token name. */
final class Tokens {

    private Tokens() {
    }

    /**
     * True for the YAML 1.1 words the YAML parser reads as booleans (off, on, yes, no, True, ...).
     * The config takes only {@code true} and {@code false} as booleans, so that {@code cfi: off}
     * is the string it looks like and {@code bti: yes} is an error rather than a guess.
     */
    static boolean isYamlWord(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            return false;
        }
        String text = p.getText();
        return !"true".equals(text) && !"false".equals(text);
    }

    static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "string '" + p.getText() + "'";
            case VALUE_NUMBER_INT -> "integer " + p.getText();
            case VALUE_NUMBER_FLOAT -> "number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> isYamlWord(p) ? "'" + p.getText() + "'" : p.getText();
            case VALUE_NULL -> "no value (null)";
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** "'machine.cpus' must be an integer; got string '4'", at the offending value. */
    static ConfigException wrongType(JsonParser p, String expected) throws IOException {
        String path = ConfigPath.ofValue(p);
        String subject = path.isEmpty() ? "the config" : "'" + path + "'";
        return ConfigException.at(p.currentTokenLocation(), subject + " must be " + expected + "; got " + describe(p));
    }
}
