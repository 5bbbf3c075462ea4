package org.kernelsim.api.module;

/**
 * A simulated kernel module (perf core, kvm, tracepoints, selftests, ...), found with
 * {@link java.util.ServiceLoader}. It builds its object through the kernel's emitters, so its
 * static calls use whichever backend the machine runs. Built-in modules are linked into the
 * image (their init runs at boot, like an initcall); the others are loaded on demand.
 */
public interface KernelModule {

    /** The module name, as {@code lsmod} and {@code %pS}'s {@code [module]} show it. */
    String name();

    /** One line for {@code sim modules}. */
    default String description() {
        return "";
    }

    /** True to link it into vmlinux at boot rather than load it as a module. */
    default boolean builtIn() {
        return false;
    }

    /** Generates the module's code and data, its keys, call sites, Java-implemented functions, exports and init/exit. */
    void build(ModuleBuildContext ctx);

    /** A module whose code is {@code build}: linked into the image when {@code builtIn}, else loadable. */
    static KernelModule of(String name, boolean builtIn, String description,
                           java.util.function.Consumer<ModuleBuildContext> build) {
        return new FunctionModule(name, builtIn, description, build);
    }
}
