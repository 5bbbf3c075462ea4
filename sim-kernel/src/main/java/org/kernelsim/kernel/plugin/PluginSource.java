package org.kernelsim.kernel.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where a plugin came from, for listings and for errors that must name both sides of a clash. */
public sealed interface PluginSource {

    /** The application classpath (the built-in plugins, and plugins on -cp). */
    PluginSource CLASSPATH = new Classpath();

    /** "classpath" or the jar's path. */
    String describe();

    record Classpath() implements PluginSource {
        @Override
        public String describe() {
            return "classpath";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    record Jar(Path path) implements PluginSource {
        public Jar {
            requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
