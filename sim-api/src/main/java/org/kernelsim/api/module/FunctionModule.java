package org.kernelsim.api.module;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * A module defined by its build function, for code generated from parameters (a workload's
 * scale units, a benchmark's loops, a test's fixture). Made by {@link KernelModule#of}.
 */
public record FunctionModule(String name, boolean builtIn, String description, Consumer<ModuleBuildContext> body)
        implements KernelModule {

    public FunctionModule {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(body, "body");
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        body.accept(ctx);
    }
}
