package org.kernelsim.kernel.machine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;

/**
 * The hardware of one simulated machine plus the per-CPU kernel state: the one mutable hub the
 * kernel's services share. Single-threaded by design (CPUs interleave on one host thread).
 */
public final class Machine {

    private final MachineSpec spec;
    private final Memory memory;
    private final List<Cpu> cpus = new ArrayList<>();
    private final List<PerCpu> perCpu = new ArrayList<>();
    /** The CPU on whose behalf kernel code runs now (the one in an exception handler, else the boot CPU). */
    private int currentCpu;
    private boolean panicked;
    private boolean smpUp;

    public Machine(MachineSpec spec, Memory memory) {
        this.spec = requireNonNull(spec, "spec");
        this.memory = requireNonNull(memory, "memory");
        for (int i = 0; i < spec.cpus(); i++) {
            perCpu.add(new PerCpu(i));
        }
    }

    public void attachCpus(List<Cpu> list) {
        if (!cpus.isEmpty() || list.size() != spec.cpus()) {
            throw new IllegalStateException("CPUs already attached or wrong count");
        }
        cpus.addAll(list);
    }

    public MachineSpec spec() {
        return spec;
    }

    public Memory memory() {
        return memory;
    }

    public List<Cpu> cpus() {
        return List.copyOf(cpus);
    }

    public Cpu cpu(int id) {
        return cpus.get(id);
    }

    public PerCpu perCpu(int id) {
        return perCpu.get(id);
    }

    public int cpuCount() {
        return spec.cpus();
    }

    public int currentCpu() {
        return currentCpu;
    }

    public void setCurrentCpu(int id) {
        currentCpu = id;
    }

    public boolean panicked() {
        return panicked;
    }

    public void panic() {
        panicked = true;
        cpus.forEach(Cpu::halt);
    }

    /** True once boot is over and secondary CPUs may run (stop_machine and CMODX checks matter from then on). */
    public boolean smpUp() {
        return smpUp;
    }

    public void setSmpUp(boolean up) {
        smpUp = up;
    }
}
