package org.kernelsim.api.staticcall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.testing.KernelHarness;

/**
 * The behaviour every static-call backend must show, whatever its machine code (static-call.md
 * §11 scenarios 1, 2, 4 for {@code void(void)}, 5/7 for correctly typed RET0 keys, 12, and update
 * races). A backend's test class extends this (or {@link BackendPluginContract} for a plugin) and
 * supplies {@link #backend()}; kernels are booted through {@link KernelHarness} (sim-kernel on the
 * test class path).
 *
 * <p>Only outcomes that are the same for every correct backend are asserted here. Where the
 * kernel's configurations legitimately differ (NULL {@code static_call()}: an oops for generic,
 * 0 for ool-literal, x0 unchanged for ool-branch; a RET0 key whose prototype is not
 * {@code long(void)} under kCFI; which patch primitives an update uses) the expectations belong
 * in the backend's own tests. Every test here also demands that the kernel reported nothing at all.
 */
public abstract class StaticCallBackendContract {

    /** A fresh instance of the backend under test. */
    protected abstract StaticCallBackend backend();

    /** The built-in selftest and contract keys, and the two loadable contract modules. */
    protected MachineSpec spec() {
        return MachineSpec.defaults().withModules(List.of(new SelftestModule(), new ContractModule(),
                new SelftestUserModule(), new ModuleKeyModule()));
    }

    protected Kernel boot(MachineSpec spec) {
        return KernelHarness.load().boot(spec, backend());
    }

    /** A module region this far from the image is beyond BL range, so AUTO placement puts modules far. */
    protected static final long LARGE_TEXT = 200L << 20;

    private static void assertNoReports(Kernel k) {
        assertEquals(List.of(), k.reports().all(), "no report of any kind");
    }

    private static long counter(Kernel k) {
        return k.memory().read64(k.kallsyms().addressOf("sc_counter"));
    }

    /** Scenario 1: 3, 4, 3 and no CFI report, in every kCFI mode, with and without BTI. */
    @ParameterizedTest
    @EnumSource(CfiMode.class)
    void selftestTable(CfiMode cfi) {
        for (boolean bti : new boolean[] {false, true}) {
            Kernel k = boot(spec().withCfi(cfi).withBti(bti));
            assertEquals(3, k.call(0, "sc_selftest_call", 2), "row 0 (no update)");
            assertEquals(0, k.staticCalls().update("sc_selftest", "func_b"));
            assertEquals(4, k.call(0, "sc_selftest_call", 2), "row 1 (func_b)");
            assertEquals(0, k.staticCalls().update("sc_selftest", "func_a"));
            assertEquals(3, k.call(0, "sc_selftest_call", 2), "row 2 (func_a)");
            assertNoReports(k);
        }
    }

    @Test
    void tailCall() {
        Kernel k = boot(spec().withCfi(CfiMode.ENFORCING).withBti(true));
        assertEquals(3, k.call(0, "sc_selftest_tail", 2));
        k.staticCalls().update("sc_selftest", "func_b");
        assertEquals(4, k.call(0, "sc_selftest_tail", 2));
        assertNoReports(k);
    }

    /** Scenario 2: query returns the last func passed, NULL included; RET0 gives {@code &__static_call_return0}. */
    @Test
    void queryReturnsWhatWasPassed() {
        Kernel k = boot(spec());
        long a = k.kallsyms().addressOf("func_a");
        long b = k.kallsyms().addressOf("func_b");
        long ret0 = k.kallsyms().addressOf(StaticCallNames.RETURN0);
        assertEquals(a, k.staticCalls().query("sc_selftest"));
        k.staticCalls().update("sc_selftest", "func_b");
        assertEquals(b, k.staticCalls().query("sc_selftest"));
        k.staticCalls().updateRet0("sc_selftest");
        assertEquals(ret0, k.staticCalls().query("sc_selftest"));
        k.staticCalls().updateNull("sc_selftest");
        assertEquals(0, k.staticCalls().query("sc_selftest"));
        k.staticCalls().update("sc_selftest", "func_a");
        assertEquals(a, k.staticCalls().query("sc_selftest"));
        // Keys defined NULL and RET0 read back as such before any update.
        assertEquals(0, k.staticCalls().query("sc_null"));
        assertEquals(ret0, k.staticCalls().query("sc_ret0"));
        assertEquals(ret0, k.staticCalls().query("sc_ret0_u"));
        assertEquals(k.kallsyms().addressOf("sc_count"), k.staticCalls().query("sc_void"));
    }

