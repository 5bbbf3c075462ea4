package org.kernelsim.api.workload;

/**
 * The part of a workload that drives one booted machine. A fresh instance runs per machine, on
 * that machine's host thread; it must be a pure function of its parameters, the seed and the
 * machine (no clocks, no shared state), so that compare runs are reproducible and can run in
 * parallel.
 */
@FunctionalInterface
public interface Workload {

    /** Drives the machine to the end of the workload. Kernel events (oops, panic) are results, not exceptions. */
    void run(WorkloadContext ctx);
}
