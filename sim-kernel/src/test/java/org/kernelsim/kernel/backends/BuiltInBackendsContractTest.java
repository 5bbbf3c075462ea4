package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.plugin.ParameterInfo;
import org.kernelsim.api.staticcall.testing.BackendPluginContract;

/**
 * The shared contract (sim-api's test-jar) run on every built-in backend, each found through
 * ServiceLoader and booted through its plugin's Guice module, and on each ool-branch option
 * combination read from config text.
 */
class BuiltInBackendsContractTest {

    @Test
    void serviceLoaderFindsTheFourWithOneLineDescriptions() {
        assertEquals(BuiltIns.NAMES, List.copyOf(BuiltIns.discovered().backends().keySet()));
        BuiltIns.descriptions().forEach((name, d) -> {
            assertFalse(d.isBlank(), name);
            assertFalse(d.contains("\n"), name);
            assertTrue(d.length() <= 120, name + ": " + d.length() + " characters");
        });
        assertEquals(List.of("nullAs", "rewrite"),
                BuiltIns.plugin("ool-branch").options().stream().map(ParameterInfo::name).toList());
        assertTrue(BuiltIns.discovered().warnings().isEmpty(), BuiltIns.discovered().warnings()::toString);
    }

    abstract static class BuiltIn extends BackendPluginContract {
        private final String name;
        private final String options;

        BuiltIn(String name, String options) {
            this.name = name;
            this.options = options;
        }

        @Override
        protected BackendPlugin plugin() {
            return BuiltIns.plugin(name);
        }

        @Override
        protected Record options() {
            return BuiltIns.options(name, options);
        }
    }

    @Nested
    class Generic extends BuiltIn {
        Generic() {
            super("generic", "{}");
        }
    }

    @Nested
    class CfiRet0 extends BuiltIn {
        CfiRet0() {
            super("cfi-ret0", "{}");
        }
    }

    @Nested
    class OolLiteral extends BuiltIn {
        OolLiteral() {
            super("ool-literal", "{}");
        }
    }

    @Nested
    class OolBranch extends BuiltIn {
        OolBranch() {
            super("ool-branch", "{}");
        }
    }

    @Nested
    class OolBranchNullStub extends BuiltIn {
        OolBranchNullStub() {
            super("ool-branch", "{ nullAs: stub }");
        }
    }

    @Nested
    class OolBranchStopMachine extends BuiltIn {
        OolBranchStopMachine() {
            super("ool-branch", "{ nullAs: stub, rewrite: stop-machine }");
        }
    }
}