    /** Scenario 4 for a {@code void(void)} key: {@code static_call_cond} on NULL does nothing; after an update it calls. */
    @ParameterizedTest
    @EnumSource(CfiMode.class)
    void nullKeyThroughStaticCallCond(CfiMode cfi) {
        Kernel k = boot(spec().withCfi(cfi).withBti(true));
        k.call(0, "sc_null_cond");
        assertEquals(0, counter(k));
        assertEquals(0, k.staticCalls().update("sc_null", "sc_count"));
        k.call(0, "sc_null_cond");
        k.call(0, "sc_null_call");
        assertEquals(2, counter(k));
        assertEquals(0, k.staticCalls().updateNull("sc_null"));
        k.call(0, "sc_null_cond");
        assertEquals(2, counter(k), "NULL again: nothing is called");
        assertEquals(0, k.staticCalls().query("sc_null"));
        assertNoReports(k);
    }

    /** An ordinary key reached through {@code static_call} and {@code static_call_cond}. */
    @ParameterizedTest
    @EnumSource(CfiMode.class)
    void ordinaryKeyThroughCallAndCond(CfiMode cfi) {
        Kernel k = boot(spec().withCfi(cfi).withBti(true));
        k.call(0, "sc_void_call");
        k.call(0, "sc_void_cond");
        assertEquals(2, counter(k));
        assertNoReports(k);
    }

    /** Scenarios 5 and 7 for a {@code long(void)} RET0 key, which matches {@code __static_call_return0}'s own type. */
    @ParameterizedTest
    @EnumSource(CfiMode.class)
    void ret0KeyReturnsZero(CfiMode cfi) {
        Kernel k = boot(spec().withCfi(cfi).withBti(true));
        long ret0 = k.kallsyms().addressOf(StaticCallNames.RETURN0);
        assertEquals(0, k.call(0, "sc_ret0_call"));
        assertEquals(ret0, k.staticCalls().query("sc_ret0"));
        assertEquals(0, k.staticCalls().update("sc_ret0", "long_7"));
        assertEquals(7, k.call(0, "sc_ret0_call"));
        assertEquals(k.kallsyms().addressOf("long_7"), k.staticCalls().query("sc_ret0"));
        assertEquals(0, k.staticCalls().updateRet0("sc_ret0"));
        assertEquals(0, k.call(0, "sc_ret0_call"));
        assertEquals(ret0, k.staticCalls().query("sc_ret0"));
        assertNoReports(k);
    }

    /** Scenario 12: a module calls a vmlinux key, near, forced far, and far because the image is large. */
    @ParameterizedTest
    @EnumSource(value = MachineSpec.Placement.class, names = {"NEAR", "FAR", "AUTO"})
    void moduleCallsVmlinuxKey(MachineSpec.Placement placement) {
        boolean large = placement == MachineSpec.Placement.AUTO;
        Kernel k = boot(spec().withPlacement(placement).withTextSize(large ? LARGE_TEXT : spec().textSize())
                .withCfi(CfiMode.ENFORCING).withBti(true));
        LoadedModule m = k.modules().load("sc_user");
        assertEquals(placement == MachineSpec.Placement.NEAR, m.near());
        assertEquals(3, k.call(0, "sc_user_call", 2));
        k.staticCalls().update("sc_selftest", "func_b");
        assertEquals(4, k.call(0, "sc_user_call", 2));
        assertEquals(0, k.call(0, "sc_user_loop", 50));
        assertEquals(0, k.modules().unload("sc_user"));
        // The key and vmlinux's callers outlive the module; a second load sees the current target.
        k.staticCalls().update("sc_selftest", "func_a");
        assertEquals(3, k.call(0, "sc_selftest_call", 2));
        k.modules().load("sc_user");
        assertEquals(3, k.call(0, "sc_user_call", 2));
        assertEquals(0, k.modules().unload("sc_user"));
        assertNoReports(k);
    }

