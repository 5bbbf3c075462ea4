package org.kernelsim.kernel.module;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.module.ModuleLoadException;
import org.kernelsim.api.module.ModuleLoader;
import org.kernelsim.api.module.ModuleNotifier;
import org.kernelsim.api.module.ModuleState;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.symbols.KernelSymbol;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;
import org.kernelsim.kernel.layout.Layout;
import org.kernelsim.kernel.link.BuiltObject;
import org.kernelsim.kernel.link.Linker;
import org.kernelsim.kernel.link.PltTable;
import org.kernelsim.kernel.link.RelocationOverflow;
import org.kernelsim.kernel.link.Relocator;
import org.kernelsim.kernel.machine.Machine;
import org.kernelsim.kernel.report.ReportLog;
import org.kernelsim.kernel.sched.Rcu;
import org.kernelsim.kernel.staticcall.StaticCallCore;
import org.kernelsim.kernel.symbols.KallsymsImpl;

/**
 * {@code kernel/module/main.c} + {@code arch/arm64/kernel/module.c}: allocate (near the image when
 * it fits, else within 2 GiB of it, as {@code module_init_limits}), copy, resolve against exports,
 * relocate (PLTs for out-of-range branches), register symbols and static calls, COMING, init,
 * LIVE. Any failure undoes everything.
 */
public final class ModuleLoaderImpl implements ModuleLoader {

    /** Builds an available module's object through the backend's emitters. */
    public interface Builder {
        BuiltModule build(KernelModule module);
    }

    /** Runs guest code: the module's init and exit. */
    public interface GuestCaller {
        long call(long function);
    }

    public record BuiltModule(BuiltObject object, List<StaticCallKeyDef> keys) {
    }

    private record Loaded(LoadedModule info, Linker.Plan plan, BuiltObject obj) {
    }

    private final Machine machine;
    private final KallsymsImpl kallsyms;
    private final ReportLog reports;
    private final StaticCallCore staticCalls;
    private final FreedText freedText;
    private final Builder builder;
    private final GuestCaller caller;
    private final Runnable synchronizeRcu;
    private final long imageStart;
    private final long imageEnd;
    private final Map<String, KernelModule> available = new LinkedHashMap<>();
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    private final List<ModuleNotifier> notifiers = new ArrayList<>();
    private final ModuleArea area = new ModuleArea();

    /** The per-machine wiring: the image's bounds from the linked vmlinux, the wait for a grace period from {@link Rcu}. */
    @Inject
    public ModuleLoaderImpl(MachineSpec spec, Machine machine, KallsymsImpl kallsyms, ReportLog reports,
                            StaticCallCore staticCalls, FreedText freedText, Builder builder, GuestCaller caller, Rcu rcu,
                            Linker.Plan image) {
        this(machine, kallsyms, reports, staticCalls, freedText, builder, caller, rcu::synchronize, image.base(),
                image.end(), spec.modules());
    }

    public ModuleLoaderImpl(Machine machine, KallsymsImpl kallsyms, ReportLog reports, StaticCallCore staticCalls,
                            FreedText freedText, Builder builder, GuestCaller caller, Runnable synchronizeRcu,
                            long imageStart, long imageEnd, List<KernelModule> modules) {
        this.machine = requireNonNull(machine, "machine");
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.reports = requireNonNull(reports, "reports");
        this.staticCalls = requireNonNull(staticCalls, "staticCalls");
        this.freedText = requireNonNull(freedText, "freedText");
        this.builder = requireNonNull(builder, "builder");
        this.caller = requireNonNull(caller, "caller");
        this.synchronizeRcu = requireNonNull(synchronizeRcu, "synchronizeRcu");
        this.imageStart = imageStart;
        this.imageEnd = imageEnd;
        modules.stream().filter(m -> !m.builtIn()).forEach(m -> available.put(m.name(), m));
    }

