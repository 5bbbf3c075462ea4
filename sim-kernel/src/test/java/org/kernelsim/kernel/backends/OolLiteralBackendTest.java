package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.backends.Specs.addr;
import static org.kernelsim.kernel.backends.Specs.spec;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.patching.TextPatcher.PatchStats;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.kernel.boot.SimKernel;

/** {@code ool-literal}: static-call.md §11 scenarios 3 (OL), 7, 9, 11 and 12. */
class OolLiteralBackendTest {

    private static long literal(SimKernel k, long tramp) {
        int adrp = k.memory().read32(tramp + 4);
        int ldr = k.memory().read32(tramp + 8);
        return ((tramp + 4) & ~0xfffL) + A64.adrpOffset(adrp) + A64.ldrXImmOffset(ldr);
    }

    @Test
    void trampolineWordsAndLiteralPlacement() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING).withBti(true), "ool-literal");
        long tramp = addr(k, "__SCT__sc_selftest");
        assertEquals(0, tramp & 15, ".align 4");
        int[] w = Specs.words(k, tramp, 4);
        assertEquals(0xd503245f, w[0]);
        assertEquals(0x90000010, w[1] & 0x9f00001f, "adrp x16");
        assertEquals(0xf9400210, w[2] & 0xffc003ff, "ldr x16, [x16, #lo12]");
        assertEquals(0xd61f0200, w[3]);
        long lit = literal(k, tramp);
        assertEquals(0, lit & 7, ".align 3");
        assertEquals(addr(k, "func_a"), k.memory().read64(lit));
        assertTrue(lit > tramp + 16 || lit < tramp, "the literal is data in .rodata, not in the trampoline");
    }

    @Test
    void updatesWriteOnlyTheLiteral() {
        SimKernel k = BuiltIns.boot(spec().withCpus(2), "ool-literal");
        long tramp = addr(k, "__SCT__sc_selftest");
        int[] before = Specs.words(k, tramp, 4);
        PatchStats s0 = k.patcher().stats();
        int n = 0;
        for (String f : List.of("func_b", "func_a", "func_a", "func_b")) { // a same-func update writes too (§3)
            k.staticCalls().update("sc_selftest", f);
            n++;
            assertEquals(addr(k, f), k.memory().read64(literal(k, tramp)));
        }
        k.staticCalls().updateNull("sc_selftest");
        k.staticCalls().updateRet0("sc_selftest");
        n += 2;
        PatchStats s1 = k.patcher().stats();
        assertEquals(new PatchStats(0, 0, n), new PatchStats(s1.nosync() - s0.nosync(),
                s1.stopMachine() - s0.stopMachine(), s1.literalWrites() - s0.literalWrites()));
        assertArrayEquals(before, Specs.words(k, tramp, 4), "no instruction ever changes");
        assertEquals(0, k.stopMachine().count());
        assertEquals(List.of(), k.reports().all());
    }

    @Test
    void nullKeyFuncStaysNullWhileTheLiteralPointsAtReturn0() {
        SimKernel k = BuiltIns.boot(spec(), "ool-literal");
        long ret0 = addr(k, "__static_call_return0");
        long nullTramp = addr(k, "__SCT__sc_null");
        assertEquals(0, k.staticCalls().key("sc_null").orElseThrow().func());
        assertEquals(ret0, k.memory().read64(literal(k, nullTramp)));
        assertEquals(0, k.call(0, "sc_null_call"), "NULL: the trampoline tail-calls __static_call_return0, x0 = 0");
        k.staticCalls().update("sc_selftest", "func_b");
        k.staticCalls().updateNull("sc_selftest");
        assertEquals(0, k.staticCalls().key("sc_selftest").orElseThrow().func());
        assertEquals(ret0, k.memory().read64(literal(k, addr(k, "__SCT__sc_selftest"))));
        assertEquals(0, k.call(0, "sc_selftest_call", 2));
        assertTrue(ContractModule.MARK != 0);
    }

    @Test
    void perfsRet0KeyNeedsNoTypedStub() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING).withBti(true), "ool-literal");
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
        assertEquals(List.of(), k.reports().all());
    }

    /** Scenario 12: a far module's BL goes through a PLT (br x16) onto the trampoline's bti c. */
    @Test
    void farModuleReachesTheTrampolineThroughAPlt() {
        SimKernel k = BuiltIns.boot(spec().withPlacement(MachineSpec.Placement.FAR).withBti(true)
                .withCfi(CfiMode.ENFORCING), "ool-literal");
        var m = k.modules().load("sc_user");
        assertTrue(!m.near() && m.plts() > 0, m::toString);
        assertEquals(3, k.call(0, "sc_user_call", 2));
        var mk = k.modules().load("sc_modkey");
        long lit = literal(k, addr(k, "__SCT__sc_mod"));
        assertTrue(lit >= mk.base() && lit < mk.base() + mk.size(), "a module-defined key's literal is module rodata");
        assertEquals(List.of(), k.reports().all());
    }
}
