package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.ModuleLoader;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReports;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCalls;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.kernel.link.Linker;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.Platform;
import org.kernelsim.kernel.module.ModuleLoaderImpl;
import org.kernelsim.kernel.patching.TextPatcherImpl;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.GuestCalls;
import org.kernelsim.kernel.sched.Rcu;
import org.kernelsim.kernel.sched.Scheduler;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.stopmachine.StopMachineImpl;
import org.kernelsim.kernel.symbols.KallsymsImpl;
import org.kernelsim.kernel.trap.JavaServices;
import org.kernelsim.kernel.trap.Traps;

/**
 * One booted simulated kernel: the composition of the machine and every kernel service, and
 * its {@link Kernel} face. Each service is a singleton of the machine's Guice injector
 * ({@link MachineModule}); getting this class from the injector links the image
 * ({@link ImageLinker}: head.S and the build); {@link #start()} does what start_kernel's tail
 * and the initcalls would: SMP up, the boot banner, the built-ins' initcalls.
 * {@link Machines#boot} does both.
 */
public final class SimKernel implements Kernel {

    private static final Logger LOG = LogManager.getLogger(SimKernel.class);
    /** Guest calls made from Java give up after this many instructions per CPU (a hang, not a result). */
    public static final long CALL_BUDGET = GuestCalls.CALL_BUDGET;

    private final MachineSpec spec;
    private final Machine machine;
    private final KallsymsImpl kallsyms;
    private final ReportLog reports;
    private final JavaServices services;
    private final StopMachineImpl stop;
    private final Scheduler scheduler;
    private final TextPatcherImpl patcherImpl;
    private final TextPatcher patcher;
    private final Traps traps;
    private final StaticCallCore staticCalls;
    private final ModuleLoaderImpl modules;
    private final GuestCalls calls;
    private final Rcu rcu;
    private final KernelImage image;
    private boolean started;

    /**
     * {@code patcherImpl} is the patcher itself (for its fault injection); {@code patcher} what
     * the kernel patches through, the same object unless a module overrides {@link TextPatcher}.
     */
    @Inject
    SimKernel(MachineSpec spec, Machine machine, KallsymsImpl kallsyms, ReportLog reports, JavaServices services,
              StopMachineImpl stop, Scheduler scheduler, TextPatcherImpl patcherImpl, TextPatcher patcher, Traps traps,
              StaticCallCore staticCalls, ModuleLoaderImpl modules, GuestCalls calls, Rcu rcu, KernelImage image) {
        this.spec = requireNonNull(spec, "spec");
        this.machine = requireNonNull(machine, "machine");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.reports = requireNonNull(reports, "reports");
        this.services = requireNonNull(services, "services");
        this.stop = requireNonNull(stop, "stop");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.patcherImpl = requireNonNull(patcherImpl, "patcherImpl");
        this.patcher = requireNonNull(patcher, "patcher");
        this.traps = requireNonNull(traps, "traps");
        this.staticCalls = requireNonNull(staticCalls, "staticCalls");
        this.modules = requireNonNull(modules, "modules");
        this.calls = requireNonNull(calls, "calls");
        this.rcu = requireNonNull(rcu, "rcu");
        this.image = requireNonNull(image, "image");
    }

    /** Boots a machine: see the class comment. */
    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend) {
        return Machines.boot(spec, platform, backend);
    }

    /** Boots with CPUs costed by {@code costs} (the config's {@code costModel} overrides applied). */
    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend, CostModel costs) {
        return Machines.boot(Guice.createInjector(new MachineModule(spec, platform, costs), Machines.backend(backend)));
    }

    /** start_kernel's tail: SMP up, the banner, the built-ins' initcalls. Once; later calls do nothing. */
    synchronized SimKernel start() {
        if (started) {
            return this;
        }
        started = true;
        machine.setSmpUp(true);
        KernelFeatures f = spec.features();
        reports.printk(String.format("Booting kernelsim on %d CPUs, static calls: %s, kCFI %s, BTI %s", spec.cpus(),
                staticCalls.backend(), f.cfi().name().toLowerCase(), f.bti() ? "on" : "off"));
        for (String init : image.initcalls()) {
            long r = call(0, kallsyms.addressOf(init));
            if ((int) r != 0) {
                reports.printk(String.format("initcall %s returned %d", init, (int) r));
            }
        }
        LOG.debug("booted: image 0x{}..0x{}", Long.toHexString(image.plan().base()), Long.toHexString(image.plan().end()));
        return this;
    }

    // ---- Kernel ----

    public Machine machine() {
        return machine;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Traps traps() {
        return traps;
    }

    public TextPatcherImpl textPatcher() {
        return patcherImpl;
    }

    public StopMachineImpl stopMachineImpl() {
        return stop;
    }

    public Rcu rcu() {
        return rcu;
    }

    public StaticCallCore staticCallCore() {
        return staticCalls;
    }

    public ModuleLoaderImpl moduleLoader() {
        return modules;
    }

    public Linker.Plan image() {
        return image.plan();
    }

    public KallsymsImpl kallsymsImpl() {
        return kallsyms;
    }

    public JavaServices services() {
        return services;
    }

    @Override
    public KernelFeatures features() {
        return spec.features();
    }

    @Override
    public String backendName() {
        return staticCalls.backend();
    }

    @Override
    public List<Cpu> cpus() {
        return machine.cpus();
    }

    @Override
    public Memory memory() {
        return machine.memory();
    }

    @Override
    public Kallsyms kallsyms() {
        return kallsyms;
    }

    @Override
    public StaticCalls staticCalls() {
        return staticCalls;
    }

    @Override
    public ModuleLoader modules() {
        return modules;
    }

    @Override
    public TextPatcher patcher() {
        return patcher;
    }

    @Override
    public StopMachine stopMachine() {
        return stop;
    }

    /** The kernel log, with the hazard counters the API's {@link KernelReports} does not have. */
    @Override
    public ReportLog reports() {
        return reports;
    }

    @Override
    public void printk(String line) {
        reports.printk(line);
    }

    @Override
    public List<String> log() {
        return reports.dmesg();
    }

    @Override
    public Task spawn(int cpu, String name, long function, long... args) {
        return scheduler.spawn(cpu, name, function, args);
    }

    @Override
    public long call(int cpu, long function, long... args) {
        return calls.call(cpu, function, args);
    }

    @Override
    public void run(long instructions) {
        scheduler.run(instructions, () -> false);
    }

    @Override
    public boolean runUntil(BooleanSupplier done, long maxInstructionsPerCpu) {
        return scheduler.run(maxInstructionsPerCpu, done);
    }

    @Override
    public boolean panicked() {
        return machine.panicked();
    }
}
