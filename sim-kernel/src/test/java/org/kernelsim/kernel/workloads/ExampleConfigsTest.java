package org.kernelsim.kernel.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.config.ConfigLoader;
import org.kernelsim.kernel.config.SimConfig;
import org.kernelsim.kernel.output.JsonReport;
import org.kernelsim.kernel.plugin.PluginDiscovery;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.api.module.ModuleState;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.kernel.output.StatTable;
import org.kernelsim.kernel.run.BackendReport;
import org.kernelsim.kernel.run.BackendRun;
import org.kernelsim.kernel.run.MachineRun;
import org.kernelsim.kernel.run.MachineSimulationRunner;
import org.kernelsim.kernel.run.RunPlan;

/**
 * Runs the example configs in {@code configs/} under every backend ServiceLoader finds and
 * checks the outcomes the README promises, exactly. Durations are cut down where the outcome
 * does not depend on them, to keep the build fast.
 */
class ExampleConfigsTest {

    private static final String PERF_CFI_LINE = "CFI failure at perf_misc_flags+0x30/0x6c (target: "
            + "__static_call_return0+0x0/0xc; expected type: 0x837de525)";
    private static PluginRegistry registry;

    @BeforeAll
    static void discover() {
        registry = new PluginDiscovery(ExampleConfigsTest.class.getClassLoader(), ConfigLoader.pluginChecker())
                .discover(List.of());
        assertTrue(registry.backends().keySet().containsAll(List.of("generic", "cfi-ret0", "ool-literal", "ool-branch")),
                () -> "built-in backends on the test class path: " + registry.backends().keySet());
    }

    private static Path configs() {
        Path p = Path.of("configs");
        return Files.isDirectory(p) ? p : Path.of("..", "configs");
    }

