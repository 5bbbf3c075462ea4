package org.kernelsim.cpu.obj;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A symbol of a relocatable object. {@code section} is null for an undefined symbol (resolved
 * by the loader against exported symbols). {@code kcfiTypeId} is present for functions that
 * carry a kCFI type word immediately before their entry.
 */
public record Symbol(String name, String section, long value, long size, Binding binding, Type type,
                     OptionalInt kcfiTypeId) {

    public enum Binding { LOCAL, GLOBAL }

    public enum Type { NOTYPE, FUNC, OBJECT }

    public Symbol {
        requireNonNull(name, "name");
        requireNonNull(binding, "binding");
        requireNonNull(type, "type");
        requireNonNull(kcfiTypeId, "kcfiTypeId");
    }

    public boolean isDefined() {
        return section != null;
    }

    public static Symbol undefined(String name) {
        return new Symbol(name, null, 0, 0, Binding.GLOBAL, Type.NOTYPE, OptionalInt.empty());
    }
}
