package org.kernelsim.api.workload;

import java.util.List;
import org.kernelsim.api.kernel.Kernel;

/**
 * What a {@link Workload} drives: the booted kernel, the machine's clock, its PMU and the
 * timeline. Time is CPU 0's modelled cycle count, the clock the config's timeline is written in.
 */
public interface WorkloadContext {

    Kernel kernel();

    /** The run's seed (the config's {@code seed}). */
    long seed();

    /** The config's timeline, in time order. */
    List<TimelineStep> timeline();

    /** CPU 0's modelled cycles so far: the workload clock. */
    long now();

    /**
     * Runs the machine until {@link #now()} reaches {@code cycle}, the kernel panics, or nothing is
     * left to run. Between slices, {@code betweenSlices} may queue work (it is how a workload keeps
     * CPUs busy); PMU overflows are raised as their periods elapse. Returns false if the machine
     * panicked or went idle before {@code cycle}.
     */
    boolean runUntil(long cycle, Runnable betweenSlices);

    /**
     * Programs every CPU's PMU cycle counter to overflow each {@code period} modelled cycles; the
     * overflow interrupt runs guest function {@code handler(struct pt_regs *regs, int cpu, int pid)}
     * in IRQ context (regs: x0..x30, sp, pc, pstate at offsets 0, 248, 256, 264), returning to the
     * interrupted code through the kernel's IRQ exit. {@code period} 0 disables it.
     */
    void programPmu(long period, String handler);

    /** PMU overflow interrupts taken so far on all CPUs. */
    long pmuInterrupts();

    /** A named result of the workload for the report (e.g. {@code samples}), added to earlier values. */
    void addMetric(String name, long value);

    /** Records where a key pointed at this moment (the report's key history: which target each key reached over time). */
    void recordKeyTarget(String key);

    /** Reports progress in [0, 1] for the progress bar. */
    void progress(double fraction);
}
