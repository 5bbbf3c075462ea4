package org.kernelsim.api.kernel;

/**
 * A kernel function implemented in Java. Guest code reaches it through an exported symbol whose
 * body is {@code bti c; hvc #id; ret}: the HVC traps, this runs, x0 receives the result, and the
 * guest continues at the RET. It runs at an instruction boundary of the calling CPU; other CPUs
 * are between slices.
 */
@FunctionalInterface
public interface JavaFunction {

    /** Returns the value placed in x0 (ignored for void functions). */
    long call(GuestContext ctx);
}
