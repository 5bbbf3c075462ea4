package org.kernelsim.api.kernel;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.kernelsim.api.module.ModuleLoader;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReports;
import org.kernelsim.api.staticcall.StaticCalls;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;

/**
 * A booted simulated kernel, as Java code (workloads, tests, Java-implemented functions) drives
 * it. Everything runs on the caller's thread; guest code advances only inside {@link #call},
 * {@link #run} and {@link #runUntil}.
 */
public interface Kernel {

    KernelFeatures features();

    String backendName();

    List<Cpu> cpus();

    /** The host view of the address space (no permission checks): for reading guest state. */
    Memory memory();

    Kallsyms kallsyms();

    StaticCalls staticCalls();

    ModuleLoader modules();

    TextPatcher patcher();

    StopMachine stopMachine();

    KernelReports reports();

    /** printk at KERN_INFO: appended to the kernel log. */
    void printk(String line);

    /** The kernel log so far, one entry per line. */
    List<String> log();

    /** Creates a task that calls {@code function(args)} on {@code cpu}; it runs when the machine runs. */
    Task spawn(int cpu, String name, long function, long... args);

    /**
     * Calls a guest function on {@code cpu} and runs the machine (all CPUs, in the configured
     * interleaving) until it returns; the result is x0. An oops in the call kills its task and
     * this throws {@link GuestCallFailed}.
     */
    long call(int cpu, long function, long... args);

    /** {@link #call} by symbol name. */
    default long call(int cpu, String symbol, long... args) {
        return call(cpu, kallsyms().addressOf(symbol), args);
    }

    /** Runs the machine for {@code instructions} per CPU (in slices), or until it panics. */
    void run(long instructions);

    /** Runs until {@code done} holds (checked between slices), the machine is idle, or it panics. Returns {@code done}'s last value. */
    boolean runUntil(BooleanSupplier done, long maxInstructionsPerCpu);

    /** Whether the machine panicked ("Kernel panic - not syncing: ..."); nothing runs afterwards. */
    boolean panicked();
}
