package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.bench.StaticCallCostBench;
import org.kernelsim.kernel.bench.StaticCallCostBench.CallCost;
import org.kernelsim.kernel.bench.StaticCallCostBench.Subject;
import org.kernelsim.kernel.bench.StaticCallCostBench.UpdateCost;

/**
 * The per-call and per-update costs that {@code ./sim bench} prints, for the built-in backends,
 * with the exact instruction counts the machine code implies.
 *
 * <p>Regenerate the README table with {@code ./sim bench} or:
 * {@code ./mvnw -B -ntp -o -q verify -pl sim-kernel -am -Dtest=StaticCallCostTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkernelsim.costs=static-call-costs.md}
 */
class StaticCallCostTest {

    @Test
    void costPerCallAndPerUpdate() throws IOException {
        List<Subject> subjects = BuiltIns.NAMES.stream()
                .map(n -> new Subject(n, BuiltIns.plugin(n).module(BuiltIns.options(n, "{}")))).toList();
        StaticCallCostBench.Result r = new StaticCallCostBench(10_000, 4).measure(subjects);
        // Exact instruction counts, from the machine code (target body: bti c; add; ret).
        assertEquals(6.0, call(r, "generic", "off", "near").insns(), "adrp; ldr; blr + 3");
        assertEquals(11.0, call(r, "generic", "on", "near").insns(), "+ ldur, movk, movk, cmp, b.eq (the brk is jumped over)");
        assertEquals(11.0, call(r, "cfi-ret0", "on", "far").insns(), "the same checked indirect call");
        assertEquals(8.0, call(r, "ool-literal", "on", "far").insns(), "bl; bti c; adrp; ldr; br + 3");
        assertEquals(8.0, call(r, "ool-literal", "off", "near").insns(), "no kCFI check at the site either way");
        assertEquals(6.0, call(r, "ool-branch", "off", "near").insns(), "bl; bti c; b + 3");
        assertEquals(8.0, call(r, "ool-branch", "off", "far").insns(), "bl; bti c; nop; ldr; br + 3");
        assertEquals(2.0, call(r, "ool-branch", "off", "near").extraInsns(), "bti c; b beyond a plain bl");

        // A far module calling the vmlinux key. Its plain-BL baseline to bench_near is itself
        // bl; adrp; add; br x16 (the module PLT) onto bti c + 2 = 7 instructions.
        for (String cfi : List.of("off", "on")) {
            int check = cfi.equals("on") ? 5 : 0;
            for (String target : List.of("near", "far")) {
                for (String b : List.of("generic", "cfi-ret0")) {
                    CallCost c = call(r, b, cfi, StaticCallCostBench.CALLER_FAR_MODULE, target);
                    assertEquals(6.0 + check, c.insns(), "adrp; ldr (±4 GiB, no PLT); [kCFI]; blr + 3");
                    assertEquals(-1.0 + check, c.extraInsns(), "one fewer than the PLT'd bl without kCFI");
                }
                CallCost lit = call(r, "ool-literal", cfi, StaticCallCostBench.CALLER_FAR_MODULE, target);
                assertEquals(11.0, lit.insns(), "bl; PLT adrp, add, br x16; bti c; adrp; ldr; br + 3");
                assertEquals(4.0, lit.extraInsns(), "the trampoline beyond the PLT'd bl, as from vmlinux");
            }
            CallCost near = call(r, "ool-branch", cfi, StaticCallCostBench.CALLER_FAR_MODULE, "near");
            assertEquals(9.0, near.insns(), "bl; PLT adrp, add, br x16; bti c; b + 3");
            assertEquals(2.0, near.extraInsns());
            CallCost far = call(r, "ool-branch", cfi, StaticCallCostBench.CALLER_FAR_MODULE, "far");
            assertEquals(11.0, far.insns(), "bl; PLT adrp, add, br x16; bti c; nop; ldr; br + 3");
            assertEquals(4.0, far.extraInsns());
        }
        assertEquals(32, r.calls().size(), "4 backends x kCFI off/on x 2 callers x 2 targets");

        // Updates: generic and cfi-ret0 store the pointer; ool-literal writes one literal;
        // ool-branch writes the literal, then rewrites the slot (B near <-> NOP far) without stop_machine.
        assertEquals(new UpdateCost("generic", 0, 0, 0, 0), update(r, "generic"));
        assertEquals(new UpdateCost("cfi-ret0", 0, 0, 0, 0), update(r, "cfi-ret0"));
        assertEquals(new UpdateCost("ool-literal", 0, 0, 1, 0), update(r, "ool-literal"));
        assertEquals(new UpdateCost("ool-branch", 1, 0, 1, 0), update(r, "ool-branch"));

        String table = StaticCallCostBench.markdown(r);
        String out = System.getProperty("kernelsim.costs");
        if (out != null && !out.isBlank()) {
            Files.writeString(Path.of(System.getProperty("kernelsim.root", ".."), out), table);
        }
    }

    @Test
    void stopMachineRewritesShowStallCycles() {
        Subject s = new Subject("ool-branch", BuiltIns.plugin("ool-branch")
                .module(BuiltIns.options("ool-branch", "{rewrite: stop-machine}")));
        UpdateCost u = new StaticCallCostBench(100, 4).measure(List.of(s)).updates().get(0);
        assertEquals(0.0, u.nosync());
        assertEquals(1.0, u.stopMachine());
        assertEquals(1.0, u.literalWrites());
        org.junit.jupiter.api.Assertions.assertTrue(u.stallCycles() > 0, "stall cycles: " + u.stallCycles());
    }

    private static CallCost call(StaticCallCostBench.Result r, String backend, String cfi, String target) {
        return call(r, backend, cfi, StaticCallCostBench.CALLER_VMLINUX, target);
    }

    private static CallCost call(StaticCallCostBench.Result r, String backend, String cfi, String caller, String target) {
        return r.calls().stream().filter(c -> c.backend().equals(backend) && c.cfi().equals(cfi)
                && c.caller().equals(caller) && c.target().equals(target)).findFirst().orElseThrow();
    }

    private static UpdateCost update(StaticCallCostBench.Result r, String backend) {
        return r.updates().stream().filter(u -> u.backend().equals(backend)).findFirst().orElseThrow();
    }
}
