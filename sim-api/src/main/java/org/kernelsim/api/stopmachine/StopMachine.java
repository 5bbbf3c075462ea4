package org.kernelsim.api.stopmachine;

import java.util.function.IntSupplier;

/**
 * {@code stop_machine()}: brings every online CPU to an instruction boundary and steps them
 * through PREPARE → DISABLE_IRQ → RUN → EXIT, each state advancing when the last CPU acks; IRQs
 * are off on every CPU during RUN. {@code fn} runs during RUN on the active CPU. The stall
 * (cycles each CPU spends spinning) is charged to every CPU.
 */
public interface StopMachine {

    /** Runs {@code fn} with the machine stopped; returns fn's result (0 or -errno). */
    int run(IntSupplier fn);

    /**
     * As {@link #run}, with {@code fn} called on <em>every</em> CPU during RUN (the kernel's
     * {@code active_cpus = cpu_online_mask}), in arrival order, receiving the CPU id and whether it
     * is the last to arrive. This is how {@code aarch64_insn_patch_text_cb} is built.
     */
    int runOnEach(PerCpuFn fn);

    @FunctionalInterface
    interface PerCpuFn {
        int apply(int cpu, boolean lastToArrive);
    }

    /** Number of completed stop_machine calls. */
    long count();

    /** Stall cycles charged so far, summed over CPUs. */
    long stallCycles();
}