    /** The config text with {@code edits} applied (plain text replacements), every backend ServiceLoader found compared. */
    private static RunPlan plan(String file, Map<String, String> edits, boolean everyBackend) throws Exception {
        String text = Files.readString(configs().resolve(file));
        for (var e : edits.entrySet()) {
            assertTrue(text.contains(e.getKey()), () -> file + " no longer contains " + e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        if (everyBackend) {
            String all = String.join(", ", registry.backends().keySet());
            text = text.replaceAll("(?m)^  compare: \\[.*]", "  compare: [" + all + "]");
            text = text.replaceAll("(?m)^  backend: .*", "  backend: ool-literal");
            if (!text.contains("  compare:")) {
                text = text.replace("staticCall:\n", "staticCall:\n  compare: [" + all + "]\n");
            }
        }
        text = text.replaceAll("(?m)^report: .*", "");
        SimConfig config = new ConfigLoader(registry).read(text, file, ConfigLoader.Format.YAML);
        return RunPlan.resolve(Path.of(file), config, registry);
    }

    private static Map<String, BackendReport> run(RunPlan plan, int threads) {
        return new MachineSimulationRunner(threads, false).execute(plan).runs().stream()
                .collect(Collectors.toMap(BackendReport::backend, r -> r));
    }

    @Test
    void perfKcfiGenericPanicsInIrqAndTheOthersRunClean() throws Exception {
        var runs = run(plan("perf-kcfi.yaml", Map.of("duration: 5000000", "duration: 1500000",
                "{ at: 4000000, unload: kvm }", "{ at: 1200000, unload: kvm }", "{ at: 1000000, load: kvm }",
                "{ at: 600000, load: kvm }"), true), 2);
        BackendReport generic = runs.get("generic");
        assertEquals(List.of(PERF_CFI_LINE), generic.cfiFailures().stream().map(f -> "CFI failure at " + f.at()
                + " (target: " + f.target() + "; expected type: " + f.expectedType() + ")").toList());
        assertEquals(List.of("Internal error: Oops - CFI: 00000000f2008228 [#1]"), generic.oopses());
        assertEquals("Kernel panic - not syncing: Fatal exception in interrupt", generic.panic().orElseThrow());
        assertEquals(0, generic.metrics().get("samples"));
        for (String name : List.of("cfi-ret0", "ool-literal", "ool-branch")) {
            BackendReport r = runs.get(name);
            assertTrue(r.cfiFailures().isEmpty(), name);
            assertTrue(r.oopses().isEmpty(), name);
            assertTrue(r.panic().isEmpty(), name);
            assertTrue(r.violations().isEmpty(), () -> name + ": " + r.violations());
            assertTrue(r.warnings().isEmpty(), name);
            // 4 CPUs x 1.5M cycles / 10000 per sample, give or take the PMU's skid at the ends.
            long samples = r.metrics().get("samples");
            assertTrue(samples >= 580 && samples <= 600, name + " samples " + samples);
            assertTrue(r.metrics().get("guestSamples") > 0, name + " sampled a guest while kvm ran");
            BackendReport.KeyReport state = r.keys().stream().filter(k -> k.name().equals("__perf_guest_state"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("__static_call_return0", "kvm_guest_state", "__static_call_return0"),
                    state.history().stream().map(BackendReport.KeyTarget::target).toList(), name);
            assertEquals(List.of(new BackendReport.ModuleReport("kvm", "near", 0, 1, 1)), r.modules(), name);
        }
    }

    /** What a test saw inside one backend's run, right after kvm's init registered its callbacks. */
    private record AtKvmLive(long slotWord, String guestStateTarget) {
    }

    /**
     * Runs every backend of {@code plan} itself (one {@link MachineRun} each, as the runner does) with
     * the workload wrapped so that a module notifier can look at the kernel when kvm goes LIVE.
     */
    private static Map<String, BackendReport> runWatchingKvm(RunPlan plan, Map<String, AtKvmLive> seen,
            Map<String, List<String>> logs) {
        var spec = MachineSimulationRunner.spec(plan);
        var costs = CostModel.defaults().withOverrides(plan.config().costModel());
        List<TimelineStep> timeline = plan.config().workload().timeline().stream()
                .map(e -> e.load().map(m -> new TimelineStep(e.at(), TimelineStep.Action.LOAD, m))
                        .orElseGet(() -> new TimelineStep(e.at(), TimelineStep.Action.UNLOAD, e.unload().orElseThrow())))
                .sorted(java.util.Comparator.comparingLong(TimelineStep::at)).toList();
        Map<String, BackendReport> out = new java.util.TreeMap<>();
        for (BackendRun b : plan.backends()) {
            var inner = plan.workload().plugin().create(plan.workload().parameters());
            MachineRun run = new MachineRun(b, spec, costs, ctx -> {
                var k = ctx.kernel();
                k.modules().addNotifier((state, m) -> {
                    if (state == ModuleState.LIVE && m.name().equals("kvm") && !seen.containsKey(b.name())) {
                        // Only the out-of-line backends have a trampoline; -1: none.
                        long word = b.name().startsWith("ool") ? k.memory().read32(
                                k.kallsyms().addressOf("__SCT____perf_guest_state") + 4) & 0xffffffffL : -1;
                        long q = k.staticCalls().query("__perf_guest_state");
                        seen.put(b.name(), new AtKvmLive(word,
                                k.kallsyms().symbolAt(q).map(s -> s.name()).orElse("?")));
                    }
                });
                inner.run(ctx);
            }, timeline, f -> { });
            out.put(b.name(), run.run());
            logs.put(b.name(), run.log());
        }
        return out;
    }

    @Test
    void farModulesPlacesKvmFarAndOolBranchReachesItThroughTheLiteral() throws Exception {
        RunPlan plan = plan("far-modules.yaml", Map.of(), true);
        Map<String, AtKvmLive> seen = new java.util.TreeMap<>();
        Map<String, List<String>> logs = new java.util.TreeMap<>();
        var runs = runWatchingKvm(plan, seen, logs);
        assertEquals(registry.backends().keySet(), runs.keySet());
        var table = new java.io.StringWriter();
        StatTable.print(new java.io.PrintWriter(table), "far-modules", List.copyOf(runs.values()));
        // 512 MiB image, placement: far: every backend puts kvm beyond the 128 MiB BL range, with 2 PLTs
        // (its calls to perf_register/unregister_guest_info_callbacks).
        assertEquals(runs.size(), table.toString().split("module kvm: far, 2 PLTs, loaded 1, unloaded 1", -1).length - 1,
                table::toString);
        for (BackendReport r : runs.values()) {
            assertEquals(List.of(new BackendReport.ModuleReport("kvm", "far", 2, 1, 1)), r.modules(), r.backend());
            assertEquals(1, logs.get(r.backend()).stream()
                    .filter(l -> l.matches("kvm: loaded at 0x[0-9a-f]{16} \\(far, 2 PLTs\\)")).count(), r.backend());
            assertTrue(r.oopses().isEmpty(), r.backend());
            assertTrue(r.panic().isEmpty(), r.backend());
            assertTrue(r.violations().isEmpty(), () -> r.backend() + ": " + r.violations());
            // kvm's init registered its callbacks: the key points at kvm_guest_state when kvm is LIVE, and back.
            assertEquals("kvm_guest_state", seen.get(r.backend()).guestStateTarget(), r.backend());
            BackendReport.KeyReport state = r.keys().stream().filter(k -> k.name().equals("__perf_guest_state"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("__static_call_return0", "kvm_guest_state", "__static_call_return0"),
                    state.history().stream().map(BackendReport.KeyTarget::target).toList(), r.backend());
            assertEquals(2, state.updates(), r.backend());
            assertEquals(2 * r.metrics().get("samples"), state.calls(), r.backend() + ": two calls per sample");
        }
        // ool-branch: kvm_guest_state is beyond +-128 MiB of the trampoline, so the slot holds a NOP and the
        // call goes on through the literal (ldr x16; br x16). Guest samples prove kvm_guest_state ran.
        assertEquals(0xd503201fL, seen.get("ool-branch").slotWord());
        assertEquals(Map.of("samples", 796L, "guestSamples", 275L), Map.of("samples",
                runs.get("ool-branch").metrics().get("samples"), "guestSamples", runs.get("ool-branch").metrics()
                        .get("guestSamples")));
        for (String name : List.of("cfi-ret0", "ool-literal", "ool-branch")) {
            BackendReport r = runs.get(name);
            assertTrue(r.cfiFailures().isEmpty(), name);
            assertTrue(r.warnings().isEmpty(), name);
            assertTrue(r.metrics().get("guestSamples") > 0, name);
        }
        // generic, kCFI permissive: outside the kvm window (before 500k, after 1.5M: 396 samples) both calls
        // of every sample reach __static_call_return0 with the wrong type; each is a failure and a WARNING.
        BackendReport generic = runs.get("generic");
        assertEquals(792L, generic.metrics().get("samples"));
        assertEquals(273L, generic.metrics().get("guestSamples"));
        Map<String, Long> bySite = generic.cfiFailures().stream().collect(Collectors.groupingBy(
                f -> "CFI failure at " + f.at() + " (target: " + f.target() + "; expected type: " + f.expectedType() + ")",
                java.util.TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(PERF_CFI_LINE, 396L, "CFI failure at perf_instruction_pointer+0x30/0x74 (target: "
                + "__static_call_return0+0x0/0xc; expected type: 0x837de525)", 396L), bySite);
        assertEquals(792, generic.warnings().size());
        assertEquals(Map.of("WARNING: CPU: n PID: p at perf_misc_flags+0x30/0x6c", 396L,
                "WARNING: CPU: n PID: p at perf_instruction_pointer+0x30/0x74", 396L),
                generic.warnings().stream().collect(Collectors.groupingBy(
                        w -> w.replaceAll("CPU: \\d+ PID: \\d+", "CPU: n PID: p"), Collectors.counting())));
    }

    @Test
    void perfPermissiveWarnsOnEveryFailingCallAndGoesOn() throws Exception {
        var runs = run(plan("perf-kcfi.yaml", Map.of("cfi: enforcing", "cfi: permissive", "duration: 5000000",
                "duration: 400000", "compare: [generic, cfi-ret0, ool-literal, ool-branch]", "compare: [generic]",
                "backend: ool-literal ", "backend: generic "), false), 1);
        BackendReport generic = runs.get("generic");
        assertTrue(generic.panic().isEmpty());
        assertTrue(generic.oopses().isEmpty());
        long samples = generic.metrics().get("samples");
        assertTrue(samples >= 150, "sampling went on: " + samples);
        // Each sample calls perf_guest_state() twice (misc flags, then ip): both fail the check.
        assertEquals(2 * samples, generic.cfiFailures().size());
        assertEquals(generic.cfiFailures().size(), generic.warnings().size());
        assertTrue(generic.warnings().get(0).matches("WARNING: CPU: \\d PID: \\d+ at perf_misc_flags\\+0x30/0x6c"),
                generic.warnings().get(0));
    }

    @Test
    void selftestGivesThreeFourThreeUnderEveryBackend() throws Exception {
        var runs = run(plan("selftest.yaml", Map.of(), true), 2);
        assertEquals(registry.backends().keySet(), runs.keySet());
        for (BackendReport r : runs.values()) {
            assertEquals(3L, r.metrics().get("row0"), r.backend());
            assertEquals(4L, r.metrics().get("row1"), r.backend());
            assertEquals(3L, r.metrics().get("row2"), r.backend());
            assertEquals(0L, r.metrics().get("failures"), r.backend());
            assertTrue(r.cfiFailures().isEmpty(), r.backend());
            assertTrue(r.violations().isEmpty(), r.backend());
            BackendReport.KeyReport key = r.keys().stream().filter(k -> k.name().equals("sc_selftest")).findFirst()
                    .orElseThrow();
            assertEquals(List.of("func_a", "func_b", "func_a"),
                    key.history().stream().map(BackendReport.KeyTarget::target).toList(), r.backend());
        }
    }

    @Test
    void sameConfigAndSeedGiveByteIdenticalJsonParallelOrSequential() throws Exception {
        RunPlan plan = plan("perf-kcfi.yaml", Map.of("duration: 5000000", "duration: 300000",
                "{ at: 4000000, unload: kvm }", "{ at: 250000, unload: kvm }", "{ at: 1000000, load: kvm }",
                "{ at: 100000, load: kvm }"), true);
        String sequential = json(plan, 1);
        String parallel = json(plan, 4);
        String again = json(plan, 2);
        assertEquals(sequential, parallel);
        assertEquals(sequential, again);
        assertFalse(sequential.contains("\"host\""));
    }

    private static String json(RunPlan plan, int threads) {
        var outcome = new MachineSimulationRunner(threads, false).execute(plan);
        return JsonReport.text(JsonReport.tree(plan.config(), outcome.runs(), null));
    }
}
