package org.kernelsim.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelsim.api.plugin.NoOptions;
import org.kernelsim.kernel.config.KernelConfig.CfiMode;
import org.kernelsim.kernel.config.KernelConfig.CmodxPolicy;
import org.kernelsim.kernel.config.KernelConfig.Placement;
import org.kernelsim.kernel.config.MachineConfig.Scheduler;
import org.kernelsim.kernel.plugin.PluginRegistry;
import org.kernelsim.kernel.plugin.TestPlugins;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry());

    /** The smallest valid config, to which each test adds lines. */
    private static final String MINIMAL = """
            schemaVersion: 1
            staticCall: { backend: generic }
            workload: { type: perf-record }
            """;

    private SimConfig read(String yaml) {
        return loader.read(yaml, "configs/x.yaml", ConfigLoader.Format.YAML);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml)).getMessage();
    }

    @Test
    void readsTheDesignExampleWithEveryDefaultFilledIn() {
        SimConfig c = read("""
                schemaVersion: 1
                seed: 42
                machine: { cpus: 4, slice: 200, bti: true, scheduler: random }
                kernel:
                  textSize: 32MiB
                  modules: { placement: far }
                  cfi: permissive
                  cmodx: off
                staticCall:
                  backend: ool-literal
                  compare: [generic, cfi-ret0, ool-literal, ool-branch]
                  options: { ool-branch: { nullAs: nop } }
                modules: [perf, kvm]
                workload:
                  type: perf-record
                  duration: 5000000
                  samplePeriod: 10000
                  timeline:
                    - { at: 1000000, load: kvm }
                    - { at: 4000000, unload: kvm }
                report: { json: out/report.json }
                costModel: { indirectMispredicted: 14 }
                """);
        assertEquals(new SimConfig(1, 42,
                new MachineConfig(4, 200, true, Scheduler.RANDOM),
                new KernelConfig(Size.ofMiB(32), new KernelConfig.ModulesConfig(Placement.FAR), CfiMode.PERMISSIVE,
                        CmodxPolicy.OFF),
                new StaticCallConfig(Optional.of("ool-literal"), List.of("generic", "cfi-ret0", "ool-literal",
                        "ool-branch"), Map.of("generic", new NoOptions(), "cfi-ret0", new NoOptions(),
                        "ool-literal", new NoOptions(), "ool-branch",
                        new TestPlugins.OolBranchOptions(TestPlugins.NullAs.NOP, TestPlugins.Rewrite.NOSYNC))),
                List.of("perf", "kvm"),
                new WorkloadConfig("perf-record", List.of(
                        new TimelineEvent(1_000_000, Optional.of("kvm"), Optional.empty()),
                        new TimelineEvent(4_000_000, Optional.empty(), Optional.of("kvm"))),
                        new TestPlugins.PerfRecordParams(5_000_000, 10_000)),
                new ReportConfig(Optional.of("out/report.json")),
                Map.of("indirectMispredicted", 14)), c);
        assertEquals(List.of("generic", "cfi-ret0", "ool-literal", "ool-branch"), c.staticCall().runs());
    }

    @Test
    void fillsDefaults() {
        SimConfig c = read(MINIMAL);
        assertEquals(new MachineConfig(4, 200, true, Scheduler.ROUND_ROBIN), c.machine());
        assertEquals(new KernelConfig(Size.ofMiB(32), new KernelConfig.ModulesConfig(Placement.AUTO),
                CfiMode.ENFORCING, CmodxPolicy.REPORT), c.kernel());
        assertEquals(0, c.seed());
        assertEquals(List.of(), c.modules());
        assertEquals(new ReportConfig(Optional.empty()), c.report());
        assertEquals(Map.of("generic", new NoOptions()), c.staticCall().options());
        assertEquals(new TestPlugins.PerfRecordParams(5_000_000, 10_000), c.workload().parameters());
        assertEquals(List.of("generic"), c.staticCall().runs());
    }

    @Test
    void jsonByExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "staticCall": {"backend": "generic"},
                 "workload": {"type": "selftest", "repeat": 3}, "machine": {"cpus": "2"}}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        assertEquals(file + ":2:69: 'machine.cpus' must be an integer; got string '2'", e.getMessage());
        Files.writeString(file, """
                {"schemaVersion": 1, "staticCall": {"backend": "generic"}, "workload": {"type": "selftest", "repeat": 3}}
                """);
        assertEquals(new TestPlugins.SelftestParams(3, List.of()), loader.load(file).workload().parameters());
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        assertEquals("configs/x.yaml:5:3: unknown key 'cpu' in 'machine'; valid keys: cpus, slice, bti, scheduler",
                error(MINIMAL + "machine:\n  cpu: 4\n"));
        assertEquals("configs/x.yaml:4:1: unknown key 'cpus' at the top level; valid keys: schemaVersion, seed, "
                + "machine, kernel, staticCall, modules, workload, report, costModel", error(MINIMAL + "cpus: 4\n"));
        assertEquals("configs/x.yaml:6:5: unknown key 'placment' in 'kernel.modules'; valid keys: placement",
                error(MINIMAL + "kernel:\n  modules:\n    placment: far\n"));
    }

    @Test
    void duplicateKeysAreErrors() {
        assertEquals("configs/x.yaml:6:3: duplicate key 'cpus' in 'machine'",
                error(MINIMAL + "machine:\n  cpus: 4\n  cpus: 8\n"));
    }

    @Test
    void wrongTypesAreNotCoerced() {
        assertEquals("configs/x.yaml:4:18: 'machine.cpus' must be an integer; got string '4'",
                error(MINIMAL + "machine: { cpus: '4' }\n"));
        assertEquals("configs/x.yaml:4:18: 'machine.cpus' must be an integer; got number 4.5",
                error(MINIMAL + "machine: { cpus: 4.5 }\n"));
        assertEquals("configs/x.yaml:4:17: 'machine.bti' must be true or false; got 'yes'",
                error(MINIMAL + "machine: { bti: yes }\n"));
        assertEquals("configs/x.yaml:4:17: 'machine.bti' must be true or false; got integer 1",
                error(MINIMAL + "machine: { bti: 1 }\n"));
        assertEquals("configs/x.yaml:4:10: 'modules' must be a list; got string 'kvm'", error(MINIMAL + "modules: kvm\n"));
        assertEquals("configs/x.yaml:4:16: 'modules[1]' must be a string; got integer 7",
                error(MINIMAL + "modules: [kvm, 7]\n"));
        assertEquals("configs/x.yaml:4:10: 'machine' must be a mapping; got integer 4", error(MINIMAL + "machine: 4\n"));
        assertEquals("configs/x.yaml:4:7: 'seed' must be an integer; got no value (null)", error(MINIMAL + "seed: ~\n"));
    }

    @Test
    void badEnumValueListsTheValues() {
        assertEquals("configs/x.yaml:5:8: bad value 'Enforcing' for 'kernel.cfi'; valid values: off, permissive, "
                + "enforcing", error(MINIMAL + "kernel:\n  cfi: Enforcing\n"));
        assertEquals("configs/x.yaml:4:23: bad value 'round_robin' for 'machine.scheduler'; valid values: "
                + "round-robin, random", error(MINIMAL + "machine: { scheduler: round_robin }\n"));
        // YAML 1.1 would read 'off' as false; the config reads it as the value it spells.
        assertEquals(CfiMode.OFF, read(MINIMAL + "kernel: { cfi: off }\n").kernel().cfi());
    }

    @Test
    void badSizeSaysWhatIsAccepted() {
        assertEquals("configs/x.yaml:5:13: bad size '32MB' for 'kernel.textSize'; a size is a whole number of "
                + "bytes, optionally followed by KiB, MiB or GiB (e.g. 4096, 64KiB, 32MiB, 2GiB)",
                error(MINIMAL + "kernel:\n  textSize: 32MB\n"));
        assertEquals("configs/x.yaml:5:13: 'kernel.textSize' must be between 1MiB and 2GiB; got 4GiB",
                error(MINIMAL + "kernel:\n  textSize: 4GiB\n"));
        assertEquals("configs/x.yaml:5:13: 'kernel.textSize' must be a multiple of 4KiB (the page size); got 1048577",
                error(MINIMAL + "kernel:\n  textSize: 1048577\n"));
        assertEquals(Size.ofMiB(512), read(MINIMAL + "kernel: { textSize: 536870912 }\n").kernel().textSize());
    }

    @Test
    void rangesAreCheckedWhereTheValueIs() {
        assertEquals("configs/x.yaml:4:18: 'machine.cpus' must be between 1 and 256; got 0",
                error(MINIMAL + "machine: { cpus: 0 }\n"));
        assertEquals("configs/x.yaml:4:18: 'machine.cpus' must be between 1 and 256; got 257",
                error(MINIMAL + "machine: { cpus: 257 }\n"));
        assertEquals("configs/x.yaml:3:46: 'workload.samplePeriod' must be at least 1; got 0",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\n"
                        + "workload: { type: perf-record, samplePeriod: 0 }\n"));
    }

    @Test
    void schemaVersionIsRequiredAndMustBeOne() {
        assertEquals("configs/x.yaml:1:1: missing required key 'schemaVersion' at the top level; this kernelsim "
                + "reads configs with 'schemaVersion: 1'", error("seed: 1\nstaticCall: { backend: generic }\n"));
        assertEquals("configs/x.yaml:1:16: unsupported schemaVersion 2; this kernelsim reads schemaVersion 1 only",
                error("schemaVersion: 2\nfutureKey: x\n"));
        assertEquals("configs/x.yaml:1:16: 'schemaVersion' must be the integer 1; got string '1'",
                error("schemaVersion: '1'\n"));
        assertEquals("configs/x.yaml:1:1: the file is empty; a config starts with 'schemaVersion: 1'", error(""));
    }

    @Test
    void requiredSectionsAndKeys() {
        assertEquals("configs/x.yaml:1:1: missing required key 'workload' at the top level",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\n"));
        assertEquals("configs/x.yaml:3:11: missing required key 'type' in 'workload'; known workload types: "
                + "microbench, perf-record, selftest",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\nworkload: { duration: 5 }\n"));
        assertEquals("configs/x.yaml:3:11: missing required key 'calls' in 'workload'",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\nworkload: { type: microbench }\n"));
        assertEquals("configs/x.yaml:2:13: 'staticCall' needs 'backend' (one backend) or 'compare' (a list of backends)",
                error("schemaVersion: 1\nstaticCall: {}\nworkload: { type: perf-record }\n"));
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        assertEquals("configs/x.yaml:2:24: unknown backend 'ool-literl' in 'staticCall.backend'; known backends: "
                + "cfi-ret0, generic, ool-branch, ool-literal",
                error("schemaVersion: 1\nstaticCall: { backend: ool-literl }\nworkload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:34: unknown backend 'nope' in 'staticCall.compare[1]'; known backends: "
                + "cfi-ret0, generic, ool-branch, ool-literal",
                error("schemaVersion: 1\nstaticCall: { compare: [generic, nope] }\nworkload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:44: unknown backend 'nope' in 'staticCall.options'; known backends: "
                + "cfi-ret0, generic, ool-branch, ool-literal",
                error("schemaVersion: 1\nstaticCall: { backend: generic, options: { nope: {} } }\n"
                        + "workload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:34: backend 'generic' is listed twice in 'staticCall.compare'",
                error("schemaVersion: 1\nstaticCall: { compare: [generic, generic] }\nworkload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:24: backend 'ool-branch' is not in 'staticCall.compare'; with both given, "
                + "'backend' names the baseline and must be one of the compared backends",
                error("schemaVersion: 1\nstaticCall: { backend: ool-branch, compare: [generic] }\n"
                        + "workload: { type: perf-record }\n"));
    }

    @Test
    void withNoPluginsInstalledTheErrorSaysSo() {
        ConfigLoader bare = new ConfigLoader(PluginRegistry.empty());
        ConfigException e = assertThrows(ConfigException.class, () -> bare.read(
                "schemaVersion: 1\nstaticCall: { backend: ool-literal }\nworkload: { type: perf-record }\n",
                "configs/x.yaml", ConfigLoader.Format.YAML));
        assertEquals("configs/x.yaml:3:19: unknown workload type 'perf-record' in 'workload.type'; no workload "
                + "plugins are installed (none found on the classpath)", e.getMessage());
    }

    @Test
    void backendOptionsAreTypedByThePlugin() {
        assertEquals("configs/x.yaml:2:61: unknown key 'nulAs' in 'staticCall.options.ool-branch'; valid keys: "
                + "nullAs, rewrite", error("schemaVersion: 1\nstaticCall: { backend: ool-branch, options: "
                + "{ ool-branch: { nulAs: ret } } }\nworkload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:70: bad value 'stop-machin' for 'staticCall.options.ool-branch.rewrite'; "
                + "valid values: nosync, stop-machine", error("schemaVersion: 1\nstaticCall: { backend: ool-branch, "
                + "options: { ool-branch: { rewrite: stop-machin } } }\nworkload: { type: perf-record }\n"));
        assertEquals("configs/x.yaml:2:55: unknown key 'x' in 'staticCall.options.generic'; it takes no keys",
                error("schemaVersion: 1\nstaticCall: { backend: generic, options: { generic: { x: 1 } } }\n"
                        + "workload: { type: perf-record }\n"));
    }

    @Test
    void workloadParametersAreTypedByThePlugin() {
        assertEquals("configs/x.yaml:3:32: unknown key 'samplePerod' in 'workload' (type perf-record); valid keys: "
                + "type, timeline, duration, samplePeriod", error("schemaVersion: 1\nstaticCall: { backend: generic }\n"
                + "workload: { type: perf-record, samplePerod: 3 }\n"));
        assertEquals("configs/x.yaml:3:19: unknown workload type 'perf-recrod' in 'workload.type'; known workload "
                + "types: microbench, perf-record, selftest", error("schemaVersion: 1\nstaticCall: { backend: generic }\n"
                + "workload: { type: perf-recrod, samplePeriod: 3 }\n"));
        // The type may come after the keys it types.
        SimConfig c = read("schemaVersion: 1\nstaticCall: { backend: generic }\n"
                + "workload: { repeat: 7, type: selftest }\n");
        assertEquals(new TestPlugins.SelftestParams(7, List.of()), c.workload().parameters());
    }

    @Test
    void timelineEventsNeedExactlyOneAction() {
        assertEquals("configs/x.yaml:6:7: 'workload.timeline[0]': needs exactly one of 'load' or 'unload'",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\nworkload:\n  type: perf-record\n"
                        + "  timeline:\n    - { at: 5, load: kvm, unload: kvm }\n"));
        assertEquals("configs/x.yaml:6:13: 'workload.timeline[0].at' must be at least 0; got -1",
                error("schemaVersion: 1\nstaticCall: { backend: generic }\nworkload:\n  type: perf-record\n"
                        + "  timeline:\n    - { at: -1, load: kvm }\n"));
    }

    @Test
    void unknownKernelModulesAreErrorsAtTheListItem() {
        assertEquals("configs/x.yaml:4:11: unknown kernel module 'nosuch' in 'modules[0]'; known modules: kvm, perf",
                error(MINIMAL + "modules: [nosuch]\n"));
        assertEquals("configs/x.yaml:6:5: unknown kernel module 'kvmm' in 'modules[1]'; known modules: kvm, perf",
                error(MINIMAL + "modules:\n  - perf\n  - kvmm\n"));
    }

    private static String timeline(String modules, String... events) {
        return "schemaVersion: 1\nstaticCall: { backend: generic }\nmodules: " + modules
                + "\nworkload:\n  type: perf-record\n  timeline:\n"
                + String.join("", java.util.Arrays.stream(events).map(e -> "    - " + e + "\n").toList());
    }

    @Test
    void timelineModulesMustBeKnownBuiltAndLoadedInOrder() {
        String twice = timeline("[perf, kvm]", "{ at: 1000, load: kvm }", "{ at: 4000, unload: kvm }");
        assertEquals(List.of(new TimelineEvent(1000, Optional.of("kvm"), Optional.empty()),
                new TimelineEvent(4000, Optional.empty(), Optional.of("kvm"))), read(twice).workload().timeline());
        // Written out of order: the kernel applies events by time, so this is the same sequence.
        read(timeline("[kvm]", "{ at: 4000, unload: kvm }", "{ at: 1000, load: kvm }"));

        assertEquals("configs/x.yaml:8:27: unknown kernel module 'nosuch' in 'workload.timeline[1].unload'; "
                + "known modules: kvm, perf",
                error(timeline("[perf, kvm]", "{ at: 1000, load: kvm }", "{ at: 4000, unload: nosuch }")));
        assertEquals("configs/x.yaml:7:25: kernel module 'kvm' in 'workload.timeline[0].load' is not built for this "
                + "run, so the kernel cannot find it; add it to 'modules' (built: perf)",
                error(timeline("[perf]", "{ at: 1000, load: kvm }")));
        assertEquals("configs/x.yaml:7:25: kernel module 'perf' in 'workload.timeline[0].load' is built into the "
                + "kernel image (linked at boot), so it cannot be loaded",
                error(timeline("[perf, kvm]", "{ at: 1000, load: perf }")));
        assertEquals("configs/x.yaml:7:27: kernel module 'kvm' in 'workload.timeline[0].unload' is not loaded at "
                + "4000: no earlier event of the timeline loads it",
                error(timeline("[kvm]", "{ at: 4000, unload: kvm }", "{ at: 5000, load: kvm }")));
        assertEquals("configs/x.yaml:9:25: kernel module 'kvm' in 'workload.timeline[2].load' is already loaded at "
                + "3000 (by 'workload.timeline[0]' at 1000); unload it first",
                error(timeline("[kvm]", "{ at: 1000, load: kvm }", "{ at: 4000, unload: kvm }",
                        "{ at: 3000, load: kvm }")));
    }

    @Test
    void syntaxErrorsAreLocated() {
        String message = error("schemaVersion: 1\nmachine: { cpus: 4\n");
        assertEquals("configs/x.yaml:2:19: not valid YAML: while parsing a flow mapping; expected ',' or '}', but got <stream end>", message);
    }

    @Test
    void fileErrors(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertEquals(missing + ": no such file",
                assertThrows(ConfigException.class, () -> loader.load(missing)).getMessage());
        Path txt = dir.resolve("x.txt");
        assertEquals(txt + ": unknown config format; a config file ends in .yaml, .yml or .json",
                assertThrows(ConfigException.class, () -> loader.load(txt)).getMessage());
    }

    @Test
    void theEffectiveConfigIsItselfAValidConfig() {
        SimConfig c = read(MINIMAL + "staticCall: { compare: [ool-branch, generic] }\n".replace("staticCall",
                "seed").replace("{ compare: [ool-branch, generic] }", "7"));
        String yaml = new ConfigWriter().toYaml(c);
        assertEquals(c, read(yaml));
        assertEquals("""
                schemaVersion: 1
                seed: 7
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
                  backend: generic
                  compare: []
                  options:
                    generic: {}
                  variants: {}
                modules: []
                workload:
                  type: perf-record
                  duration: 5000000
                  samplePeriod: 10000
                  timeline: []
                report:
                  json: null
                costModel: {}
                """, yaml);
    }

    @Test
    void costModelEntriesAreCheckedByTheCostModelAtTheirKey() {
        assertEquals("configs/x.yaml:4:22: unknown cost model entry 'indirectBranchMiss'; valid entries: alu, barrier, "
                + "branchNotTaken, branchTaken, cacheMaintenance, divide, exceptionEntry, exceptionReturn, "
                + "indirectMispredicted, indirectPredicted, load, multiply, returnMispredicted, returnPredicted, "
                + "store, systemRegister (in 'costModel')",
                error(MINIMAL + "costModel: { alu: 1, indirectBranchMiss: 14 }\n"));
        assertEquals(Map.of("indirectMispredicted", 20), read(MINIMAL + "costModel: { indirectMispredicted: 20 }\n")
                .costModel());
    }
}
