package org.kernelsim.kernel.run;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.module.ModuleState;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.PerCpu;
import org.kernelsim.kernel.machine.SavedContext;
import org.kernelsim.api.kernel.MachineSpec;

/**
 * One backend's run: boots a fresh machine through the backend plugin's Guice module, lets the
 * workload drive it (PMU interrupts, timeline), and turns what happened into a
 * {@link BackendReport}. Everything here is confined to the calling thread.
 */
public final class MachineRun implements WorkloadContext {

    private static final Logger LOG = LogManager.getLogger(MachineRun.class);
    /** sizeof(struct pt_regs) as the simulated IRQ entry writes it: regs[31], sp, pc, pstate (16-aligned). */
    private static final int PT_REGS_SIZE = 272;

    private final BackendRun backend;
    private final MachineSpec spec;
    private final Workload workload;
    private final List<TimelineStep> timeline;
    private final DoubleConsumer progress;
    private final CostModel costs;
    private SimKernel kernel;
    private long pmuPeriod;
    private long pmuHandler;
    private long irqExit;
    private long[] nextOverflow;
    private boolean[] pmuPending;
    private long pmuInterrupts;
    private final Map<String, Long> metrics = new LinkedHashMap<>();
    private final Map<String, List<BackendReport.KeyTarget>> keyHistory = new TreeMap<>();
    private final Map<String, int[]> moduleCounts = new TreeMap<>();
    private final Map<String, LoadedModule> lastPlacement = new TreeMap<>();

    public MachineRun(BackendRun backend, MachineSpec spec, Workload workload, List<TimelineStep> timeline,
            DoubleConsumer progress) {
        this(backend, spec, CostModel.defaults(), workload, timeline, progress);
    }

    /** @param costs the CPUs' cost model (the config's {@code costModel} overrides applied) */
    public MachineRun(BackendRun backend, MachineSpec spec, CostModel costs, Workload workload,
            List<TimelineStep> timeline, DoubleConsumer progress) {
        this.costs = requireNonNull(costs, "costs");
        this.backend = requireNonNull(backend, "backend");
        this.spec = requireNonNull(spec, "spec");
        this.workload = requireNonNull(workload, "workload");
        this.timeline = List.copyOf(timeline);
        this.progress = requireNonNull(progress, "progress");
    }

    /** Boots, runs the workload, reports. Kernel failures are in the report; only bugs throw. */
    public BackendReport run() {
        kernel = Machines.boot(spec, costs, backend.plugin().module(backend.options()));
        int n = spec.cpus();
        nextOverflow = new long[n];
        pmuPending = new boolean[n];
        irqExit = kernel.kallsyms().addressOf("__irq_exit");
        kernel.traps().addIrqHook(ctx -> pmuInterrupt(ctx.cpu()));
        kernel.modules().addNotifier((state, m) -> {
            int[] c = moduleCounts.computeIfAbsent(m.name(), x -> new int[2]);
            if (state == ModuleState.COMING) {
                c[0]++;
                lastPlacement.put(m.name(), m);
            } else if (state == ModuleState.GOING) {
                c[1]++;
            }
        });
        kernel.staticCalls().keys().forEach(k -> recordKeyTarget(k.name()));
        try {
            workload.run(this);
        } catch (org.kernelsim.api.kernel.GuestCallFailed e) {
            LOG.debug("{}: workload stopped: {}", backend.name(), e.getMessage());
        }
        kernel.staticCalls().keys().forEach(k -> recordKeyTarget(k.name()));
        progress.accept(1.0);
        return report();
    }

    public SimKernel kernelForTests() {
        return kernel;
    }

    // ---- WorkloadContext ----

    @Override
    public Kernel kernel() {
        return kernel;
    }

    @Override
    public long seed() {
        return spec.seed();
    }

    @Override
    public List<TimelineStep> timeline() {
        return timeline;
    }

    @Override
    public long now() {
        return kernel.cpus().get(0).counters().cycles;
    }

    @Override
    public boolean runUntil(long cycle, Runnable betweenSlices) {
        Cpu cpu0 = kernel.cpus().get(0);
        return kernel.runUntil(() -> {
            if (cpu0.counters().cycles >= cycle) {
                return true;
            }
            betweenSlices.run();
            raiseOverflows();
            return false;
        }, Long.MAX_VALUE / 4) && !kernel.panicked();
    }

    @Override
    public void programPmu(long period, String handler) {
        pmuPeriod = period;
        if (period > 0) {
            pmuHandler = kernel.kallsyms().addressOf(handler);
            for (int i = 0; i < nextOverflow.length; i++) {
                nextOverflow[i] = kernel.cpus().get(i).counters().cycles + period;
            }
        }
    }

    @Override
    public long pmuInterrupts() {
        return pmuInterrupts;
    }

    @Override
    public void addMetric(String name, long value) {
        metrics.merge(name, value, Long::sum);
    }

    @Override
    public void recordKeyTarget(String key) {
        kernel.staticCalls().key(key).ifPresent(k -> {
            String target = describeTarget(k);
            List<BackendReport.KeyTarget> h = keyHistory.computeIfAbsent(key, x -> new ArrayList<>());
            if (h.isEmpty() || !h.get(h.size() - 1).target().equals(target)) {
                h.add(new BackendReport.KeyTarget(now(), target));
            }
        });
    }

    @Override
    public void progress(double fraction) {
        progress.accept(fraction);
    }

    // ---- the PMU ----

