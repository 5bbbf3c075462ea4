package org.kernelsim.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Modules;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.module.ModuleLoader;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReports;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCalls;
import org.kernelsim.api.staticcall.testing.SelftestModule;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.kernel.machine.Aarch64Platform;
import org.kernelsim.kernel.machine.Machine;
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
import org.kernelsim.kernel.testbackend.TestBackend;
import org.kernelsim.kernel.trap.JavaServices;
import org.kernelsim.kernel.trap.Traps;

/** The kernel's services really come from Guice: one set per machine, and substitutable by a module override. */
class MachineWiringTest {

    private static final List<Class<?>> SERVICES = List.of(Machine.class, Memory.class, KallsymsImpl.class,
            ReportLog.class, JavaServices.class, FreedText.class, Oopser.class, Scheduler.class, GuestCalls.class,
            Rcu.class, Traps.class, StopMachineImpl.class, TextPatcherImpl.class, StaticCallCore.class,
            CallProbes.class, ImageLinker.class, KernelImage.class, ModuleLoaderImpl.class, SimKernel.class,
            Kallsyms.class, KernelReports.class, StopMachine.class, TextPatcher.class, StaticCalls.class,
            ModuleLoader.class, Kernel.class);

    private static MachineSpec spec() {
        return MachineSpec.defaults().withCpus(2).withModules(List.of(new SelftestModule()));
    }

    private static Injector injector(com.google.inject.Module... extra) {
        List<com.google.inject.Module> modules = new ArrayList<>(List.of(new MachineModule(spec(), new Aarch64Platform()),
                Machines.backend(new TestBackend())));
        modules.addAll(List.of(extra));
        return Guice.createInjector(modules);
    }

    @Test
    void eachServiceIsASingletonOfItsMachineAndTwoMachinesShareNone() {
        Injector a = injector();
        Injector b = injector();
        SimKernel ka = Machines.boot(a);
        SimKernel kb = Machines.boot(b);
        Map<Object, Class<?>> seen = new IdentityHashMap<>();
        for (Injector i : List.of(a, b)) {
            for (Class<?> c : SERVICES) {
                Object o = i.getInstance(c);
                assertSame(o, i.getInstance(c), c + " is a singleton per injector");
                if (seen.containsKey(o)) {
                    // Within one machine an interface and its implementation are one object; across machines never.
                    assertTrue(c.isInstance(o) && i.getInstance(seen.get(o)) == o, c + " shared between machines");
                }
                seen.put(o, c);
            }
        }
        // The kernel's faces are the injector's objects.
        assertSame(a.getInstance(Kallsyms.class), ka.kallsyms());
        assertSame(a.getInstance(TextPatcher.class), ka.patcher());
        assertSame(a.getInstance(StopMachine.class), ka.stopMachine());
        assertSame(a.getInstance(ModuleLoader.class), ka.modules());
        assertSame(a.getInstance(StaticCalls.class), ka.staticCalls());
        assertSame(a.getInstance(KernelReports.class), ka.reports());
        assertSame(ka, a.getInstance(Kernel.class));
        assertNotSame(ka.machine(), kb.machine());
        assertNotSame(ka.cpus().get(0), kb.cpus().get(0));
        // Both machines work on their own.
        assertEquals(3, ka.call(0, ka.kallsyms().addressOf("func_a"), 2));
        assertEquals(4, kb.call(1, kb.kallsyms().addressOf("func_b"), 2));
        assertEquals(1, ka.log().stream().filter(l -> l.startsWith("Booting kernelsim")).count());
    }

    @Test
    void machinesBootTwiceStartsOnce() {
        Injector a = injector();
        SimKernel k = Machines.boot(a);
        assertSame(k, Machines.boot(a));
        assertEquals(1, k.log().stream().filter(l -> l.startsWith("Booting kernelsim")).count());
    }

    /** A decorator that records every text-patching call before passing it on to the real patcher. */
    static final class RecordingPatcher implements TextPatcher {
        final TextPatcher real;
        final List<String> calls = new ArrayList<>();

        @Inject
        RecordingPatcher(TextPatcherImpl real) {
            this.real = real;
        }

        @Override
        public int patchNosync(long addr, int insn) {
            calls.add(String.format("nosync %x", addr));
            return real.patchNosync(addr, insn);
        }

        @Override
        public int patch(long[] addrs, int[] insns) {
            calls.add("patch " + addrs.length);
            return real.patch(addrs, insns);
        }

        @Override
        public int writeLiteral64(long addr, long value) {
            calls.add(String.format("literal %x", addr));
            return real.writeLiteral64(addr, value);
        }

        @Override
        public int read(long addr) {
            return real.read(addr);
        }

        @Override
        public PatchStats stats() {
            return real.stats();
        }
    }

    @Test
    void aModuleOverrideSubstitutesTheTextPatcherEverywhere() {
        Injector i = Guice.createInjector(Modules.override(new MachineModule(spec(), new Aarch64Platform()),
                Machines.backend(new TestBackend())).with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(RecordingPatcher.class).in(com.google.inject.Singleton.class);
                        bind(TextPatcher.class).to(RecordingPatcher.class);
                    }
                }));
        SimKernel k = Machines.boot(i);
        RecordingPatcher rec = i.getInstance(RecordingPatcher.class);
        assertSame(rec, k.patcher());
        // The backend patches through the transform context the static_call core got from the injector.
        assertSame(rec, k.staticCallCore().transformContext().patcher());
        long func = k.kallsyms().addressOf("func_b");
        int insn = k.patcher().read(func + 4);
        assertEquals(0, k.staticCallCore().transformContext().patcher().patchNosync(func + 4, insn));
        assertEquals(List.of(String.format("nosync %x", func + 4)), rec.calls);
        assertEquals(1, k.textPatcher().stats().nosync(), "the decorator passed the write on to the real patcher");
        assertFalse(i.getInstance(StaticCallBackend.class) == null);
    }
}
