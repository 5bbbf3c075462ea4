package org.kernelsim.kernel.machine;

import java.util.List;
import java.util.Optional;
import org.kernelsim.cpu.cache.ExecutionProbes;
import org.kernelsim.cpu.cache.CoherenceDomain;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.ExceptionHandler;
import org.kernelsim.cpu.core.HazardListener;
import org.kernelsim.cpu.exec.Aarch64Cpu;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.SparseMemory;

/** The real hardware: sim-cpu-aarch64's SparseMemory and Aarch64Cpus sharing one I-cache coherence domain. */
public final class Aarch64Platform implements Platform {

    @Override
    public Memory newMemory() {
        return new SparseMemory();
    }

    @Override
    public List<Cpu> newCpus(int n, Memory memory, CostModel costs, ExceptionHandler handler, HazardListener hazards) {
        if (!(memory instanceof SparseMemory sparse)) {
            throw new IllegalArgumentException("Aarch64Platform needs the SparseMemory it created");
        }
        CoherenceDomain domain = new CoherenceDomain(sparse);
        List<Aarch64Cpu> cpus = Aarch64Cpu.createCpus(n, domain, costs, handler);
        cpus.forEach(c -> c.setHazardListener(hazards));
        return List.copyOf(cpus);
    }

    @Override
    public Optional<ExecutionProbes> executionProbes(List<Cpu> cpus) {
        return cpus.isEmpty() || !(cpus.get(0) instanceof Aarch64Cpu a) ? Optional.empty()
                : Optional.of(a.domain().probes());
    }
}