    /** A key defined in a module: its trampoline/literal/stubs live in module memory and go with it. */
    @ParameterizedTest
    @EnumSource(value = MachineSpec.Placement.class, names = {"NEAR", "FAR", "AUTO"})
    void moduleDefinedKey(MachineSpec.Placement placement) {
        boolean large = placement == MachineSpec.Placement.AUTO;
        Kernel k = boot(spec().withPlacement(placement).withTextSize(large ? LARGE_TEXT : spec().textSize())
                .withCfi(CfiMode.ENFORCING).withBti(true));
        for (int round = 0; round < 2; round++) {
            LoadedModule m = k.modules().load("sc_modkey");
            assertEquals(placement == MachineSpec.Placement.NEAR, m.near());
            assertEquals(3, k.call(0, "sc_mod_call", 2), "initially vmlinux's func_a");
            assertEquals(0, k.staticCalls().update("sc_mod", "func_b"));
            assertEquals(4, k.call(0, "sc_mod_call", 2));
            assertEquals(0, k.staticCalls().update("sc_mod", "mod_c"));
            assertEquals(5, k.call(0, "sc_mod_call", 2), "the module's own function");
            assertEquals(5, k.call(0, "sc_mod_tail", 2));
            assertEquals(k.kallsyms().addressOf("mod_c"), k.staticCalls().query("sc_mod"));
            assertEquals(0, k.staticCalls().update("sc_mod", "func_a"));
            assertEquals(3, k.call(0, "sc_mod_tail", 2));
            assertEquals(0, k.modules().unload("sc_modkey"));
            assertTrue(k.staticCalls().key("sc_mod").isEmpty(), "the key goes with its module");
        }
        assertEquals(3, k.call(0, "sc_selftest_call", 2));
        assertNoReports(k);
    }

    /**
     * Updates between slices while four CPUs call the key: every call reaches the old or the new
     * target and nothing else (each loop BUGs on any other result), and both targets are reached.
     */
    @Test
    void updatesRaceWithCallers() {
        Kernel k = boot(spec().withCpus(4).withSlice(37).withInterleave(MachineSpec.Interleave.RANDOM).withSeed(7)
                .withCfi(CfiMode.ENFORCING).withBti(true));
        long loop = k.kallsyms().addressOf("sc_race_loop");
        int perTask = 300;
        List<Task> tasks = new ArrayList<>();
        for (int cpu = 0; cpu < 4; cpu++) {
            tasks.add(k.spawn(cpu, "race" + cpu, loop, perTask));
        }
        boolean b = false;
        int updates = 0;
        while (tasks.stream().anyMatch(t -> t.state() != Task.State.DONE && t.state() != Task.State.KILLED)) {
            k.run(500);
            b = !b;
            assertEquals(0, k.staticCalls().update("sc_selftest", b ? "func_b" : "func_a"));
            updates++;
            assertFalse(k.panicked());
        }
        long toB = 0;
        for (Task t : tasks) {
            assertEquals(Task.State.DONE, t.state(), t.name());
            toB += t.result().orElseThrow();
        }
        long total = 4L * perTask;
        assertTrue(updates > 2, "the calls ran across several updates");
        assertTrue(toB > 0 && toB < total, "calls reached func_b " + toB + " times and func_a " + (total - toB));
        assertTrue(k.reports().oopses().isEmpty(), () -> k.reports().all().toString());
        assertTrue(k.reports().cfiFailures().isEmpty());
        // A stale fetch of a CMODX-safe branch after the patcher's completed maintenance is the
        // permitted window (the next context synchronisation publishes it), which the kernel counts
        // as a hazard, not a violation; any violation (cmodx, stale-fetch without maintenance,
        // freed-text) is a bug in the backend's update sequence.
        List<KernelReport.Violation> bad = k.reports().violations();
        assertTrue(bad.isEmpty(), bad::toString);
    }
}