    /** Between slices: a CPU whose cycle counter passed its overflow point gets the PMU interrupt line raised. */
    private void raiseOverflows() {
        if (pmuPeriod <= 0) {
            return;
        }
        List<Cpu> cpus = kernel.cpus();
        for (int i = 0; i < nextOverflow.length; i++) {
            Cpu c = cpus.get(i);
            long cycles = c.counters().cycles;
            if (cycles >= nextOverflow[i]) {
                // The counter reloads from the overflow point; periods missed while masked collapse into one.
                while (nextOverflow[i] <= cycles) {
                    nextOverflow[i] += pmuPeriod;
                }
                pmuPending[i] = true;
                c.setInterruptPending(true);
            }
        }
    }

    /**
     * In the IRQ vector: saves the interrupted context (pt_regs on the stack, the frame the IRQ
     * exit restores) and enters the guest handler with interrupts masked; {@code __irq_exit}
     * returns to the interrupted code.
     */
    private void pmuInterrupt(Cpu cpu) {
        int id = cpu.id();
        if (!pmuPending[id] || pmuPeriod <= 0) {
            return;
        }
        pmuPending[id] = false;
        pmuInterrupts++;
        Machine machine = kernel.machine();
        PerCpu p = machine.perCpu(id);
        p.irqFrames.push(SavedContext.save(cpu));
        p.irqDepth++; // held until __irq_exit
        long regs = (cpu.sp() - PT_REGS_SIZE) & ~15L;
        var mem = kernel.memory();
        for (int r = 0; r < 31; r++) {
            mem.write64(regs + 8L * r, cpu.x(r));
        }
        mem.write64(regs + 248, cpu.sp());
        mem.write64(regs + 256, cpu.sysreg(SystemRegister.ELR_EL1));
        mem.write64(regs + 264, cpu.sysreg(SystemRegister.SPSR_EL1));
        cpu.setSp(regs);
        cpu.setX(0, regs);
        cpu.setX(1, id);
        cpu.setX(2, p.current == null ? 0 : p.current.pid());
        cpu.setX(29, 0);
        cpu.setX(30, irqExit);
        // The vector's ERET lands on the handler at EL1h with DAIF masked (SPSR.M = 0b0101).
        cpu.setSysreg(SystemRegister.ELR_EL1, pmuHandler);
        cpu.setSysreg(SystemRegister.SPSR_EL1, 0x3c5);
    }

    // ---- the report ----

    private String describeTarget(StaticCallKey k) {
        long q = kernel.staticCalls().query(k.name());
        if (q == 0) {
            return "NULL";
        }
        return kernel.kallsyms().symbolAt(q).map(s -> s.name()).orElse(String.format("0x%016x", q));
    }

    private BackendReport report() {
        CpuCounters.Snapshot total = null;
        for (Cpu c : kernel.cpus()) {
            total = total == null ? c.counters().snapshot() : total.plus(c.counters().snapshot());
        }
        // Measured by execution probes on every static-call site and kCFI check (CallProbes).
        var probes = kernel.staticCallCore().callProbes();
        Map<String, Long> measured = probes.callsByKey();
        long calls = measured.values().stream().mapToLong(Long::longValue).sum();
        long checks = probes.cfiChecks();
        List<BackendReport.KeyReport> keys = new ArrayList<>();
        for (StaticCallKey k : kernel.staticCalls().keys()) {
            keys.add(new BackendReport.KeyReport(k.name(), measured.getOrDefault(k.name(), 0L), k.updates(),
                    describeTarget(k), keyHistory.getOrDefault(k.name(), List.of())));
        }
        var counters = new BackendReport.Counters(total.instructions(), total.cycles(), total.branches(),
                total.indirectBranches(), calls, checks, total.exceptions());
        Optional<BackendReport.PerCall> perCall = Optional.empty();
        if (metrics.containsKey("callInstructions") && metrics.getOrDefault("measuredCalls", 0L) > 0) {
            double m = metrics.get("measuredCalls");
            perCall = Optional.of(new BackendReport.PerCall(metrics.get("callInstructions") / m,
                    metrics.getOrDefault("callCycles", 0L) / m));
        }
        List<BackendReport.ModuleReport> modules = new ArrayList<>();
        moduleCounts.forEach((name, c) -> {
            LoadedModule m = lastPlacement.get(name);
            modules.add(new BackendReport.ModuleReport(name, m.near() ? "near" : "far", m.plts(), c[0], c[1]));
        });
        var reports = kernel.reports();
        List<BackendReport.CfiFailureReport> cfiFailures = reports.cfiFailures().stream()
                .map(f -> new BackendReport.CfiFailureReport(f.at(), f.target(), f.expectedTypeHex())).toList();
        List<String> oopses = reports.oopses().stream().map(o -> o.internalError()).toList();
        List<String> warnings = reports.warnings().stream().map(KernelReport::headline).toList();
        Optional<String> panic = reports.of(KernelReport.Panic.class).stream().findFirst().map(KernelReport::headline);
        var stats = kernel.patcher().stats();
        long stall = 0;
        for (int i = 0; i < spec.cpus(); i++) {
            stall += kernel.machine().perCpu(i).stallCycles;
        }
        var patching = new BackendReport.Patching(stats.nosync(), stats.stopMachine(), stats.literalWrites(), stall);
        List<BackendReport.ViolationReport> violations = reports.violations().stream()
                .map(v -> new BackendReport.ViolationReport(v.kind(), v.detail(), v.count())).toList();
        var hazards = new BackendReport.Hazards(reports.staleWindowFetches(), reports.staleWindowSites());
        Map<String, Long> m = new LinkedHashMap<>(metrics);
        m.put("pmuInterrupts", pmuInterrupts);
        return new BackendReport(backend.name(), backend.implementation(), backend.options(), counters, perCall, keys, modules, cfiFailures, oopses, warnings, panic,
                patching, violations, hazards, m);
    }

    /** The kernel log of the run (for tests and --verbose). */
    public List<String> log() {
        return kernel.log();
    }
}
