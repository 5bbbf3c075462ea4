package org.kernelsim.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.kernel.plugin.TestJars;
import org.kernelsim.kernel.plugin.TestPlugins;
import org.kernelsim.kernel.run.FailureKind;
import org.kernelsim.kernel.run.PlanOnlyRunner;
import org.kernelsim.kernel.run.RunPlan;
import org.kernelsim.kernel.run.RunResult;
import org.kernelsim.kernel.run.SimulationRunner;

/** The CLI in-process: exit status, stdout and stderr of each kind of invocation. */
class MainTest {

    /** The checkout, for the example configs (set by the sim-kernel pom). */
    static final Path ROOT = Path.of(System.getProperty("kernelsim.root", ".."));

    @TempDir
    Path tmp;

    private ClassLoader classpath;
    private SimulationRunner runner = new PlanOnlyRunner();
    private String out;
    private String err;

    @BeforeEach
    void plugins() throws IOException {
        classpath = TestPlugins.classpathWithTestPlugins(Files.createDirectories(tmp.resolve("cp")));
    }

    private int sim(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Path home = tmp.resolve("home"); // no plugins/ inside: only the test plugins are found
        int status = new Main(new CliEnvironment(classpath, home, runner))
                .execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return status;
    }

    private Path file(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private void assertNoStackTrace() {
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("at org."), err);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void helpListsTheCommandsAndExitStatuses() {
        assertEquals(0, sim("--help"));
        assertTrue(out.startsWith("Usage: sim [-hVv] [--debug] [--plugins=DIR]... [COMMAND]\n"), out);
        for (String command : new String[] {"run", "check", "backends", "workloads"}) {
            assertTrue(out.contains("\n  " + command + " "), command);
        }
        assertTrue(out.contains("  2   usage, config or output-file error\n"), out);
        assertEquals("", err);
        assertEquals(0, sim("run", "--help"));
        assertTrue(out.startsWith("Usage: sim run [-hVv] [--debug] [--fail-on=KIND[,KIND...]]...\n"), out);
        assertTrue(out.contains("CONFIG"), out);
    }

    @Test
    void version() {
        assertEquals(0, sim("--version"));
        assertEquals("kernelsim " + System.getProperty("kernelsim.expectedVersion") + "\n", out);
    }

    @Test
    void checkPrintsTheEffectiveConfig() {
        assertEquals(0, sim("check", ROOT.resolve("configs/perf-kcfi.yaml").toString()));
        assertEquals("", err);
        assertEquals("""
                schemaVersion: 1
                seed: 42
                machine:
                  cpus: 4
                  slice: 200
                  bti: true
                  scheduler: round-robin
                kernel:
                  textSize: 32MiB
                  modules:
                    placement: auto
                  cfi: enforcing
                  cmodx: report
                staticCall:
                  backend: ool-literal
                  compare:
                    - generic
                    - cfi-ret0
                    - ool-literal
                    - ool-branch
                  options:
                    generic: {}
                    cfi-ret0: {}
                    ool-literal: {}
                    ool-branch:
                      nullAs: ret
                      rewrite: nosync
                  variants: {}
                modules:
                  - perf
                  - kvm
                workload:
                  type: perf-record
                  duration: 5000000
                  samplePeriod: 10000
                  timeline:
                    - at: 1000000
                      load: kvm
                    - at: 4000000
                      unload: kvm
                report:
                  json: out/perf-kcfi.json
                costModel: {}
                """, out);
    }

    @Test
    void everyExampleConfigChecks() throws IOException {
        try (var configs = Files.list(ROOT.resolve("configs"))) {
            // The test plugins have perf-record and selftest only; every config, whatever its
            // workload, is read and run with the real plugins by ExampleConfigsTest/NewWorkloadsTest.
            for (Path config : configs.sorted().filter(MainTest::hasTestPluginWorkload).toList()) {
                assertEquals(0, sim("check", config.toString()), config + ": " + err);
            }
        }
    }

    private static boolean hasTestPluginWorkload(Path config) {
        try {
            String text = Files.readString(config);
            return text.contains("type: perf-record") || text.contains("type: selftest");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBadConfigIsExit2WithTheLocationAndNoStackTrace() throws IOException {
        Path bad = file("bad.yaml", "schemaVersion: 1\nstaticCall: { backend: generic }\nworkload: { type: selftest }\n"
                + "machine:\n  cpu: 4\n");
        assertEquals(2, sim("check", bad.toString()));
        assertEquals("kernelsim: " + bad + ":5:3: unknown key 'cpu' in 'machine'; valid keys: cpus, slice, bti, "
                + "scheduler\n", err);
        assertEquals("", out);
        assertNoStackTrace();

        assertEquals(2, sim("run", tmp.resolve("nope.yaml").toString()));
        assertEquals("kernelsim: " + tmp.resolve("nope.yaml") + ": no such file\n", err);
    }

    @Test
    void unknownKernelModulesAreConfigErrorsForCheckAndRun() throws IOException {
        Path config = file("x.yaml", "schemaVersion: 1\nstaticCall: { backend: generic }\nworkload: { type: selftest }\n"
                + "modules: [nosuch]\n");
        String expected = "kernelsim: " + config + ":4:11: unknown kernel module 'nosuch' in 'modules[0]'; "
                + "known modules: kvm, perf\n";
        for (String command : new String[] {"check", "run"}) {
            assertEquals(2, sim(command, config.toString()), command);
            assertEquals(expected, err, command);
            assertEquals("", out, command);
        }

        Path timeline = file("t.yaml", "schemaVersion: 1\nstaticCall: { backend: generic }\nmodules: [perf, kvm]\n"
                + "workload:\n  type: perf-record\n  timeline:\n    - { at: 1000, load: kvm }\n"
                + "    - { at: 4000, unload: nosuch }\n");
        assertEquals(2, sim("run", timeline.toString()));
        assertEquals("kernelsim: " + timeline + ":8:27: unknown kernel module 'nosuch' in "
                + "'workload.timeline[1].unload'; known modules: kvm, perf\n", err);
        assertNoStackTrace();
    }

    @Test
    void anUnwritableJsonReportIsExit2AfterTheTable() throws IOException {
        // The real plugins (on the test classpath) and the real runner: one selftest machine.
        classpath = MainTest.class.getClassLoader();
        runner = new org.kernelsim.kernel.run.MachineSimulationRunner(1, false);
        Path notADirectory = file("plain.txt", "a file, not a directory\n");
        Path report = notADirectory.resolve("x.json");
        Path config = file("json.yaml", "schemaVersion: 1\nstaticCall: { backend: generic }\n"
                + "workload: { type: selftest }\nreport: { json: " + report + " }\n");
        assertEquals(2, sim("run", config.toString()));
        assertEquals("kernelsim: cannot write the JSON report " + report + ": " + notADirectory
                + ": exists and is not a directory\n", err);
        assertTrue(out.startsWith("\n Performance counter stats for 'selftest (json.yaml)':\n"), out);
        assertFalse(out.contains("JSON report:"), out);
        assertNoStackTrace();
    }

    @Test
    void aDescribeOnlyWorkloadPluginIsAUsageErrorNamingItsJar() throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = TestJars.jar(plugins, "describe-only.jar",
                Map.of("com.example.describe.DescribeOnly", TestJars.describeOnlyWorkloadSource(
                        "com.example.describe.DescribeOnly", "describe-only")),
                Map.ofEntries(TestJars.services(org.kernelsim.api.workload.WorkloadPlugin.class,
                        "com.example.describe.DescribeOnly")));
        runner = new org.kernelsim.kernel.run.MachineSimulationRunner(1, false);
        Path config = file("d.yaml", "schemaVersion: 1\nstaticCall: { backend: generic }\n"
                + "workload: { type: describe-only }\n");
        assertEquals(0, sim("--plugins", plugins.toString(), "check", config.toString()), err);
        assertEquals(2, sim("--plugins", plugins.toString(), "run", config.toString()));
        assertEquals("kernelsim: workload type 'describe-only' from " + jar
                + " (com.example.describe.DescribeOnly) cannot drive a machine: the plugin only describes itself "
                + "(it does not implement WorkloadPlugin.create); it can be listed and checked, not run\n", err);
        assertEquals("", out);
        assertNoStackTrace();
    }

    @Test
    void usageErrorsAreExit2() {
        assertEquals(2, sim("frobnicate"));
        assertTrue(err.startsWith("kernelsim: Unmatched argument at index 0: 'frobnicate'\n"), err);
        assertNoStackTrace();

        assertEquals(2, sim());
        assertEquals("kernelsim: missing command; one of: run, check, backends, workloads, disasm, exec, bench\n(see ./sim --help)\n", err);

        assertEquals(2, sim("check"));
        assertEquals("kernelsim: Missing required parameter: 'CONFIG'\n(see ./sim check --help)\n", err);

        assertEquals(2, sim("run", "--fail-on", "cfi,bogus", "x.yaml"));
        assertEquals("kernelsim: Invalid value for option '--fail-on' (KIND): 'bogus' is not a failure kind; valid: "
                + "cfi, oops, panic, violation\n(see ./sim run --help)\n", err);

        Path missing = tmp.resolve("no-plugins-here");
        assertEquals(2, sim("backends", "--plugins", missing.toString()));
        assertEquals("kernelsim: --plugins " + missing + ": no such directory\n", err);
    }

    @Test
    void runPrintsThePlanAndSaysNothingRan() {
        assertEquals(0, sim("run", ROOT.resolve("configs/perf-kcfi.yaml").toString()));
        assertEquals("Plan for " + ROOT.resolve("configs/perf-kcfi.yaml") + " (seed 42):\n"
                + "  machine   4 CPUs, slice 200 instructions, BTI on, scheduler round-robin\n"
                + "  kernel    text 32MiB, module placement auto, CFI enforcing, CMODX report\n"
                + "  modules   perf, kvm\n"
                + "  workload  perf-record (classpath): duration=5000000, samplePeriod=10000\n"
                + "    at 1000000: load kvm\n"
                + "    at 4000000: unload kvm\n"
                + "  backends  4 runs, baseline ool-literal\n"
                + "    generic (classpath)\n"
                + "    cfi-ret0 (classpath)\n"
                + "    ool-literal (classpath)\n"
                + "    ool-branch (classpath): nullAs=ret, rewrite=nosync\n"
                + "Not run: the simulated machine is not wired into the CLI yet, so nothing was simulated and no "
                + "report was written.\n", out);
        assertEquals("", err);
    }

    @Test
    void theRunnerGetsTheResolvedPlan() {
        AtomicReference<RunPlan> seen = new AtomicReference<>();
        runner = (plan, o) -> {
            seen.set(plan);
            return RunResult.notSimulated();
        };
        assertEquals(0, sim("run", "-v", ROOT.resolve("configs/selftest.yaml").toString()));
        RunPlan plan = seen.get();
        assertEquals(java.util.List.of("generic", "cfi-ret0", "ool-literal", "ool-branch"),
                plan.backends().stream().map(b -> b.name()).toList());
        assertEquals("OolLiteralProvider", plan.backends().get(2).plugin().getClass().getSimpleName());
        assertEquals("selftest", plan.workload().type());
        assertEquals(new TestPlugins.SelftestParams(1, java.util.List.of()), plan.workload().parameters());
    }

    @Test
    void failOnTurnsFoundFailuresIntoExit1() {
        runner = (plan, o) -> new RunResult(true, Set.of(FailureKind.CFI, FailureKind.VIOLATION));
        String config = ROOT.resolve("configs/selftest.yaml").toString();
        assertEquals(0, sim("run", config));
        assertEquals(0, sim("run", "--fail-on", "oops,panic", config));
        assertEquals(1, sim("run", "--fail-on", "cfi,oops", config));
        assertEquals("kernelsim: the run found cfi (--fail-on)\n", err);
    }

    @Test
    void internalErrorsAreExit70WithAStackTraceOnlyWithDebug() {
        runner = (plan, o) -> {
            throw new IllegalStateException("boom");
        };
        String config = ROOT.resolve("configs/selftest.yaml").toString();
        assertEquals(70, sim("run", config));
        assertEquals("kernelsim: internal error: boom (java.lang.IllegalStateException)\n"
                + "(run with --debug for the stack trace)\n", err);
        assertFalse(err.contains("\tat "), err);

        assertEquals(70, sim("run", "--debug", config));
        assertTrue(err.startsWith("kernelsim: internal error: boom (java.lang.IllegalStateException)\n"
                + "java.lang.IllegalStateException: boom\n\tat org.kernelsim."), err);
    }

    @Test
    void backendsListsNamesDescriptionsSourcesAndOptions() {
        assertEquals(0, sim("backends"));
        assertEquals("""
                NAME         SOURCE     DESCRIPTION
                cfi-ret0     classpath  generic plus typed return-0 stubs
                generic      classpath  key->func load and BLR
                ool-branch   classpath  out-of-line trampoline, branch slot
                ool-literal  classpath  out-of-line trampoline, literal target

                options of ool-branch (staticCall.options.ool-branch):
                  NAME     TYPE                         DEFAULT  DESCRIPTION
                  nullAs   one of ret, nop              ret      what a NULL target is written as
                  rewrite  one of nosync, stop-machine  nosync   how the branch slot is rewritten
                """, out);
    }

    @Test
    void workloadsListParameters() {
        assertEquals(0, sim("workloads"));
        assertEquals("""
                microbench - a static-call microbenchmark [classpath]
                  NAME   TYPE     DEFAULT     DESCRIPTION
                  calls  integer  (required)  static calls per CPU

                perf-record - perf record with guest callbacks [classpath]
                  NAME          TYPE     DEFAULT  DESCRIPTION
                  duration      integer  5000000  modelled cycles per CPU
                  samplePeriod  integer  10000    cycles between PMU overflow interrupts

                selftest - the static_call selftest table [classpath]
                  NAME    TYPE            DEFAULT  DESCRIPTION
                  repeat  integer         1        how often each table entry runs
                  only    list of string  []       entries to run, by name; empty: all

                Every workload also takes 'type' (its name) and 'timeline' (module loads and unloads).
                """, out);
    }

    @Test
    void pluginJarsFromPluginsDirectories() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("extra"));
        Path jar = TestJars.jar(dir, "gamma.jar",
                Map.of("com.example.gamma.Gamma", TestJars.backendSource("com.example.gamma.Gamma", "gamma")),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.gamma.Gamma")));
        assertEquals(0, sim("backends", "--plugins", dir.toString()));
        assertTrue(out.contains("gamma        " + jar + "  test backend gamma\n"), out);

        Path clash = Files.createDirectories(tmp.resolve("clash"));
        Path generic = TestJars.jar(clash, "generic.jar",
                Map.of("com.example.g.Generic", TestJars.backendSource("com.example.g.Generic", "generic")),
                Map.ofEntries(TestJars.services(BackendPlugin.class, "com.example.g.Generic")));
        assertEquals(2, sim("check", "--plugins", clash.toString(), ROOT.resolve("configs/selftest.yaml").toString()));
        assertEquals("kernelsim: backend name 'generic' is claimed twice: by classpath ("
                + TestPlugins.GenericProvider.class.getName() + ") and by " + generic
                + " (com.example.g.Generic); remove one of them\n", err);
    }
}
