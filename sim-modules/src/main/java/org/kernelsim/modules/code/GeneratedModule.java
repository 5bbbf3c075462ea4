package org.kernelsim.modules.code;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;

/** A module whose code a workload generates from its parameters (scale units, microbench keys). */
public record GeneratedModule(String name, boolean builtIn, String description, Consumer<ModuleBuildContext> body)
        implements KernelModule {

    public GeneratedModule {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(body, "body");
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        body.accept(ctx);
    }
}
