package org.kernelsim.api.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one component of an options or parameters record: what {@code ./sim backends},
 * {@code ./sim workloads} and the config reader know about the key.
 *
 * <p>The default is written as it would be in the YAML config ({@code "10000"}, {@code "ret"},
 * {@code "32MiB"}, {@code "[]"}, {@code "{}"}), so the one text is both documentation and the
 * value the reader fills in; a component without a default is a required key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Param {

    /** Marks "no default": the key is required. */
    String REQUIRED = "\u0000required";

    /** One line for the listings and the README. */
    String description();

    /** The default as config text, or {@link #REQUIRED}. */
    String defaultValue() default REQUIRED;

    /** Smallest accepted value of a number (or size in bytes). */
    long min() default Long.MIN_VALUE;

    /** Largest accepted value of a number (or size in bytes). */
    long max() default Long.MAX_VALUE;
}
