package org.kernelsim.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.plugin.NoOptions;
import org.kernelsim.kernel.plugin.TestPlugins;
import org.kernelsim.kernel.plugin.TestPlugins.NullAs;
import org.kernelsim.kernel.plugin.TestPlugins.OolBranchOptions;
import org.kernelsim.kernel.plugin.TestPlugins.Rewrite;

/** {@code staticCall.variants}: named option sets of one backend, usable wherever a backend name is. */
class VariantConfigTest {

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry());

    private static final String WORKLOAD = "workload: { type: perf-record }\n";
    private static final String KNOWN = "known backends: cfi-ret0, generic, ool-branch, ool-literal";

    private SimConfig read(String yaml) {
        return loader.read(yaml, "configs/x.yaml", ConfigLoader.Format.YAML);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml)).getMessage();
    }

    @Test
    void variantsRunUnderTheirOwnNamesWithTheirOwnOptions() {
        SimConfig c = read("""
                schemaVersion: 1
                staticCall:
                  backend: ool-branch
                  compare: [ool-literal, ool-branch, ool-branch-nop, ool-branch-stopm]
                  variants:
                    ool-branch-nop: { backend: ool-branch, options: { nullAs: nop } }
                    ool-branch-stopm: { options: { rewrite: stop-machine }, backend: ool-branch }
                """ + WORKLOAD);
        StaticCallConfig s = c.staticCall();
        assertEquals(List.of("ool-literal", "ool-branch", "ool-branch-nop", "ool-branch-stopm"), s.runs());
        assertEquals(Map.of(
                "ool-branch-nop", new StaticCallConfig.Variant("ool-branch", new OolBranchOptions(NullAs.NOP, Rewrite.NOSYNC)),
                "ool-branch-stopm", new StaticCallConfig.Variant("ool-branch",
                        new OolBranchOptions(NullAs.RET, Rewrite.STOP_MACHINE))), s.variants());
        // Only backends that run under their own name get an options entry.
        assertEquals(Map.of("ool-literal", new NoOptions(), "ool-branch",
                new OolBranchOptions(NullAs.RET, Rewrite.NOSYNC)), s.options());
        assertEquals("ool-branch", s.implementation("ool-branch-stopm"));
        assertEquals("ool-literal", s.implementation("ool-literal"));
        assertEquals(Optional.of(new OolBranchOptions(NullAs.NOP, Rewrite.NOSYNC)), s.optionsOf("ool-branch-nop"));
    }

    @Test
    void aVariantMayBeTheBaselineAndIsWrittenBackAsAValidConfig() {
        String yaml = "schemaVersion: 1\nstaticCall:\n  backend: obs\n  variants: { obs: { backend: ool-branch } }\n"
                + WORKLOAD;
        SimConfig c = read(yaml);
        assertEquals(List.of("obs"), c.staticCall().runs());
        assertEquals(Map.of(), c.staticCall().options());
        String effective = new ConfigWriter().toYaml(c);
        assertTrue(effective.contains("variants:\n    obs:\n      backend: ool-branch\n      options:\n"
                + "        nullAs: ret\n        rewrite: nosync\n"), effective);
        assertEquals(c, loader.read(effective, "effective.yaml", ConfigLoader.Format.YAML));
    }

    @Test
    void aVariantMustNotTakeABackendsName() {
        assertEquals("configs/x.yaml:5:5: variant 'ool-branch' in 'staticCall.variants' has the name of a backend; "
                + "a variant needs a name of its own (" + KNOWN + ")",
                error("schemaVersion: 1\nstaticCall:\n  compare: [generic]\n  variants:\n"
                        + "    ool-branch: { backend: ool-branch, options: { nullAs: nop } }\n" + WORKLOAD));
    }

    @Test
    void aVariantsBackendMustBeKnown() {
        assertEquals("configs/x.yaml:5:21: unknown backend 'ool-brnch' in 'staticCall.variants.obs.backend'; "
                + KNOWN + "; a variant configures a backend, not another variant",
                error("schemaVersion: 1\nstaticCall:\n  compare: [generic]\n  variants:\n"
                        + "    obs: { backend: ool-brnch, options: { nullAs: nop } }\n" + WORKLOAD));
        // ... and is a backend, not another variant.
        assertEquals("configs/x.yaml:6:19: unknown backend 'a' in 'staticCall.variants.b.backend'; "
                + KNOWN + "; a variant configures a backend, not another variant",
                error("schemaVersion: 1\nstaticCall:\n  compare: [generic]\n  variants:\n"
                        + "    a: { backend: ool-branch }\n    b: { backend: a }\n" + WORKLOAD));
        assertEquals("configs/x.yaml:5:10: missing required key 'backend' in 'staticCall.variants.obs'; a variant "
                + "names the backend it configures (" + KNOWN + ")",
                error("schemaVersion: 1\nstaticCall:\n  compare: [generic]\n  variants:\n"
                        + "    obs: { options: { nullAs: nop } }\n" + WORKLOAD));
    }

    @Test
    void aVariantsOptionsAreTypedByItsBackend() {
        assertEquals("configs/x.yaml:5:44: unknown key 'nulAs' in 'staticCall.variants.obs.options'; valid keys: "
                + "nullAs, rewrite",
                error("schemaVersion: 1\nstaticCall:\n  compare: [obs]\n  variants:\n"
                        + "    obs: { backend: ool-branch, options: { nulAs: nop } }\n" + WORKLOAD));
        // The same when the options come before the backend.
        assertEquals("configs/x.yaml:5:32: bad value 'stop-machin' for 'staticCall.variants.obs.options.rewrite'; "
                + "valid values: nosync, stop-machine",
                error("schemaVersion: 1\nstaticCall:\n  compare: [obs]\n  variants:\n"
                        + "    obs: { options: { rewrite: stop-machin }, backend: ool-branch }\n" + WORKLOAD));
        assertEquals("configs/x.yaml:5:33: unknown key 'option' in 'staticCall.variants.obs'; valid keys: "
                + "backend, options",
                error("schemaVersion: 1\nstaticCall:\n  compare: [obs]\n  variants:\n"
                        + "    obs: { backend: ool-branch, option: {} }\n" + WORKLOAD));
    }

    @Test
    void unknownNamesListTheVariantsToo() {
        assertEquals("configs/x.yaml:3:22: unknown backend 'obx' in 'staticCall.compare[1]'; " + KNOWN
                + "; variants: obs",
                error("schemaVersion: 1\nstaticCall:\n  compare: [generic, obx]\n  variants:\n"
                        + "    obs: { backend: ool-branch }\n" + WORKLOAD));
        assertEquals("configs/x.yaml:3:12: unknown backend 'obx' in 'staticCall.backend'; " + KNOWN
                + "; variants: obs",
                error("schemaVersion: 1\nstaticCall:\n  backend: obx\n  variants:\n"
                        + "    obs: { backend: ool-branch }\n" + WORKLOAD));
        assertEquals("configs/x.yaml:4:14: unknown backend 'obs' in 'staticCall.options'; " + KNOWN
                + "; 'obs' is a variant, whose options go in 'staticCall.variants.obs.options'",
                error("schemaVersion: 1\nstaticCall:\n  compare: [obs]\n  options: { obs: { nullAs: nop } }\n"
                        + "  variants:\n    obs: { backend: ool-branch }\n" + WORKLOAD));
        assertEquals("configs/x.yaml:3:18: backend 'obs' is listed twice in 'staticCall.compare'",
                error("schemaVersion: 1\nstaticCall:\n  compare: [obs, obs]\n  variants:\n"
                        + "    obs: { backend: ool-branch }\n" + WORKLOAD));
    }
}