    @Override
    public LoadedModule load(String name) {
        KernelModule m = available.get(name);
        if (m == null) {
            throw fail(String.format("modprobe: FATAL: Module %s not found", name), Errno.ENOENT);
        }
        if (loaded.containsKey(name)) {
            throw fail(String.format("%s: module is already loaded", name), Errno.EEXIST);
        }
        BuiltModule b;
        try {
            b = builder.build(m);
        } catch (RuntimeException e) {
            staticCalls.forgetDefs(name);
            throw e;
        }
        return load(b.object(), b.keys());
    }

    @Override
    public LoadedModule load(ObjectFile obj) {
        return load(BuiltObject.of(obj), List.of());
    }

    private ModuleLoadException fail(String message, int errno) {
        reports.printk(message);
        return new ModuleLoadException(message, errno);
    }

    private LoadedModule load(BuiltObject obj, List<StaticCallKeyDef> keys) {
        String name = obj.object().name();
        if (loaded.containsKey(name)) {
            staticCalls.forgetDefs(name);
            throw fail(String.format("%s: module is already loaded", name), Errno.EEXIST);
        }
        int plts = Linker.countPlts(obj);
        long size = Linker.plan(List.of(obj), 0, 0, plts).size();
        long base = allocate(size);
        if (base == -1) {
            staticCalls.forgetDefs(name);
            throw fail(String.format("%s: module allocation of %d bytes failed", name, size), Errno.ENOMEM);
        }
        Linker.Plan plan = Linker.plan(List.of(obj), base, 0, plts);
        Linker.mapAndCopy(machine.memory(), plan, List.of(obj), machine.spec().features().bti());
        PltTable pltTable = new PltTable(machine.memory(), plan.pltBase(), plan.pltCapacity());
        try {
            relocate(name, obj, plan, pltTable);
        } catch (ModuleLoadException e) {
            Linker.unmap(machine.memory(), plan);
            area.free(base, plan.size());
            staticCalls.forgetDefs(name);
            throw e;
        }
        freedText.reused(base, plan.size());
        flushModuleIcache(name, obj, plan);
        addSymbols(name, obj, plan);
        LoadedModule info = new LoadedModule(name, base, plan.size(), imageEnd - base <= Layout.BRANCH_RANGE,
                pltTable.used(), plan.sections().get(name));
        Loaded l = new Loaded(info, plan, obj);
        loaded.put(name, l);
        staticCalls.registerObject(name, obj, plan, keys);
        notifiers.forEach(n -> n.notify(ModuleState.COMING, info));
        if (obj.init().isPresent()) {
            long r = caller.call(kallsyms.addressOf(obj.init().get()));
            if ((int) r != 0) {
                notifiers.forEach(n -> n.notify(ModuleState.GOING, info));
                teardown(l);
                throw fail(String.format("%s: init failed with %d", name, (int) r), (int) r);
            }
        }
        notifiers.forEach(n -> n.notify(ModuleState.LIVE, info));
        reports.printk(String.format("%s: loaded at 0x%016x (%s, %d PLTs)", name, base, info.near() ? "near" : "far",
                info.plts()));
        return info;
    }

    /**
     * {@code flush_module_icache()}: the module's text may land where a freed module's text was,
     * and CPUs may still cache that; clean and invalidate every text line to the PoU on the
     * loading CPU (the invalidation is broadcast; each CPU drops its copy at its next
     * context-synchronisation event).
     */
    private void flushModuleIcache(String name, BuiltObject obj, Linker.Plan plan) {
        Cpu cpu = machine.cpu(machine.currentCpu());
        Map<String, Long> sections = plan.sections().get(name);
        for (Section s : obj.object().sections()) {
            Long base = sections.get(s.name());
            if (s.kind() != Section.Kind.TEXT || base == null) {
                continue;
            }
            for (long line = base & ~63L; line < base + s.size(); line += 64) {
                cpu.cleanDataCacheToPou(line);
            }
            cpu.dataSynchronizationBarrier();
            for (long line = base & ~63L; line < base + s.size(); line += 64) {
                cpu.invalidateInstructionCache(line);
            }
            cpu.dataSynchronizationBarrier();
        }
        cpu.instructionSynchronizationBarrier();
    }

