package org.kernelsim.kernel.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.output.JsonReport;
import org.kernelsim.kernel.plugin.PluginDiscovery;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.run.BackendReport;
import org.kernelsim.kernel.run.MachineSimulationRunner;
import org.kernelsim.kernel.run.RunPlan;

/**
 * {@code configs/cmodx.yaml}, exactly as the README's table states it: CPUs 1-3 call
 * {@code static_call_cond(cc_key_0)()} while CPU 0 toggles the key between {@code cc_func_0} and
 * NULL 20 times; five runs, three of them variants of ool-branch.
 */
class CmodxChurnConfigTest {

    private static final String SLOT = "__SCT__cc_key_0+0x4/0x18";
    private static final String B_FUNC = "b ffff8000800000a0 <cc_func_0>";
    private static RunPlan plan;
    private static List<BackendReport> sequential;
    private static Map<String, BackendReport> runs;

    @BeforeAll
    static void runTheConfig() throws Exception {
        PluginRegistry registry = new PluginDiscovery(CmodxChurnConfigTest.class.getClassLoader(),
                ConfigLoader.pluginChecker()).discover(List.of());
        Path file = Files.isDirectory(Path.of("configs")) ? Path.of("configs", "cmodx.yaml")
                : Path.of("..", "configs", "cmodx.yaml");
        String text = Files.readString(file).replaceAll("(?m)^report: .*", "");
        SimConfig config = new ConfigLoader(registry).read(text, "cmodx.yaml", ConfigLoader.Format.YAML);
        plan = RunPlan.resolve(Path.of("cmodx.yaml"), config, registry);
        sequential = new MachineSimulationRunner(1, false).execute(plan).runs();
        runs = sequential.stream().collect(Collectors.toMap(BackendReport::backend, r -> r));
    }

    private static Map<String, Long> violations(BackendReport r) {
        return r.violations().stream().collect(Collectors.groupingBy(BackendReport.ViolationReport::kind, TreeMap::new,
                Collectors.counting()));
    }

    /** calls, callsFunc, callsNull, callsStray, and the callee's own count (funcHits). */
    private static void assertCalls(BackendReport r, long func, long nul) {
        Map<String, Long> m = r.metrics();
        assertEquals(20, m.get("updates"), r.backend());
        assertEquals(0, m.get("failedUpdates"), r.backend());
        assertEquals(func, m.get("callsFunc"), r.backend());
        assertEquals(nul, m.get("callsNull"), r.backend());
        assertEquals(0, m.get("callsStray"), r.backend() + ": every call reaches the function or the NULL path");
        assertEquals(func + nul, m.get("calls"), r.backend());
        assertEquals(func, m.get("funcHits"), r.backend() + ": the function counted exactly the calls that reached it");
        assertTrue(r.cfiFailures().isEmpty() && r.oopses().isEmpty() && r.warnings().isEmpty()
                && r.panic().isEmpty(), r.backend());
        BackendReport.KeyReport key = r.keys().stream().filter(k -> k.name().equals("cc_key_0")).findFirst()
                .orElseThrow();
        assertEquals(20, key.updates());
        assertEquals(21, key.history().size(), "cc_func_0, then NULL and back, 20 times");
        assertEquals("cc_func_0", key.target());
        // The site's execution probe counts every call made; up to one per caller CPU is still in
        // flight (made, not yet classified) when the run stops.
        assertTrue(key.calls() - (func + nul) >= 0 && key.calls() - (func + nul) <= 3, r.backend() + ": " + key.calls());
    }

    @Test
    void variantsRunUnderTheirNamesWithTheirBackendAndOptions() {
        assertEquals(List.of("generic", "ool-literal", "ool-branch", "ool-branch-stub", "ool-branch-stopm"),
                sequential.stream().map(BackendReport::backend).toList());
        assertEquals(List.of("generic", "ool-literal", "ool-branch", "ool-branch", "ool-branch"),
                sequential.stream().map(BackendReport::implementation).toList());
        assertEquals("OolBranchOptions[nullAs=STUB, rewrite=NOSYNC]", runs.get("ool-branch-stub").options().toString());
        assertEquals("OolBranchOptions[nullAs=RET, rewrite=STOP_MACHINE]",
                runs.get("ool-branch-stopm").options().toString());
        assertEquals(Optional.of("ool-branch"), plan.baseline());
    }

    @Test
    void genericOnlyStoresThePointer() {
        BackendReport r = runs.get("generic");
        assertEquals(new BackendReport.Patching(0, 0, 0, 0), r.patching());
        assertEquals(Map.of(), violations(r));
        assertCalls(r, 8_145, 10_428);
        assertEquals(18_576, r.counters().cfiChecks(), "every call checked, __static_call_nop included (void(void))");
    }

