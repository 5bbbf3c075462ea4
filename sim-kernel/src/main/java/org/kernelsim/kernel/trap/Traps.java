package org.kernelsim.kernel.trap;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.GuestContext;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.ExceptionHandler;
import org.kernelsim.cpu.core.HazardListener;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.memory.Fault;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.PerCpu;
import org.kernelsim.kernel.module.FreedText;
import org.kernelsim.kernel.patching.Insns;
import org.kernelsim.kernel.report.Oopser;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.Scheduler;

/**
 * The EL1 exception vectors: HVC traps into Java services, BRK (kCFI, BUG), BTI, aborts and
 * undefined instructions become the kernel's reports with its exact words; IRQs run the timer.
 * An oops kills the current task (the CPU goes idle), or panics in interrupt context.
 */
public final class Traps implements ExceptionHandler, HazardListener {

    private static final Logger LOG = LogManager.getLogger(Traps.class);
    private static final long PAGE_SIZE = 4096;

    private final Machine machine;
    private final Scheduler scheduler;
    private final JavaServices services;
    private final ReportLog reports;
    private final Kallsyms kallsyms;
    private final Oopser oopser;
    private final FreedText freedText;
    /** The kernel's face for {@link GuestContext#kernel()}: it owns these vectors, hence a provider (a real cycle). */
    private final Provider<Kernel> kernel;
    private final List<IrqHook> irqHooks = new ArrayList<>();

    /** Java code run on every timer interrupt, in IRQ context. */
    @FunctionalInterface
    public interface IrqHook {
        void onTimer(GuestContext ctx);
    }

    @Inject
    public Traps(Machine machine, Scheduler scheduler, JavaServices services, ReportLog reports, Kallsyms kallsyms,
                 Oopser oopser, FreedText freedText, Provider<Kernel> kernel) {
        this.machine = requireNonNull(machine, "machine");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.services = requireNonNull(services, "services");
        this.reports = requireNonNull(reports, "reports");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.oopser = requireNonNull(oopser, "oopser");
        this.freedText = requireNonNull(freedText, "freedText");
        this.kernel = requireNonNull(kernel, "kernel");
    }

    public void addIrqHook(IrqHook hook) {
        irqHooks.add(requireNonNull(hook, "hook"));
    }

    private GuestContext context(Cpu cpu) {
        PerCpu p = machine.perCpu(cpu.id());
        int pid = p.current == null ? 0 : p.current.pid();
        boolean irq = p.inInterrupt();
        Kernel k = kernel.get();
        return new GuestContext() {
            @Override
            public Cpu cpu() {
                return cpu;
            }

            @Override
            public int pid() {
                return pid;
            }

            @Override
            public boolean inInterrupt() {
                return irq;
            }

            @Override
            public Kernel kernel() {
                return k;
            }

            @Override
            public void warn() {
                // The Java function's body is "bti c; hvc #id; ret": the HVC is at ELR - 4.
                long at = cpu.sysreg(SystemRegister.ELR_EL1) - 4;
                String where = kallsyms.format(at);
                List<String> text = new ArrayList<>();
                text.add(String.format("WARNING: CPU: %d PID: %d at %s", cpu.id(), pid, where));
                text.addAll(oopser.regsAndTrace(cpu, pid, comm(cpu), at));
                text.add("---[ end trace 0000000000000000 ]---");
                reports.report(new KernelReport.Warning(cpu.id(), pid, where, text));
            }
        };
    }

    @Override
    public void handle(Cpu cpu, CpuException ex) {
        int prev = machine.currentCpu();
        machine.setCurrentCpu(cpu.id());
        machine.enterTrap();
        try {
            dispatch(cpu, ex);
        } finally {
            machine.exitTrap();
            machine.setCurrentCpu(prev);
        }
    }

