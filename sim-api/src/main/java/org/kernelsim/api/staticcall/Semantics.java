package org.kernelsim.api.staticcall;

/**
 * Which of the kernel's three static-call configurations (static-call.md §2-3) the core runs
 * for a backend. It decides the update algorithm; the machine code is the backend's.
 */
public enum Semantics {
    /** {@code !HAVE_STATIC_CALL}: an update is {@code WRITE_ONCE(key->func, func)} only; no transform. */
    GENERIC,
    /**
     * {@code HAVE_STATIC_CALL}: {@code key->func = func; arch_static_call_transform(NULL, tramp, func, false)},
     * with no unchanged-func short-circuit.
     */
    OUT_OF_LINE,
    /**
     * {@code HAVE_STATIC_CALL_INLINE}: an unchanged func is a no-op; otherwise the trampoline and
     * then every tracked site (vmlinux and modules) are transformed; modules' sites are patched
     * to the current func when they come.
     */
    INLINE
}
