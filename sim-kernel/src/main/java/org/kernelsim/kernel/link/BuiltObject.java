package org.kernelsim.kernel.link;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.obj.ObjectFile;

/**
 * An object plus what the C toolchain would have recorded beside it: exported symbols
 * ({@code __ksymtab}), function prototypes (for the compile-time type check of
 * {@code static_call_update}), and module init/exit.
 */
public record BuiltObject(ObjectFile object, List<String> exports, Map<String, FunctionType> prototypes,
                          Optional<String> init, Optional<String> exit) {
    public BuiltObject {
        requireNonNull(object, "object");
        exports = List.copyOf(exports);
        prototypes = Map.copyOf(prototypes);
        requireNonNull(init, "init");
        requireNonNull(exit, "exit");
    }

    /** A raw object (e.g. from the assembler): exports read from its {@code __ksymtab} relocations, init/exit from {@code init_module}/{@code cleanup_module}. */
    public static BuiltObject of(ObjectFile obj) {
        List<String> exports = obj.relocations().stream().filter(r -> r.section().equals("__ksymtab"))
                .map(r -> r.symbol()).toList();
        return new BuiltObject(obj, exports, Map.of(),
                obj.symbol("init_module").filter(s -> s.isDefined()).map(s -> "init_module"),
                obj.symbol("cleanup_module").filter(s -> s.isDefined()).map(s -> "cleanup_module"));
    }
}
