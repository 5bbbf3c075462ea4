package org.kernelsim.api.staticcall;

import java.util.List;
import java.util.Optional;

/** The static_call core as Java code uses it ({@code kernel/static_call*.c}). */
public interface StaticCalls {

    Optional<StaticCallKey> key(String name);

    List<StaticCallKey> keys();

    /**
     * {@code static_call_update(name, &func)}, type-checked as the compiler would: {@code func}'s
     * prototype must equal the key's, except {@code __static_call_return0} which always passes.
     * A mismatch throws {@link IllegalArgumentException} (the build would not compile). Returns 0,
     * or a negative errno when the backend failed (the key is then left unchanged).
     */
    int update(String key, String funcSymbol);

    /** {@code static_call_update(name, NULL)}. */
    int updateNull(String key);

    /** {@code static_call_update(name, (void *)&__static_call_return0)}. */
    default int updateRet0(String key) {
        return update(key, StaticCallNames.RETURN0);
    }

    /** An update with a raw address, unchecked (what guest code reaching {@code __static_call_update} does). */
    int updateAddress(String key, long func);

    /** {@code static_call_query(name)}. */
    long query(String key);

    /** Name of the backend running the machine code. */
    String backend();
}