    /** module_init_limits: the 128 MiB window below the image end first (no PLTs), then the 2 GiB one. */
    private long allocate(long size) {
        long nearLo = Math.max(Layout.MODULES_VADDR, imageEnd - Layout.BRANCH_RANGE);
        long farLo = Math.max(Layout.MODULES_VADDR, imageEnd - (2L << 30));
        MachineSpec.Placement p = machine.spec().placement();
        long base = -1;
        if (p != MachineSpec.Placement.FAR && Long.compareUnsigned(nearLo, Layout.MODULES_END) < 0) {
            base = area.alloc(size, nearLo, Layout.MODULES_END);
        }
        if (base == -1 && p == MachineSpec.Placement.FAR && Long.compareUnsigned(farLo, nearLo) < 0) {
            base = area.alloc(size, farLo, nearLo);
        }
        if (base == -1 && p != MachineSpec.Placement.NEAR) {
            base = area.alloc(size, farLo, Layout.MODULES_END);
        }
        return base;
    }

    private void relocate(String name, BuiltObject obj, Linker.Plan plan, PltTable plts) {
        Map<String, Long> sections = plan.sections().get(name);
        for (Relocation r : obj.object().relocations()) {
            Long s = Linker.definedAddress(plan, obj, r.symbol());
            if (s == null) {
                Optional<KernelSymbol> e = kallsyms.exported(r.symbol());
                if (e.isEmpty()) {
                    throw fail(String.format("%s: Unknown symbol %s (err %d)", name, r.symbol(), Errno.ENOENT),
                            Errno.ENOENT);
                }
                s = e.get().address();
            }
            try {
                Relocator.apply(machine.memory(), r.type(), sections.get(r.section()) + r.offset(), s, r.addend(), plts);
            } catch (RelocationOverflow o) {
                throw fail(o.kernelMessage(name), Errno.ENOEXEC);
            }
        }
    }

    private void addSymbols(String name, BuiltObject obj, Linker.Plan plan) {
        for (Symbol s : obj.object().symbols()) {
            if (s.isDefined() && (s.type() != Symbol.Type.NOTYPE || s.binding() == Symbol.Binding.GLOBAL)) {
                long addr = plan.sections().get(name).get(s.section()) + s.value();
                kallsyms.add(new KernelSymbol(s.name(), addr, s.size(), name, s.type() == Symbol.Type.FUNC),
                        obj.prototypes().get(s.name()));
            }
        }
        obj.exports().forEach(kallsyms::export);
    }

    @Override
    public int unload(String name) {
        Loaded l = loaded.get(name);
        if (l == null) {
            return Errno.ENOENT;
        }
        if (l.obj().exit().isPresent()) {
            caller.call(kallsyms.addressOf(l.obj().exit().get()));
        }
        notifiers.forEach(n -> n.notify(ModuleState.GOING, l.info()));
        // Nobody may still be inside the module when its memory goes: wait for a grace period in
        // which every other CPU passes a quiescent state (a stall is reported, then unload goes on).
        synchronizeRcu.run();
        teardown(l);
        reports.printk(String.format("%s: unloaded", name));
        return 0;
    }

    private void teardown(Loaded l) {
        String name = l.info().name();
        staticCalls.removeModule(name);
        kallsyms.removeModule(name);
        Linker.unmap(machine.memory(), l.plan());
        area.free(l.plan().base(), l.plan().size());
        freedText.freed(l.plan().base(), l.plan().size(), name);
        loaded.remove(name);
    }

    @Override
    public Optional<LoadedModule> module(String name) {
        return Optional.ofNullable(loaded.get(name)).map(Loaded::info);
    }

    @Override
    public List<LoadedModule> loaded() {
        return loaded.values().stream().map(Loaded::info).toList();
    }

    @Override
    public void addNotifier(ModuleNotifier notifier) {
        notifiers.add(requireNonNull(notifier, "notifier"));
    }

    public ModuleArea area() {
        return area;
    }

    public long imageStart() {
        return imageStart;
    }
}
