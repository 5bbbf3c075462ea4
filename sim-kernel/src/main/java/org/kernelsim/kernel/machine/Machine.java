package org.kernelsim.kernel.machine;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
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
    /**
     * The CPUs, created on first use. They and the kernel's exception vectors need each other (a
     * CPU reports to the vectors, the vectors keep per-CPU state here), so the hardware comes
     * through a provider: the cycle is broken by laziness, not by a setter.
     */
    private final Provider<List<Cpu>> hardware;
    private List<Cpu> cpus;
    private final List<PerCpu> perCpu = new ArrayList<>();
    /** The CPU on whose behalf kernel code runs now (the one in an exception handler, else the boot CPU). */
    private int currentCpu;
    private boolean panicked;
    /** Exception handlers in progress (Java code running on behalf of {@link #currentCpu()}'s guest code). */
    private int trapDepth;
    private boolean smpUp;

    @Inject
    public Machine(MachineSpec spec, Memory memory, Provider<List<Cpu>> hardware) {
        this.spec = requireNonNull(spec, "spec");
        this.memory = requireNonNull(memory, "memory");
        this.hardware = requireNonNull(hardware, "hardware");
        for (int i = 0; i < spec.cpus(); i++) {
            perCpu.add(new PerCpu(i));
        }
    }

    private List<Cpu> hw() {
        if (cpus == null) {
            List<Cpu> list = List.copyOf(hardware.get());
            if (list.size() != spec.cpus()) {
                throw new IllegalStateException("expected " + spec.cpus() + " CPUs, the platform made " + list.size());
            }
            cpus = list;
        }
        return cpus;
    }

    public MachineSpec spec() {
        return spec;
    }

    public Memory memory() {
        return memory;
    }

    public List<Cpu> cpus() {
        return hw();
    }

    public Cpu cpu(int id) {
        return hw().get(id);
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

    /** Called by the exception vectors around each handler. */
    public void enterTrap() {
        trapDepth++;
    }

    public void exitTrap() {
        trapDepth--;
    }

    /** True while kernel Java code runs inside an exception handler, i.e. in the context of {@link #currentCpu()}'s guest code. */
    public boolean inTrap() {
        return trapDepth > 0;
    }

    public boolean panicked() {
        return panicked;
    }

    public void panic() {
        panicked = true;
        hw().forEach(Cpu::halt);
    }

    /** True once boot is over and secondary CPUs may run (stop_machine and CMODX checks matter from then on). */
    public boolean smpUp() {
        return smpUp;
    }

    public void setSmpUp(boolean up) {
        smpUp = up;
    }
}
