package org.kernelsim.cpu.exec;

import java.util.ArrayList;
import java.util.List;
import org.kernelsim.cpu.cache.CoherenceDomain;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.memory.SparseMemory;

/**
 * A small machine for tests: code at {@link #CODE} (guarded RX), data at {@link #DATA} (RW),
 * a stack, and a vector page whose handler records the exception and halts the CPU.
 */
final class TestMachine {
    static final long CODE = 0xffff800080000000L;
    static final long DATA = 0xffff800090000000L;
    static final long STACK_TOP = 0xffff8000a0010000L;
    static final long VBAR = 0xffff8000b0000000L;

    final SparseMemory memory = new SparseMemory();
    final CoherenceDomain domain = new CoherenceDomain(memory);
    final List<CpuException> exceptions = new ArrayList<>();
    final List<Long> elrs = new ArrayList<>();
    final List<Aarch64Cpu> cpus = new ArrayList<>();
    /** When true the default handler halts the CPU; otherwise it leaves it at the vector. */
    boolean haltOnException = true;

    TestMachine(int ncpus) {
        this(ncpus, Permissions.RX_GUARDED);
    }

    TestMachine(int ncpus, Permissions code) {
        memory.map(CODE, 0x10000, code);
        memory.map(DATA, 0x10000, Permissions.RW);
        memory.map(STACK_TOP - 0x10000, 0x10000, Permissions.RW);
        memory.map(VBAR, 0x1000, Permissions.RX);
        for (int i = 0; i < ncpus; i++) {
            Aarch64Cpu cpu = new Aarch64Cpu(i, memory, domain, CostModel.defaults(), this::handle);
            cpu.setSysreg(SystemRegister.VBAR_EL1, VBAR);
            cpu.setSp(STACK_TOP);
            cpu.setPc(CODE);
            cpu.setDaif(0);
            cpus.add(cpu);
        }
    }

    Aarch64Cpu cpu() {
        return cpus.get(0);
    }

    private void handle(Cpu cpu, CpuException e) {
        exceptions.add(e);
        elrs.add(cpu.sysreg(SystemRegister.ELR_EL1));
        if (haltOnException) {
            cpu.halt();
        }
    }

    void code(long at, int... words) {
        for (int i = 0; i < words.length; i++) {
            memory.write32(at + 4L * i, words[i]);
        }
    }

    void code(int... words) {
        code(CODE, words);
    }

    /** Runs CPU 0 until it halts (at most n steps). */
    Aarch64Cpu run(long n) {
        cpu().run(n);
        return cpu();
    }

    CpuException last() {
        return exceptions.isEmpty() ? null : exceptions.get(exceptions.size() - 1);
    }
}
