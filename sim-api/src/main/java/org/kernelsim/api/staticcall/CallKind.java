package org.kernelsim.api.staticcall;

/** How a call site calls: {@code static_call(n)(...)}, a tail call, or {@code static_call_cond(n)(...)} (void, NULL does nothing). */
public enum CallKind {
    CALL, TAIL, COND
}
