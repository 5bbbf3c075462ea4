package org.kernelsim.api.types;

import static java.util.Objects.requireNonNull;

/**
 * A C type as far as kCFI cares: enough to produce the Itanium mangling clang hashes into a
 * kCFI type id (aarch64.md §3.4). Top-level qualifiers never matter (they are dropped from
 * function parameter types), so only the pointee's const is modelled.
 */
public sealed interface CType {

    /** The Itanium mangling of this type, e.g. {@code Pv} for {@code void *}. */
    String mangled();

    /** The C spelling, e.g. {@code struct perf_branch_entry *}. */
    String c();

    CType VOID = Basic.VOID;
    CType INT = Basic.INT;
    CType UNSIGNED_INT = Basic.UNSIGNED_INT;
    CType LONG = Basic.LONG;
    CType UNSIGNED_LONG = Basic.UNSIGNED_LONG;
    CType BOOL = Basic.BOOL;

    static CType pointer(CType to) {
        return new Pointer(to, false);
    }

    static CType constPointer(CType to) {
        return new Pointer(to, true);
    }

    static CType struct(String name) {
        return new Struct(name);
    }

    static CType functionPointer(FunctionType fn) {
        return new FunctionPointer(fn);
    }

    /** The builtin types and their one-letter Itanium codes. */
    enum Basic implements CType {
        VOID("v", "void"),
        INT("i", "int"),
        UNSIGNED_INT("j", "unsigned int"),
        LONG("l", "long"),
        UNSIGNED_LONG("m", "unsigned long"),
        LONG_LONG("x", "long long"),
        UNSIGNED_LONG_LONG("y", "unsigned long long"),
        SHORT("s", "short"),
        UNSIGNED_SHORT("t", "unsigned short"),
        CHAR("c", "char"),
        UNSIGNED_CHAR("h", "unsigned char"),
        BOOL("b", "bool");

        private final String code;
        private final String c;

        Basic(String code, String c) {
            this.code = code;
            this.c = c;
        }

        @Override
        public String mangled() {
            return code;
        }

        @Override
        public String c() {
            return c;
        }
    }

    /** {@code T *} or {@code const T *}: {@code P<T>} / {@code PK<T>}. */
    record Pointer(CType to, boolean constTarget) implements CType {
        public Pointer {
            requireNonNull(to, "to");
        }

        @Override
        public String mangled() {
            return "P" + (constTarget ? "K" : "") + to.mangled();
        }

        @Override
        public String c() {
            return (constTarget ? "const " : "") + to.c() + " *";
        }
    }

    /** {@code struct name}: {@code <len><name>}. */
    record Struct(String name) implements CType {
        public Struct {
            requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("struct name must not be empty");
            }
        }

        @Override
        public String mangled() {
            return name.length() + name;
        }

        @Override
        public String c() {
            return "struct " + name;
        }
    }

    /** A pointer to a function, {@code ret (*)(params)}: {@code PF<ret><params>E}. */
    record FunctionPointer(FunctionType function) implements CType {
        public FunctionPointer {
            requireNonNull(function, "function");
        }

        @Override
        public String mangled() {
            return "P" + function.bareMangled();
        }

        @Override
        public String c() {
            String p = function.params().isEmpty() ? "void"
                    : String.join(", ", function.params().stream().map(CType::c).toList());
            return function.ret().c() + " (*)(" + p + ")";
        }
    }
}
