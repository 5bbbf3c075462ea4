package org.kernelsim.kernel.machine;

import java.util.List;
import java.util.ServiceLoader;
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

    static Platform discover() {
        return ServiceLoader.load(Platform.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no org.kernelsim.kernel.machine.Platform on the class path (sim-cpu-aarch64's CPU model)"));
    }
}
