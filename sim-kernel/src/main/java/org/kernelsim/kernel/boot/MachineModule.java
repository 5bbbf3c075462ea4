package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
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
import org.kernelsim.kernel.module.FreedText;
import org.kernelsim.kernel.module.ModuleLoaderImpl;
import org.kernelsim.kernel.patching.TextPatcherImpl;
import org.kernelsim.kernel.report.Oopser;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.GuestCalls;
import org.kernelsim.kernel.sched.Rcu;
import org.kernelsim.kernel.sched.Scheduler;
import org.kernelsim.kernel.staticcall.CallProbes;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.stopmachine.StopMachineImpl;
import org.kernelsim.kernel.symbols.KallsymsImpl;
import org.kernelsim.kernel.trap.JavaServices;
import org.kernelsim.kernel.trap.Traps;

/**
 * The per-machine Guice bindings (one injector per simulated machine, every service a singleton
 * of it): the spec, the hardware platform and the cost model as instances; each kernel service
 * bound to its implementation, built by its {@code @Inject} constructor; the sim-api interfaces
 * ({@link TextPatcher}, {@link StopMachine}, {@link Kallsyms}, {@link ModuleLoader},
 * {@link StaticCalls}, {@link KernelReports}, {@link Kernel}) bound to those implementations, so a
 * {@code Modules.override} can decorate or replace one. The {@link StaticCallBackend} comes from
 * the backend plugin's module.
 *
 * <p>Cycles, each broken by a provider, none by a setter:
 * <ul>
 *   <li>CPUs ↔ exception vectors: a CPU reports exceptions to {@link Traps}, which keeps per-CPU
 *       state in {@link Machine}, which owns the CPUs. {@link Machine} gets its CPUs through a
 *       {@code Provider<List<Cpu>>}, made on first use.</li>
 *   <li>{@link Traps} → {@link Kernel}: a guest context hands Java services the kernel, which
 *       owns the vectors; {@link Traps} holds a {@code Provider<Kernel>}.</li>
 * </ul>
 * The image ({@link KernelImage}) is linked when first needed: the module loader needs its end,
 * {@link SimKernel} its initcalls.
 */
public final class MachineModule extends AbstractModule {

    private final MachineSpec spec;
    private final Platform platform;
    private final CostModel costs;

    public MachineModule(MachineSpec spec, Platform platform) {
        this(spec, platform, CostModel.defaults());
    }

    public MachineModule(MachineSpec spec, Platform platform, CostModel costs) {
        this.spec = requireNonNull(spec, "spec");
        this.platform = requireNonNull(platform, "platform");
        this.costs = requireNonNull(costs, "costs");
    }

    @Override
    protected void configure() {
        binder().disableCircularProxies();
        bind(MachineSpec.class).toInstance(spec);
        bind(Platform.class).toInstance(platform);
        bind(CostModel.class).toInstance(costs);

        bind(Machine.class).in(Singleton.class);
        bind(KallsymsImpl.class).in(Singleton.class);
        bind(Kallsyms.class).to(KallsymsImpl.class);
        bind(ReportLog.class).in(Singleton.class);
        bind(KernelReports.class).to(ReportLog.class);
        bind(JavaServices.class).in(Singleton.class);
        bind(FreedText.class).in(Singleton.class);
        bind(Oopser.class).in(Singleton.class);
        bind(Scheduler.class).in(Singleton.class);
        bind(GuestCalls.class).in(Singleton.class);
        bind(Rcu.class).in(Singleton.class);
        bind(Traps.class).in(Singleton.class);
        bind(StopMachineImpl.class).in(Singleton.class);
        bind(StopMachine.class).to(StopMachineImpl.class);
        bind(TextPatcherImpl.class).in(Singleton.class);
        bind(TextPatcher.class).to(TextPatcherImpl.class);
        bind(StaticCallCore.class).in(Singleton.class);
        bind(StaticCalls.class).to(StaticCallCore.class);
        bind(ImageLinker.class).in(Singleton.class);
        bind(ModuleLoaderImpl.Builder.class).to(ModuleBuilder.class).in(Singleton.class);
        bind(ModuleLoaderImpl.class).in(Singleton.class);
        bind(ModuleLoader.class).to(ModuleLoaderImpl.class);
        bind(SimKernel.class).in(Singleton.class);
        bind(Kernel.class).to(SimKernel.class);
    }

    @Provides
    @Singleton
    Memory memory(Platform platform) {
        return platform.newMemory();
    }

    /** The CPUs, every one idle (halted) until the scheduler resumes it with a task. */
    @Provides
    @Singleton
    List<Cpu> cpus(MachineSpec spec, Platform platform, Memory memory, CostModel costs, Traps traps) {
        List<Cpu> cpus = List.copyOf(platform.newCpus(spec.cpus(), memory, costs, traps, traps));
        cpus.forEach(Cpu::halt);
        return cpus;
    }

    @Provides
    @Singleton
    CallProbes callProbes(Platform platform, Machine machine) {
        return new CallProbes(platform.executionProbes(machine.cpus()), machine.memory());
    }

    @Provides
    @Singleton
    KernelImage image(ImageLinker linker) {
        return linker.link();
    }

    @Provides
    Linker.Plan plan(KernelImage image) {
        return image.plan();
    }

    /** Module init and exit run as calls on CPU 0. */
    @Provides
    ModuleLoaderImpl.GuestCaller moduleCaller(GuestCalls calls) {
        return fn -> calls.call(0, fn);
    }
}