    private void dispatch(Cpu cpu, CpuException ex) {
        long elr = cpu.sysreg(SystemRegister.ELR_EL1);
        if (ex instanceof CpuException.HypervisorCall h) {
            hvc(cpu, h.imm16());
        } else if (ex instanceof CpuException.Interrupt) {
            irq(cpu);
        } else if (ex instanceof CpuException.Breakpoint b) {
            brk(cpu, b, elr);
        } else if (ex instanceof CpuException.BranchTarget) {
            die(cpu, "Oops - BTI", "", ex.esr(), elr);
        } else if (ex instanceof CpuException.DataAbort d) {
            abort(cpu, d.fault(), ex.esr(), elr);
        } else if (ex instanceof CpuException.InstructionAbort i) {
            String module = freedText.moduleAt(i.fault().address());
            if (module != null) {
                reports.report(new KernelReport.Violation("freed-text", String.format(
                        "CPU %d executed freed text of module %s at %016x (from %s)", cpu.id(), module,
                        i.fault().address(), kallsyms.format(cpu.x(30)))));
            }
            abort(cpu, i.fault(), ex.esr(), elr);
        } else if (ex instanceof CpuException.Undefined) {
            die(cpu, "Oops - Undefined instruction", "", ex.esr(), elr);
        } else {
            // SVC/SMC at EL1: arm64's el1_inv -> "Oops - bad mode".
            die(cpu, "Oops - bad mode", "", ex.esr(), elr);
        }
    }

    private void hvc(Cpu cpu, int imm) {
        if (imm == JavaServices.TASK_EXIT) {
            scheduler.taskReturned(cpu);
            return;
        }
        if (imm == JavaServices.IRQ_EXIT) {
            PerCpu p = machine.perCpu(cpu.id());
            p.irqFrames.pop().restore(cpu);
            p.irqDepth--;
            cpu.exceptionReturn();
            return;
        }
        JavaServices.Entry e = services.get(imm);
        if (e == null) {
            die(cpu, "Oops - Undefined instruction", "", CpuException.IL, cpu.sysreg(SystemRegister.ELR_EL1) - 4);
            return;
        }
        long r = e.fn().call(context(cpu));
        if (machine.panicked() || cpu.halted()) {
            return;
        }
        cpu.setX(0, r);
        cpu.exceptionReturn();
    }

    private void irq(Cpu cpu) {
        PerCpu p = machine.perCpu(cpu.id());
        cpu.setInterruptPending(false);
        p.irqDepth++;
        p.ticks++;
        try {
            GuestContext ctx = context(cpu);
            for (IrqHook h : irqHooks) {
                h.onTimer(ctx);
            }
        } finally {
            p.irqDepth--;
        }
        if (!machine.panicked() && !cpu.halted()) {
            cpu.exceptionReturn();
        }
    }

    private void brk(Cpu cpu, CpuException.Breakpoint b, long pc) {
        int imm = b.imm16();
        if ((imm & ~0x3ff) == 0x8000) {
            long target = cpu.x(imm & 31);
            int type = (int) cpu.x((imm >> 5) & 31);
            PerCpu p = machine.perCpu(cpu.id());
            int pid = p.current == null ? 0 : p.current.pid();
            var failure = new KernelReport.CfiFailure(cpu.id(), pid, kallsyms.format(pc), kallsyms.format(target), type,
                    List.of());
            reports.report(new KernelReport.CfiFailure(failure.cpu(), pid, failure.at(), failure.target(), type,
                    List.of(failure.headline())));
            if (machine.spec().features().cfi() == CfiMode.PERMISSIVE) {
                String at = kallsyms.format(pc);
                List<String> text = new ArrayList<>();
                text.add(String.format("WARNING: CPU: %d PID: %d at %s", cpu.id(), pid, at));
                text.addAll(oopser.regsAndTrace(cpu, pid, comm(cpu), pc));
                text.add("---[ end trace 0000000000000000 ]---");
                reports.report(new KernelReport.Warning(cpu.id(), pid, at, text));
                // report_cfi_failure returned WARN: skip the BRK, onto the BLR; the call goes ahead.
                cpu.setSysreg(SystemRegister.ELR_EL1, pc + 4);
                cpu.exceptionReturn();
                return;
            }
            die(cpu, "Oops - CFI", "", b.esr(), pc);
        } else if (imm == 0x800) {
            die(cpu, "Oops - BUG", "kernel BUG at " + kallsyms.format(pc) + "!", b.esr(), pc);
        } else if (imm == 0x100) {
            die(cpu, "Oops - BRK", "Kernel text patching generated an invalid instruction at " + kallsyms.format(pc) + "!",
                    b.esr(), pc);
        } else {
            die(cpu, "Oops - BRK", "Unexpected kernel BRK exception at EL1", b.esr(), pc);
        }
    }

