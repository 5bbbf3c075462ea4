package org.kernelsim.kernel.boot;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.symbols.KernelSymbol;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Symbol;
import org.kernelsim.kernel.layout.Layout;
import org.kernelsim.kernel.link.BuiltObject;
import org.kernelsim.kernel.link.Linker;
import org.kernelsim.kernel.link.ObjectBuilder;
import org.kernelsim.kernel.link.RelocationOverflow;
import org.kernelsim.kernel.link.Relocator;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.Rcu;
import org.kernelsim.kernel.sched.Scheduler;
import org.kernelsim.kernel.staticcall.BuildSupport;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.symbols.KallsymsImpl;
import org.kernelsim.kernel.trap.JavaServices;

/**
 * What the kernel's build and head.S do before start_kernel runs C: build the image (core stubs
 * and built-in modules, through the backend's emitters), link it at KIMAGE_VADDR, map it
 * RX/RO/RW, set up per-CPU stacks, fill kallsyms and exports, and register (initialise) the
 * static calls. The initcalls are left to {@link SimKernel#start()}.
 */
public final class ImageLinker {

    /** {@code yield} (HINT #1): what cpu_relax() spins with. */
    private static final int YIELD = 0xd503203f;

    private final MachineSpec spec;
    private final Machine machine;
    private final KallsymsImpl kallsyms;
    private final ReportLog reports;
    private final JavaServices services;
    private final StaticCallCore staticCalls;
    private final Scheduler scheduler;
    private final Rcu rcu;

    @Inject
    public ImageLinker(MachineSpec spec, Machine machine, KallsymsImpl kallsyms, ReportLog reports, JavaServices services,
                       StaticCallCore staticCalls, Scheduler scheduler, Rcu rcu) {
        this.spec = requireNonNull(spec, "spec");
        this.machine = requireNonNull(machine, "machine");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.reports = requireNonNull(reports, "reports");
        this.services = requireNonNull(services, "services");
        this.staticCalls = requireNonNull(staticCalls, "staticCalls");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.rcu = requireNonNull(rcu, "rcu");
    }

    public KernelImage link() {
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
        Linker.Plan image = Linker.plan(objects, Layout.KIMAGE_VADDR, spec.textSize(), 0);
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
        List<String> initcalls = objects.stream().flatMap(o -> o.init().stream()).toList();
        return new KernelImage(image, initcalls);
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
            reports.printk(s);
            return s.length();
        }, true);
    }

    /**
     * {@code synchronize_rcu()} for guest callers: it really waits for a grace period. The Java
     * half snapshots every CPU's quiescent-state count; the guest half then polls (on the calling
     * CPU, while the others run) until every other CPU is idle, has passed a context switch since
     * the snapshot, or is itself waiting in synchronize_rcu (sleeping, in Linux). See {@link Rcu}.
     */
    private void emitSynchronizeRcu(BuildSupport b) {
        b.javaFunction("__rcu_gp_start", FunctionType.parse("unsigned long(void)"),
                ctx -> rcu.startGuest(ctx.cpu().id()), false);
        b.javaFunction("__rcu_gp_poll", FunctionType.parse("int(unsigned long)"),
                ctx -> rcu.pollGuest(ctx.arg(0), ctx.cpu().id()) ? 1 : 0, false);
        CodeEmitter e = b.emitter();
        e.section(".text");
        e.beginFunction("synchronize_rcu", FunctionType.parse("void(void)"), true)
                .insn(A64.BTI_C).insn(A64.stpPre(29, 30, A64.SP, -32)).insn(A64.MOV_FP_SP)
                .insn(A64.strX(19, A64.SP, 16))
                .insn(A64.bl(0), RelocationType.CALL26, "__rcu_gp_start")
                .insn(A64.movX(19, 0))
                .label(".Lrcu_wait")
                .insn(YIELD).insn(A64.movX(0, 19))
                .insn(A64.bl(0), RelocationType.CALL26, "__rcu_gp_poll")
                .insn(A64.cbz(0, 0, false), RelocationType.CONDBR19, ".Lrcu_wait")
                .insn(A64.ldrX(19, A64.SP, 16)).insn(A64.ldpPost(29, 30, A64.SP, 32)).insn(A64.RET)
                .endFunction();
        e.export("synchronize_rcu");
    }

    private String readCString(long addr) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1024; i++) {
            byte c = machine.memory().read8(addr + i);
            if (c == 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
