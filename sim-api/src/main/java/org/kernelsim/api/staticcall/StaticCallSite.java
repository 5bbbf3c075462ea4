package org.kernelsim.api.staticcall;

import static java.util.Objects.requireNonNull;

/** One {@code .static_call_sites} entry, resolved: the call instruction's address, TAIL/INIT flags, and its object. */
public record StaticCallSite(long address, boolean tail, boolean init, String owner) {
    public StaticCallSite {
        requireNonNull(owner, "owner");
    }
}
