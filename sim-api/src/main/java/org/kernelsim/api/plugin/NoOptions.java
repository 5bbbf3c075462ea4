package org.kernelsim.api.plugin;

/** The options of a backend that has none: {@code staticCall.options.<name>} must then be empty. */
public record NoOptions() {
}
