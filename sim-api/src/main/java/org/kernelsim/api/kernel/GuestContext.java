package org.kernelsim.api.kernel;

import org.kernelsim.cpu.core.Cpu;

/**
 * What a Java-implemented kernel function sees when guest code calls it: the calling CPU (its
 * registers hold the AAPCS64 arguments), the current task, and the kernel.
 */
public interface GuestContext {

    Cpu cpu();

    /** Argument {@code n} (0..7) as passed in x{@code n}. */
    default long arg(int n) {
        return cpu().x(n);
    }

    /** PID of the current task (0 for the idle/boot context, as the kernel's swapper). */
    int pid();

    /** True while the CPU is handling an interrupt. */
    boolean inInterrupt();

    Kernel kernel();

    /**
     * {@code WARN_ON(1)} at the calling guest code (the Java function's body): reports
     * {@code WARNING: CPU: %d PID: %d at %pS} with registers and call trace, and returns.
     */
    void warn();
}
