package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleLoader;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReports;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.StaticCalls;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.api.symbols.KernelSymbol;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.Symbol;
import org.kernelsim.kernel.layout.Layout;
import org.kernelsim.kernel.link.BuiltObject;
import org.kernelsim.kernel.link.Linker;
import org.kernelsim.kernel.link.ObjectBuilder;
import org.kernelsim.kernel.link.RelocationOverflow;
import org.kernelsim.kernel.link.Relocator;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.machine.Platform;
import org.kernelsim.kernel.module.FreedText;
import org.kernelsim.kernel.module.ModuleLoaderImpl;
import org.kernelsim.kernel.patching.TextPatcherImpl;
import org.kernelsim.kernel.report.Oopser;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.Scheduler;
import org.kernelsim.kernel.sched.TaskImpl;
import org.kernelsim.kernel.staticcall.BuildSupport;
import org.kernelsim.kernel.staticcall.CallProbes;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.symbols.KallsymsImpl;
import org.kernelsim.kernel.trap.JavaServices;
import org.kernelsim.kernel.trap.Traps;

/**
 * One booted simulated kernel: the composition of the machine and every kernel service, and
 * its {@link Kernel} face. {@link #boot} does what head.S, start_kernel and the initcalls would:
 * build and link the image (core stubs + built-in modules, through the backend's emitters), map
 * it RX/RO/RW, set up per-CPU stacks, initialise static calls, bring up the CPUs, run initcalls.
 */
public final class SimKernel implements Kernel {

    private static final Logger LOG = LogManager.getLogger(SimKernel.class);
    /** Guest calls made from Java give up after this many instructions per CPU (a hang, not a result). */
    public static final long CALL_BUDGET = 200_000_000L;

    private final MachineSpec spec;
    private final Machine machine;
    private final KallsymsImpl kallsyms = new KallsymsImpl();
    private final ReportLog reports = new ReportLog();
    private final JavaServices services = new JavaServices();
    private final FreedText freedText = new FreedText();
    private final StopMachineImplHolder stop;
    private final Scheduler scheduler;
    private final TextPatcherImpl patcher;
    private final Traps traps;
    private final StaticCallCore staticCalls;
    private ModuleLoaderImpl modules;
    private Linker.Plan image;

    private record StopMachineImplHolder(org.kernelsim.kernel.stopmachine.StopMachineImpl impl) {
    }

    private SimKernel(MachineSpec spec, Platform platform, StaticCallBackend backend, CostModel costs) {
        this.spec = requireNonNull(spec, "spec");
        requireNonNull(platform, "platform");
        requireNonNull(backend, "backend");
        Memory memory = platform.newMemory();
        this.machine = new Machine(spec, memory);
        this.stop = new StopMachineImplHolder(new org.kernelsim.kernel.stopmachine.StopMachineImpl(machine));
        this.scheduler = new Scheduler(machine);
        this.patcher = new TextPatcherImpl(machine, kallsyms, reports, stop.impl());
        this.traps = new Traps(machine, scheduler, services, reports, kallsyms, new Oopser(kallsyms, memory), freedText,
                () -> this);
        machine.attachCpus(platform.newCpus(spec.cpus(), memory, requireNonNull(costs, "costs"), traps, traps));
        // Every CPU starts idle; the scheduler resumes one when it has a task for it.
        machine.cpus().forEach(Cpu::halt);
        this.staticCalls = new StaticCallCore(backend, machine, kallsyms, reports, patcher, stop.impl(),
                new CallProbes(platform.executionProbes(machine.cpus()), memory));
    }