    @Test
    void oolLiteralOnlyWritesItsLiteral() {
        BackendReport r = runs.get("ool-literal");
        assertEquals(new BackendReport.Patching(0, 0, 20, 0), r.patching());
        assertEquals(Map.of(), violations(r));
        assertCalls(r, 9_303, 12_897);
    }

    @Test
    void oolBranchWithNullAsRetLeavesTheCmodxSet() {
        BackendReport r = runs.get("ool-branch");
        // 1 boot NOP -> B (init, before the callers run) + 20 toggles; literal first each time.
        assertEquals(new BackendReport.Patching(21, 0, 20, 0), r.patching());
        assertEquals(Map.of("cmodx", 20L), violations(r));
        assertTrue(r.violations().stream().allMatch(v -> v.count() == 1), "each toggle reported once");
        // A caller keeps running the old B or RET until its next task start: the window after the
        // completed maintenance, not a violation (the pair itself is judged by the cmodx check above).
        assertEquals(new BackendReport.Hazards(7_182, 1), r.hazards());
        List<String> cmodx = r.violations().stream().filter(v -> v.kind().equals("cmodx"))
                .map(BackendReport.ViolationReport::detail).toList();
        for (int i = 0; i < cmodx.size(); i++) {
            String prefix = "nosync patch at " + SLOT + " while CPUs [1, 2, 3] may execute it: ";
            assertEquals(prefix + (i % 2 == 0 ? B_FUNC + " -> ret" : "ret -> " + B_FUNC), cmodx.get(i));
        }
        assertCalls(r, 12_000, 12_876);
    }

    @Test
    void oolBranchWithNullAsStubStaysInTheSet() {
        BackendReport r = runs.get("ool-branch-stub");
        assertEquals(new BackendReport.Patching(21, 0, 20, 0), r.patching());
        // B <-> B: no cmodx violation; a CPU still holding the old B until its next context
        // synchronisation runs it (a stale B behaves as before): the permitted window after the
        // completed maintenance, counted as a hazard, not a violation.
        assertEquals(List.of(), r.violations());
        assertEquals(new BackendReport.Hazards(6_114, 1), r.hazards());
        assertEquals(java.util.Set.of(), MachineSimulationRunner.failures(List.of(r)), "--fail-on violation passes");
        assertEquals(java.util.Set.of(org.kernelsim.kernel.run.FailureKind.VIOLATION),
                MachineSimulationRunner.failures(List.of(runs.get("ool-branch"))), "the cmodx violations still fail it");
        assertCalls(r, 12_000, 11_433);
    }

    @Test
    void oolBranchUnderStopMachineIsLegalAndStallsEveryCpu() {
        BackendReport r = runs.get("ool-branch-stopm");
        // The boot NOP -> B is init's nosync patch; the 20 toggles go under stop_machine.
        assertEquals(new BackendReport.Patching(1, 20, 20, 78_474), r.patching());
        assertEquals(Map.of(), violations(r));
        assertEquals(BackendReport.Hazards.NONE, r.hazards(), "every CPU ISBs after the stop_machine patch");
        assertCalls(r, 8_850, 14_745);
    }

    @Test
    void jsonIsByteIdenticalParallelOrSequential() {
        String seq = JsonReport.text(JsonReport.tree(plan.config(), sequential, null));
        String par = JsonReport.text(JsonReport.tree(plan.config(),
                new MachineSimulationRunner(5, false).execute(plan).runs(), null));
        assertEquals(seq, par);
        assertFalse(seq.contains("\"host\""));
        var stub = JsonReport.tree(plan.config(), sequential, null).get("runs").get(3);
        assertEquals("ool-branch-stub", stub.get("backend").asText());
        assertEquals("ool-branch", stub.get("implementation").asText());
        assertEquals("{\"nullAs\":\"stub\",\"rewrite\":\"nosync\"}", stub.get("options").toString());
        assertEquals("[]", stub.get("violations").toString());
        assertEquals("{\"staleWindowFetches\":6114,\"staleWindowSites\":1}", stub.get("hazards").toString());
        var branch = JsonReport.tree(plan.config(), sequential, null).get("runs").get(2);
        assertEquals(20, branch.get("violations").size());
        assertEquals("{\"kind\":\"cmodx\",\"detail\":\"nosync patch at " + SLOT + " while CPUs [1, 2, 3] may execute it: "
                + B_FUNC + " -> ret\",\"count\":1}", branch.get("violations").get(0).toString());
        assertEquals(List.of("backend", "implementation", "options", "counters"),
                java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(
                        stub.fieldNames(), 0), false).limit(4).toList());
    }
}