    private void abort(Cpu cpu, Fault f, int esr, long pc) {
        String what;
        if (f.kind() == Fault.Kind.PERMISSION && f.access() == Fault.Access.WRITE) {
            what = "write to read-only memory";
        } else if (f.kind() == Fault.Kind.PERMISSION && f.access() == Fault.Access.FETCH) {
            what = "execute from non-executable memory";
        } else if (Long.compareUnsigned(f.address(), PAGE_SIZE) < 0) {
            what = "NULL pointer dereference";
        } else {
            what = "paging request";
        }
        die(cpu, "Oops", String.format("Unable to handle kernel %s at virtual address %016x", what, f.address()), esr, pc);
    }

    private String comm(Cpu cpu) {
        PerCpu p = machine.perCpu(cpu.id());
        return p.current == null ? "swapper/" + cpu.id() : p.current.name();
    }

    /** arm64 die(): "Internal error: %s: %016x [#N]", registers, call trace; kills the task or panics in IRQ context. */
    private void die(Cpu cpu, String kind, String message, int esr, long pc) {
        PerCpu p = machine.perCpu(cpu.id());
        int pid = p.current == null ? 0 : p.current.pid();
        boolean inIrq = p.inInterrupt();
        int number = reports.nextOopsNumber();
        var oops = new KernelReport.Oops(cpu.id(), pid, kind, message, esr, number, kallsyms.format(pc), inIrq, List.of());
        List<String> text = new ArrayList<>();
        if (!message.isEmpty()) {
            text.add(message);
        }
        if (kind.equals("Oops")) {
            text.add("Mem abort info:");
            text.add(String.format("  ESR = 0x%016x", esr & 0xffffffffL));
        }
        text.add(oops.internalError());
        text.addAll(oopser.regsAndTrace(cpu, pid, comm(cpu), pc));
        text.add(String.format("Code: %s", codeAt(pc)));
        text.add("---[ end trace 0000000000000000 ]---");
        reports.report(new KernelReport.Oops(cpu.id(), pid, kind, message, esr, number, kallsyms.format(pc), inIrq, text));
        LOG.debug("oops on CPU {}: {}", cpu.id(), oops.headline());
        if (inIrq) {
            String reason = "Fatal exception in interrupt";
            reports.report(new KernelReport.Panic(reason, List.of("Kernel panic - not syncing: " + reason)));
            machine.panic();
            return;
        }
        scheduler.killCurrent(cpu);
    }

    private String codeAt(long pc) {
        try {
            return Insns.describe(machine.memory().read32(pc), pc);
        } catch (RuntimeException e) {
            return "Bad PC value";
        }
    }

    /** A stale fetch the CPU did not classify: treated as one without a pending invalidation. */
    @Override
    public void staleFetch(Cpu cpu, long va, int executedWord, int memoryWord) {
        staleFetch(cpu, va, executedWord, memoryWord, false);
    }

    /**
     * Without a pending invalidation the writer never completed the maintenance of the new word
     * (DC CVAU, DSB, IC IVAU, DSB): this CPU may run the old one indefinitely, a {@code stale-fetch}
     * violation, reported once per (CPU, address, executed word, memory word) and counted. With
     * one, it is the window the architecture permits until this CPU's next context
     * synchronisation (whether the old/new pair may race at all is the CMODX check's business, at
     * patch time): counted as a hazard, not a violation.
     */
    @Override
    public void staleFetch(Cpu cpu, long va, int executedWord, int memoryWord, boolean invalidationPending) {
        if (invalidationPending) {
            reports.staleWindowFetch(new ReportLog.StaleWindowFetch(cpu.id(), va, executedWord, memoryWord));
            return;
        }
        reports.reportCounted(new StaleFetch(cpu.id(), va, executedWord, memoryWord),
                () -> new KernelReport.Violation("stale-fetch", String.format(
                        "CPU %d executed stale %s at %s (memory holds %s)", cpu.id(), Insns.describe(executedWord, va),
                        kallsyms.format(va), Insns.describe(memoryWord, va))));
    }

    /** What makes two stale-fetch violations the same one. */
    private record StaleFetch(int cpu, long va, int executedWord, int memoryWord) {
    }
}
