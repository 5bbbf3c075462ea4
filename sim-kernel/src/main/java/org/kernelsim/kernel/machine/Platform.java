package org.kernelsim.kernel.machine;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.kernelsim.cpu.cache.ExecutionProbes;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.ExceptionHandler;
import org.kernelsim.cpu.core.HazardListener;
import org.kernelsim.cpu.memory.Memory;

/**
 * Where the hardware comes from: the memory and the CPUs of one machine (the CPUs sharing one
 * I-cache coherence domain). Implemented over sim-cpu-aarch64's SparseMemory/Aarch64Cpu in
 * production, by fakes in unit tests; found with {@link ServiceLoader} unless bound explicitly.
 */
public interface Platform {

    Memory newMemory();

    /** {@code n} CPUs at EL1 over {@code memory}, reporting exceptions to {@code handler} and stale fetches to {@code hazards}. */
    List<Cpu> newCpus(int n, Memory memory, CostModel costs, ExceptionHandler handler, HazardListener hazards);

    /**
     * The execution probes of the coherence domain {@code cpus} (from {@link #newCpus}) share, if
     * the hardware has them; the kernel puts one on every static-call site and kCFI check.
     */
    default Optional<ExecutionProbes> executionProbes(List<Cpu> cpus) {
        return Optional.empty();
    }

    static Platform discover() {
        return ServiceLoader.load(Platform.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no org.kernelsim.kernel.machine.Platform on the class path (sim-cpu-aarch64's CPU model)"));
    }
}
