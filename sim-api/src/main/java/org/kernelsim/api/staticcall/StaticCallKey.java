package org.kernelsim.api.staticcall;

import java.util.List;
import org.kernelsim.api.types.FunctionType;

/** A live key, as the core and backends see it after linking. */
public interface StaticCallKey {

    String name();

    FunctionType type();

    /** "vmlinux" or the defining module's name. */
    String owner();

    /** Address of {@code __SCK__<name>} ({@code key->func} is the 8 bytes there). */
    long address();

    /** Address of {@code __SCT__<name>}, or 0 when the backend emits no trampoline. */
    long trampoline();

    /** The raw value of {@code key->func} now (what the backend stored; see {@link StaticCallBackend#keyFuncValue}). */
    long func();

    /** Sites tracked for this key: vmlinux first, then modules in load order. */
    List<StaticCallSite> sites();

    /** Updates applied to this key so far. */
    long updates();
}
