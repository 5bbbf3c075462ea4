package org.kernelsim.kernel.patching;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.MachineSpec.CmodxPolicy;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.kernel.layout.Layout;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.PerCpu;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.stopmachine.StopMachineImpl;

/**
 * arm64 {@code patching.c}. Every write maps the target page at FIX_TEXT_POKE0 (writable), writes
 * through that alias and unmaps it: the text mapping itself never becomes writable. Instruction
 * writes are followed by {@code caches_clean_inval_pou} on the patching CPU; the 64-bit literal
 * write is data and gets none.
 */
public final class TextPatcherImpl implements TextPatcher {

    private static final Logger LOG = LogManager.getLogger(TextPatcherImpl.class);

    private final Machine machine;
    private final Kallsyms kallsyms;
    private final ReportLog reports;
    private final StopMachineImpl stopMachine;
    private long nosync;
    private long stopMachinePatches;
    private long literalWrites;
    private boolean skipCacheMaintenance;

    @Inject
    public TextPatcherImpl(Machine machine, Kallsyms kallsyms, ReportLog reports, StopMachineImpl stopMachine) {
        this.machine = requireNonNull(machine, "machine");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.reports = requireNonNull(reports, "reports");
        this.stopMachine = requireNonNull(stopMachine, "stopMachine");
    }

    /**
     * Fault injection for tests: a patcher that forgets {@code caches_clean_inval_pou}, so other
     * CPUs keep executing their cached copies (reported as {@code stale-fetch} violations: no IC IVAU
     * ever publishes the new word, unlike the window before a CPU's next context synchronisation).
     */
    public void setSkipCacheMaintenance(boolean skip) {
        skipCacheMaintenance = skip;
    }

    @Override
    public int patchNosync(long addr, int insn) {
        int ret = writeInsn(addr, insn);
        if (ret == 0) {
            nosync++;
        }
        return ret;
    }

    /**
     * aarch64_insn_patch_text_nosync without the accounting: {@link #patch} uses it under
     * stop_machine as the kernel's callback does, and counts its rewrites as stop_machine patches
     * only, so the report's kinds are disjoint.
     */
    private int writeInsn(long addr, int insn) {
        if ((addr & 3) != 0) {
            return Errno.EINVAL;
        }
        int old = read(addr);
        if (!stopMachine.inRun()) {
            checkCmodx(addr, old, insn);
        }
        poke(addr, 4, insn);
        if (!skipCacheMaintenance) {
            cleanInvalPou(machine.cpu(machine.currentCpu()), addr);
        }
        return 0;
    }

    @Override
    public int patch(long[] addrs, int[] insns) {
        if (addrs.length == 0 || addrs.length != insns.length) {
            return Errno.EINVAL;
        }
        stopMachinePatches++;
        // aarch64_insn_patch_text_cb: the last CPU to arrive patches; the others wait for it, then ISB.
        return stopMachine.runOnEach((cpu, last) -> {
            if (!last) {
                return 0;
            }
            int prev = machine.currentCpu();
            machine.setCurrentCpu(cpu);
            try {
                for (int i = 0; i < addrs.length; i++) {
                    int ret = writeInsn(addrs[i], insns[i]);
                    if (ret != 0) {
                        return ret;
                    }
                }
                return 0;
            } finally {
                machine.setCurrentCpu(prev);
            }
        }, cpu -> machine.cpu(cpu).instructionSynchronizationBarrier());
    }

    @Override
    public int writeLiteral64(long addr, long value) {
        if ((addr & 7) != 0) {
            return Errno.EINVAL;
        }
        poke(addr, 8, value);
        literalWrites++;
        return 0;
    }

    @Override
    public int read(long addr) {
        return machine.memory().read32(addr);
    }

    @Override
    public PatchStats stats() {
        return new PatchStats(nosync, stopMachinePatches, literalWrites);
    }

    /** patch_map(addr, FIX_TEXT_POKE0) + the write + patch_unmap, under patch_lock (implicit: one host thread). */
    private void poke(long addr, int size, long value) {
        Memory mem = machine.memory();
        long page = Layout.pageAlignDown(addr);
        mem.alias(Layout.FIX_TEXT_POKE0, page, Layout.PAGE_SIZE, Permissions.RW);
        try {
            long va = Layout.FIX_TEXT_POKE0 + (addr - page);
            if (size == 4) {
                mem.write32(va, (int) value);
            } else {
                mem.write64(va, value);
            }
        } finally {
            mem.unmap(Layout.FIX_TEXT_POKE0, Layout.PAGE_SIZE);
        }
    }

    /** caches_clean_inval_pou(addr, addr + 4): DC CVAU, DSB ISH, IC IVAU, DSB ISH, then ISB. */
    private static void cleanInvalPou(Cpu cpu, long addr) {
        cpu.cleanDataCacheToPou(addr);
        cpu.dataSynchronizationBarrier();
        cpu.invalidateInstructionCache(addr);
        cpu.dataSynchronizationBarrier();
        cpu.instructionSynchronizationBarrier();
    }

    /**
     * Arm ARM B2.2.5: a concurrent modification is only safe when both words are among B, BL,
     * BRK, HVC, ISB, NOP, SMC, SVC. "Concurrent" = some other online CPU is not idle, so it may
     * be executing this code right now.
     */
    private void checkCmodx(long addr, int old, int insn) {
        CmodxPolicy policy = machine.spec().cmodx();
        if (policy == CmodxPolicy.OFF || old == insn || A64.isCmodxSafe(old) && A64.isCmodxSafe(insn)) {
            return;
        }
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < machine.cpuCount(); i++) {
            PerCpu p = machine.perCpu(i);
            if (i != machine.currentCpu() && !p.idle() && !machine.cpu(i).halted()) {
                running.add(i);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        String detail = String.format("nosync patch at %s while CPUs %s may execute it: %s -> %s",
                kallsyms.format(addr), running, Insns.describe(old, addr, kallsyms), Insns.describe(insn, addr, kallsyms));
        LOG.debug("cmodx: {}", detail);
        reports.report(new KernelReport.Violation("cmodx", detail));
        if (policy == CmodxPolicy.FAULT) {
            reports.report(new KernelReport.Panic("CMODX violation at " + kallsyms.format(addr),
                    List.of("Kernel panic - not syncing: CMODX violation at " + kallsyms.format(addr))));
            machine.panic();
        }
    }
}
