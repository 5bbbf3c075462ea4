package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.backends.Specs.addr;
import static org.kernelsim.kernel.backends.Specs.spec;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.TransformContext;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;

/** {@code ool-branch}: static-call.md §11 scenarios 3 (OB), 10, and the CMODX consequences of its options. */
class OolBranchBackendTest {

    private static long slot(SimKernel k, String key) {
        return addr(k, "__SCT__" + key) + 4;
    }

    @Test
    void trampolineLayout() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING), "ool-branch");
        long t = addr(k, "__SCT__sc_selftest");
        assertEquals(0, t & 7);
        int[] w = Specs.words(k, t, 8);
        assertEquals(0xd503245f, w[0]);
        assertEquals(A64.b(addr(k, "func_a") - (t + 4)), w[1], "near target: B func");
        assertEquals(0x58000050, w[2]);
        assertEquals(0xd61f0200, w[3]);
        assertEquals(addr(k, "func_a"), k.memory().read64(t + 16));
        assertEquals(0xd503245f, w[6], "__SCN__: bti c");
        assertEquals(0xd65f03c0, w[7], "__SCN__: ret");
        assertEquals(A64.RET, k.memory().read32(slot(k, "sc_null")), "NULL: RET");
        assertEquals(A64.b(addr(k, "__static_call_return0") - slot(k, "sc_ret0")), k.memory().read32(slot(k, "sc_ret0")),
                "RET0 in range: B __static_call_return0");
    }

    @Test
    void nullReturnsWithX0Unchanged() {
        for (String o : List.of("{ nullAs: ret }", "{ nullAs: stub }")) {
            SimKernel k = BuiltIns.boot(spec().withBti(true), "ool-branch", o);
            assertEquals(ContractModule.MARK, k.call(0, "sc_null_call"), o);
            k.staticCalls().updateNull("sc_selftest");
            assertEquals(2, k.call(0, "sc_selftest_call", 2), o + ": x0 (the argument) comes back");
            assertEquals(0, k.call(0, "sc_ret0_u_call"), o);
            assertEquals(List.of(), k.reports().all(), o);
        }
    }

    @Test
    void farTargetIsANopAndTheLiteralPath() {
        SimKernel k = BuiltIns.boot(spec().withPlacement(MachineSpec.Placement.FAR).withBti(true)
                .withCfi(CfiMode.ENFORCING), "ool-branch");
        k.modules().load("sc_modkey");
        assertEquals(0, k.staticCalls().update("sc_selftest", "mod_c"));
        assertEquals(A64.NOP, k.memory().read32(slot(k, "sc_selftest")));
        assertEquals(addr(k, "mod_c"), k.memory().read64(slot(k, "sc_selftest") + 12));
        assertEquals(5, k.call(0, "sc_selftest_call", 2), "NOP falls through: ldr x16, lit; br x16 onto bti c");
        // The module's own key, whose initial target func_a lies far away in vmlinux.
        assertEquals(A64.NOP, k.memory().read32(slot(k, "sc_mod")));
        assertEquals(3, k.call(0, "sc_mod_call", 2));
        assertEquals(List.of(), k.reports().all());
    }

    /** Wraps the real backend so that something runs between its patcher calls. */
    private static final class Interposed implements StaticCallBackend {
        final StaticCallBackend real;
        final List<String> writes = new ArrayList<>();
        Runnable afterLiteral = () -> { };

        Interposed(StaticCallBackend real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public Semantics semantics() {
            return real.semantics();
        }

        @Override
        public java.util.Optional<String> initialKeyFunc(EmitContext ctx, StaticCallKeyDef key) {
            return real.initialKeyFunc(ctx, key);
        }

        @Override
        public void emitObjectSupport(EmitContext ctx) {
            real.emitObjectSupport(ctx);
        }

        @Override
        public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
            real.emitKey(ctx, key);
        }

        @Override
        public void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind) {
            real.emitCall(ctx, key, kind);
        }

        @Override
        public long keyFuncValue(TransformContext ctx, StaticCallKey key, long func) {
            return real.keyFuncValue(ctx, key, func);
        }

        @Override
        public long queryValue(TransformContext ctx, StaticCallKey key, long storedFunc) {
            return real.queryValue(ctx, key, storedFunc);
        }

        @Override
        public void init(TransformContext ctx, StaticCallKey key) {
            real.init(ctx, key);
        }

        @Override
        public void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail) {
            TextPatcher p = ctx.patcher();
            TextPatcher spy = new TextPatcher() {
                @Override
                public int patchNosync(long addr, int insn) {
                    writes.add("slot");
                    return p.patchNosync(addr, insn);
                }

                @Override
                public int patch(long[] addrs, int[] insns) {
                    writes.add("slot (stop_machine)");
                    return p.patch(addrs, insns);
                }

                @Override
                public int writeLiteral64(long addr, long value) {
                    int r = p.writeLiteral64(addr, value);
                    writes.add("literal");
                    afterLiteral.run();
                    return r;
                }

                @Override
                public int read(long addr) {
                    return p.read(addr);
                }

                @Override
                public PatchStats stats() {
                    return p.stats();
                }
            };
            real.transform(new TransformContext() {
                @Override
                public TextPatcher patcher() {
                    return spy;
                }

                @Override
                public StopMachine stopMachine() {
                    return ctx.stopMachine();
                }

                @Override
                public Kallsyms kallsyms() {
                    return ctx.kallsyms();
                }

                @Override
                public Memory memory() {
                    return ctx.memory();
                }

                @Override
                public KernelFeatures features() {
                    return ctx.features();
                }

                @Override
                public long return0() {
                    return ctx.return0();
                }

                @Override
                public void warn(String message) {
                    ctx.warn(message);
                }
            }, key, site, tramp, func, tail);
        }
    }

    /**
     * The literal is written before the slot: another CPU that calls between the two writes
     * still executes the old NOP, falls through to the literal and reaches the NEW target.
     */
    @Test
    void literalFirstThenSlotAStaleNopReachesTheNewTarget() {
        StaticCallBackend real = Guice.createInjector(BuiltIns.plugin("ool-branch")
                .module(BuiltIns.options("ool-branch", "{}"))).getInstance(StaticCallBackend.class);
        Interposed backend = new Interposed(real);
        SimKernel k = Machines.boot(spec().withCpus(2).withPlacement(MachineSpec.Placement.FAR).withBti(true)
                .withCfi(CfiMode.ENFORCING), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(StaticCallBackend.class).toInstance(backend);
                    }
                });
        k.modules().load("sc_modkey");
        k.staticCalls().update("sc_selftest", "mod_c"); // far: slot NOP, literal mod_c
        assertEquals(5, k.call(1, "sc_selftest_call", 2), "CPU 1 has run (and cached) the NOP");
        long slot = slot(k, "sc_selftest");
        List<Long> between = new ArrayList<>();
        backend.writes.clear();
        backend.afterLiteral = () -> {
            assertEquals(A64.NOP, k.memory().read32(slot), "the slot is not written yet");
            between.add(k.call(1, "sc_selftest_call", 2));
        };
        k.staticCalls().update("sc_selftest", "func_b"); // near: literal func_b, then B func_b
        assertEquals(List.of("literal", "slot"), backend.writes);
        assertEquals(List.of(4L), between, "the old NOP already reaches the new target func_b");
        assertEquals(A64.b(addr(k, "func_b") - slot), k.memory().read32(slot));
        assertEquals(4, k.call(1, "sc_selftest_call", 2));
        assertEquals(4, k.call(0, "sc_selftest_call", 2));
        assertTrue(k.reports().oopses().isEmpty() && k.reports().cfiFailures().isEmpty(), () -> k.reports().all().toString());
    }

    /** Keeps CPUs 1..3 busy in a loop over sc_selftest so that they count as executing kernel text. */
    private static void busy(SimKernel k) {
        long loop = addr(k, "sc_race_loop");
        for (int cpu = 1; cpu < 4; cpu++) {
            k.spawn(cpu, "busy" + cpu, loop, 1_000_000);
        }
        k.run(300);
    }

    private static void nullRoundTrip(SimKernel k) {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, k.staticCalls().update("sc_null", "sc_count"));
            k.run(100);
            assertEquals(0, k.staticCalls().updateNull("sc_null"));
            k.run(100);
        }
    }

    @Test
    void retSlotRewritesAreCmodxViolationsWhileOtherCpusRun() {
        SimKernel k = BuiltIns.boot(spec().withCpus(4), "ool-branch", "{ nullAs: ret }");
        busy(k);
        nullRoundTrip(k);
        List<KernelReport.Violation> v = k.reports().violations("cmodx");
        assertEquals(6, v.size(), v::toString);
        assertTrue(v.get(0).detail().startsWith("nosync patch at __SCT__sc_null+0x4/"), v.get(0).detail());
        assertFalse(k.panicked());
    }

    @Test
    void nullAsStubKeepsEveryRewriteInsideTheCmodxSet() {
        SimKernel k = BuiltIns.boot(spec().withCpus(4), "ool-branch", "{ nullAs: stub }");
        assertEquals(A64.b(20), k.memory().read32(slot(k, "sc_null")), "B __SCN__sc_null");
        busy(k);
        nullRoundTrip(k);
        assertEquals(List.of(), k.reports().violations("cmodx"));
    }

    @Test
    void stopMachineRewriteCostsStallCycles() {
        SimKernel k = BuiltIns.boot(spec().withCpus(4), "ool-branch", "{ rewrite: stop-machine }");
        busy(k);
        var s0 = k.patcher().stats();
        long stall0 = k.stopMachine().stallCycles();
        nullRoundTrip(k);
        var s1 = k.patcher().stats();
        assertEquals(6, s1.stopMachine() - s0.stopMachine());
        assertEquals(6, s1.literalWrites() - s0.literalWrites());
        assertEquals(6, k.stopMachine().count());
        assertTrue(k.stopMachine().stallCycles() > stall0, "stall cycles are charged");
        assertEquals(List.of(), k.reports().violations("cmodx"), "under stop_machine nothing else runs");
    }
}
