package org.kernelsim.api.plugin;

import com.google.inject.Module;
import java.util.List;

/**
 * An arm64 {@code static_call} backend, found by {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.kernelsim.api.plugin.BackendPlugin} file naming the class) on the
 * classpath or in a jar in a plugin directory, and selected by {@link #name()} from the config.
 *
 * <p>Implementations need a public no-argument constructor and should be stateless: the kernel
 * boots a fresh machine per backend run and asks for a fresh {@link #module(Record)} each time.
 */
public interface BackendPlugin {

    /** The name configs use ({@code staticCall.backend}); lower case, digits and '-', e.g. {@code ool-literal}. */
    String name();

    /** One line for {@code ./sim backends}. */
    String description();

    /**
     * The record {@code staticCall.options.<name>} is read into, strictly: each component is a key,
     * annotated with {@link Param} (every component needs a default). Backends without options
     * keep the default, {@link NoOptions}.
     */
    default Class<? extends Record> optionsType() {
        return NoOptions.class;
    }

    /**
     * The Guice module that binds this backend's implementation for one simulated machine.
     *
     * @param options an instance of {@link #optionsType()}, every default filled in
     */
    Module module(Record options);

    /** The options' metadata, derived from {@link #optionsType()}. */
    default List<ParameterInfo> options() {
        return ParameterInfo.describe(optionsType());
    }
}
