package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.kernelsim.kernel.plugin.PluginChecker;
import org.kernelsim.kernel.plugin.PluginRegistry;

/**
 * Reads a config file (YAML, or JSON by extension) strictly into a {@link SimConfig}, checking
 * backend and workload names against the registry. Every problem is a {@link ConfigException}
 * naming file:line:column, the key, and what would have been valid.
 */
public final class ConfigLoader {

    /** The file formats, chosen by extension. */
    public enum Format {
        YAML, JSON;

        /** {@code .yaml}/{@code .yml} or {@code .json}; anything else is a config error. */
        public static Format of(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw ConfigException.ofFile(file.toString(),
                    "unknown config format; a config file ends in .yaml, .yml or .json", null);
        }
    }

    private final ConfigBinder binder;

    public ConfigLoader(PluginRegistry registry) {
        this.binder = new ConfigBinder(requireNonNull(registry, "registry"));
    }

    /**
     * Checks plugin options and parameter records against the config rules, for
     * {@link org.kernelsim.kernel.plugin.PluginDiscovery}.
     */
    public static PluginChecker pluginChecker() {
        ConfigBinder checker = new ConfigBinder(PluginRegistry.empty());
        return checker::check;
    }

    /** Reads {@code file}; its name appears in errors as given. */
    public SimConfig load(Path file) {
        requireNonNull(file, "file");
        Format format = Format.of(file);
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.ofFile(file.toString(), "no such file", e);
        } catch (CharacterCodingException e) {
            throw ConfigException.ofFile(file.toString(), "not UTF-8 text", e);
        } catch (IOException e) {
            throw ConfigException.ofFile(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        return read(text, file.toString(), format);
    }

    /** Reads config text; {@code sourceName} is what errors call the file. */
    public SimConfig read(String text, String sourceName, Format format) {
        requireNonNull(text, "text");
        requireNonNull(sourceName, "sourceName");
        requireNonNull(format, "format");
        try {
            return binder.bind(text, format);
        } catch (ConfigException e) {
            throw e.in(sourceName);
        } catch (JsonProcessingException e) {
            // The file is not well-formed YAML/JSON: the parser's own words, without the excerpt
            // lines SnakeYAML adds (indented), which the location already points at.
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            String first = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .map(String::strip).collect(java.util.stream.Collectors.joining("; "));
            ConfigException error = e.getLocation() == null
                    ? ConfigException.at(1, 1, "not valid " + format + ": " + first)
                    : ConfigException.at(e.getLocation(), "not valid " + format + ": " + first);
            throw error.in(sourceName);
        } catch (IOException e) {
            throw ConfigException.ofFile(sourceName, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** A backend's options with every default, for a backend the config names without options. */
    public Record defaultsOf(Class<? extends Record> optionsType) {
        return binder.defaultsOf(requireNonNull(optionsType, "optionsType"));
    }
}
