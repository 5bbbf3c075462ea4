package org.kernelsim.api.types;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.openhft.hashing.LongHashFunction;

/**
 * A C function prototype, the unit kCFI types: a call through a pointer checks that the
 * callee's type word equals {@link #kcfiId()} of the prototype the caller expects.
 *
 * <p>Equality is structural, which is exactly the C compiler's type compatibility for the
 * prototypes kernelsim models; {@code static_call_update} uses it the way {@code typeof} does.
 */
public record FunctionType(CType ret, List<CType> params) {

    private static final LongHashFunction XXH64 = LongHashFunction.xx(0);

    public FunctionType {
        requireNonNull(ret, "ret");
        params = List.copyOf(params);
        for (CType p : params) {
            if (p == CType.VOID) {
                throw new IllegalArgumentException("void is not a parameter type; use an empty list for (void)");
            }
        }
    }

    public static FunctionType of(CType ret, CType... params) {
        return new FunctionType(ret, List.of(params));
    }

    /** Parses a C prototype such as {@code "int(struct perf_branch_entry *, unsigned int)"}; see {@link CTypeParser}. */
    public static FunctionType parse(String prototype) {
        return CTypeParser.parseFunction(prototype);
    }

    /** {@code F<ret><params>E}, with {@code v} for an empty parameter list. */
    public String bareMangled() {
        StringBuilder sb = new StringBuilder("F").append(ret.mangled());
        if (params.isEmpty()) {
            sb.append('v');
        } else {
            params.forEach(p -> sb.append(p.mangled()));
        }
        return sb.append('E').toString();
    }

    /** The typeinfo-name string clang hashes: {@code "_ZTS" + F...E}. */
    public String mangled() {
        return "_ZTS" + bareMangled();
    }

    /** Clang's kCFI type id: the low 32 bits of xxHash64 (seed 0) of {@link #mangled()}. */
    public int kcfiId() {
        return (int) xxh64(mangled());
    }

    /** xxHash64 with seed 0 of the ASCII bytes of {@code s}. */
    public static long xxh64(String s) {
        return XXH64.hashBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The C spelling, e.g. {@code unsigned int(void)}. */
    public String c() {
        return ret.c() + "(" + (params.isEmpty() ? "void" : String.join(", ", params.stream().map(CType::c).toList())) + ")";
    }

    @Override
    public String toString() {
        return c();
    }
}