    /** Boots a machine: see the class comment. */
    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend) {
        return boot(spec, platform, backend, CostModel.defaults());
    }

    /** Boots with CPUs costed by {@code costs} (the config's {@code costModel} overrides applied). */
    public static SimKernel boot(MachineSpec spec, Platform platform, StaticCallBackend backend, CostModel costs) {
        SimKernel k = new SimKernel(spec, platform, backend, costs);
        k.bootImage();
        return k;
    }

    private void bootImage() {
        Memory mem = machine.memory();
        for (int i = 0; i < spec.cpus(); i++) {
            mem.map(Layout.stackTop(i) - Layout.STACK_SIZE, Layout.STACK_SIZE, Permissions.RW);
        }
        KernelFeatures f = spec.features();
        List<BuildSupport> parts = new ArrayList<>();
        BuildSupport core = new BuildSupport(new ObjectBuilder("vmlinux", "vmlinux", f), staticCalls, services);
        emitCore(core);
        parts.add(core);
        List<KernelModule> builtIns = spec.modules().stream().filter(KernelModule::builtIn).toList();
        for (KernelModule m : builtIns) {
            BuildSupport b = new BuildSupport(new ObjectBuilder("vmlinux", "vmlinux:" + m.name(), f), staticCalls, services);
            m.build(b);
            parts.add(b);
        }
        List<BuiltObject> objects = parts.stream().map(p -> p.builder().build()).toList();
        image = Linker.plan(objects, Layout.KIMAGE_VADDR, spec.textSize(), 0);
        Linker.mapAndCopy(mem, image, objects, f.bti());
        // vmlinux symbols first (kallsyms, exports, prototypes), then relocate against them.
        for (BuiltObject o : objects) {
            for (Symbol s : o.object().symbols()) {
                if (s.isDefined() && (s.type() != Symbol.Type.NOTYPE || s.binding() == Symbol.Binding.GLOBAL)) {
                    kallsyms.add(new KernelSymbol(s.name(), Linker.definedAddress(image, o, s.name()), s.size(), "vmlinux",
                            s.type() == Symbol.Type.FUNC), o.prototypes().get(s.name()));
                }
            }
        }
        for (BuiltObject o : objects) {
            for (Relocation r : o.object().relocations()) {
                Long s = Linker.definedAddress(image, o, r.symbol());
                if (s == null) {
                    s = objects.stream().map(x -> x.object().symbol(r.symbol())
                                    .filter(y -> y.isDefined() && y.binding() == Symbol.Binding.GLOBAL)
                                    .map(y -> Linker.definedAddress(image, x, y.name())).orElse(null))
                            .filter(java.util.Objects::nonNull).findFirst()
                            .orElseThrow(() -> new IllegalStateException("vmlinux: undefined reference to `" + r.symbol() + "'"));
                }
                try {
                    Relocator.apply(mem, r.type(), image.sections().get(o.object().name()).get(r.section()) + r.offset(), s,
                            r.addend(), null);
                } catch (RelocationOverflow e) {
                    throw new IllegalStateException("vmlinux: " + e.kernelMessage("vmlinux"), e);
                }
            }
            o.exports().forEach(kallsyms::export);
        }
        scheduler.setTaskExitStub(kallsyms.addressOf("__task_exit"));
        for (int i = 0; i < parts.size(); i++) {
            staticCalls.registerObject("vmlinux", objects.get(i), image, parts.get(i).definedHere());
        }
        modules = new ModuleLoaderImpl(machine, kallsyms, reports, staticCalls, freedText, this::buildModule,
                fn -> call(0, fn), this::synchronizeRcu, Layout.KIMAGE_VADDR, image.end(), spec.modules());
        machine.setSmpUp(true);
        reports.printk(String.format("Booting kernelsim on %d CPUs, static calls: %s, kCFI %s, BTI %s", spec.cpus(),
                staticCalls.backend(), f.cfi().name().toLowerCase(), f.bti() ? "on" : "off"));
        for (BuiltObject o : objects) {
            if (o.init().isPresent()) {
                long r = call(0, kallsyms.addressOf(o.init().get()));
                if ((int) r != 0) {
                    reports.printk(String.format("initcall %s returned %d", o.init().get(), (int) r));
                }
            }
        }
        LOG.debug("booted: image 0x{}..0x{}", Long.toHexString(image.base()), Long.toHexString(image.end()));
    }

    /** The kernel's own code: task/IRQ exits, {@code __static_call_return0}, {@code __static_call_nop}, Java services. */
    private void emitCore(BuildSupport b) {
        CodeEmitter e = b.emitter();
        e.section(".text");
        e.beginFunction("__task_exit", null, true).insn(A64.hvc(JavaServices.TASK_EXIT)).endFunction();
        e.beginFunction("__irq_exit", null, true).insn(A64.hvc(JavaServices.IRQ_EXIT)).endFunction();
        // long __static_call_return0(void): the 12-byte "bti c; mov x0, xzr; ret" (+0x0/0xc in reports).
        e.beginFunction(StaticCallNames.RETURN0, FunctionType.parse("long(void)"), true)
                .insn(A64.BTI_C).insn(A64.movX(0, A64.XZR)).insn(A64.RET).endFunction();
        e.export(StaticCallNames.RETURN0);
        e.beginFunction(StaticCallNames.NOP, FunctionType.parse("void(void)"), true)
                .insn(A64.BTI_C).insn(A64.RET).endFunction();
        e.export(StaticCallNames.NOP);
        b.javaFunction("__static_call_update", FunctionType.parse("void(struct static_call_key *, void *, void *)"),
                ctx -> {
                    StaticCallKey key = staticCalls.keyAt(ctx.arg(0)).orElse(null);
                    return key == null ? -22 : staticCalls.update(key, ctx.arg(2));
                }, true);
        emitSynchronizeRcu(b);
        b.javaFunction("_printk", FunctionType.parse("int(const char *)"), ctx -> {
            String s = readCString(ctx.arg(0));
            printk(s);
            return s.length();
        }, true);
    }

    /**
     * {@code synchronize_rcu()} for guest callers: it really waits for a grace period. The Java
     * half snapshots every CPU's quiescent-state count; the guest half then polls (on the calling
     * CPU, while the others run) until every other CPU is idle, has passed a context switch since
     * the snapshot, or is itself waiting in synchronize_rcu (sleeping, in Linux).
     */
    private void emitSynchronizeRcu(BuildSupport b) {
        Map<Long, long[]> snapshots = new HashMap<>();
        long[] nextGp = {1};
        b.javaFunction("__rcu_gp_start", FunctionType.parse("unsigned long(void)"), ctx -> {
            long[] snap = new long[spec.cpus()];
            for (int i = 0; i < snap.length; i++) {
                snap[i] = machine.perCpu(i).quiescentStates;
            }
            machine.perCpu(ctx.cpu().id()).waitingForGracePeriod = true;
            long gp = nextGp[0]++;
            snapshots.put(gp, snap);
            return gp;
        }, false);
        b.javaFunction("__rcu_gp_poll", FunctionType.parse("int(unsigned long)"), ctx -> {
            long[] snap = snapshots.get(ctx.arg(0));
            int self = ctx.cpu().id();
            for (int i = 0; snap != null && i < snap.length; i++) {
                var p = machine.perCpu(i);
                if (i != self && !p.idle() && !p.waitingForGracePeriod && p.quiescentStates == snap[i]) {
                    return 0;
                }
            }
            snapshots.remove(ctx.arg(0));
            machine.perCpu(self).waitingForGracePeriod = false;
            return 1;
        }, false);
        CodeEmitter e = b.emitter();
        e.section(".text");
        e.beginFunction("synchronize_rcu", FunctionType.parse("void(void)"), true)
                .insn(A64.BTI_C).insn(A64.stpPre(29, 30, A64.SP, -32)).insn(A64.MOV_FP_SP)
                .insn(A64.strX(19, A64.SP, 16))
                .insn(A64.bl(0), org.kernelsim.cpu.obj.RelocationType.CALL26, "__rcu_gp_start")
                .insn(A64.movX(19, 0))
                .label(".Lrcu_wait")
                .insn(YIELD).insn(A64.movX(0, 19))
                .insn(A64.bl(0), org.kernelsim.cpu.obj.RelocationType.CALL26, "__rcu_gp_poll")
                .insn(A64.cbz(0, 0, false), org.kernelsim.cpu.obj.RelocationType.CONDBR19, ".Lrcu_wait")
                .insn(A64.ldrX(19, A64.SP, 16)).insn(A64.ldpPost(29, 30, A64.SP, 32)).insn(A64.RET)
                .endFunction();
        e.export("synchronize_rcu");
    }

    /** {@code yield} (HINT #1): what cpu_relax() spins with. */
    private static final int YIELD = 0xd503203f;

    private String readCString(long addr) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1024; i++) {
            byte b = machine.memory().read8(addr + i);
            if (b == 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private ModuleLoaderImpl.BuiltModule buildModule(KernelModule m) {
        BuildSupport b = new BuildSupport(new ObjectBuilder(m.name(), m.name(), spec.features()), staticCalls, services);
        m.build(b);
        return new ModuleLoaderImpl.BuiltModule(b.builder().build(), b.definedHere());
    }

    /** A grace period: every CPU returns to the scheduler once (a quiescent state). */
    private void synchronizeRcu() {
        if (machine.perCpu(machine.currentCpu()).current != null) {
            return; // called from guest context: the caller is itself the grace period's blocker
        }
        scheduler.quiesce();
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
        return patcher;
    }

    public org.kernelsim.kernel.stopmachine.StopMachineImpl stopMachineImpl() {
        return stop.impl();
    }

    public StaticCallCore staticCallCore() {
        return staticCalls;
    }

    public ModuleLoaderImpl moduleLoader() {
        return modules;
    }

    public Linker.Plan image() {
        return image;
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
        return stop.impl();
    }

    @Override
    public KernelReports reports() {
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
        if (machine.panicked()) {
            throw new GuestCallFailed("the kernel has panicked");
        }
        TaskImpl t = scheduler.spawn(cpu, "call:" + kallsyms.format(function), function, args);
        scheduler.run(CALL_BUDGET, t::finished);
        if (t.state() == Task.State.DONE) {
            return t.result().orElseThrow();
        }
        throw new GuestCallFailed(String.format("call to %s on CPU %d %s", kallsyms.format(function), cpu,
                machine.panicked() ? "ended in a panic" : t.state() == Task.State.KILLED ? "was killed by an oops"
                        : "did not return within " + CALL_BUDGET + " instructions"));
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
