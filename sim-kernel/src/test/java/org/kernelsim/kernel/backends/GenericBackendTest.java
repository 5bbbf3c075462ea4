package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.backends.Specs.addr;
import static org.kernelsim.kernel.backends.Specs.spec;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.patching.TextPatcher.PatchStats;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.kernel.boot.SimKernel;

/** {@code generic}: static-call.md §11 scenarios 3 (G, GK), 4 (G, GK), 6 and the emitted kCFI sequence. */
class GenericBackendTest {

    /** perf's failure: a RET0 key typed {@code unsigned int(void)} reaches {@code long __static_call_return0(void)}. */
    static final String RET0_FAILURE = "CFI failure at sc_ret0_u_call+0x2c/0x3c (target: __static_call_return0+0x0/0xc; "
            + "expected type: 0x837de525)";

    @Test
    void callSiteIsClangsKcfiSequenceBeforeTheBlr() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING), "generic");
        int[] w = Specs.words(k, addr(k, "sc_ret0_u_call") + 16, 9);
        assertTrue(A64.isAdrp(w[0]) && (w[0] & 0x1f) == 8, "adrp x8, __SCK__sc_ret0_u");
        assertEquals(0xf9400108, w[1] & 0xffc003ff, "ldr x8, [x8, #:lo12:__SCK__sc_ret0_u]");
        assertArrayEquals(new int[] {0xb85fc110, 0x72800011 | 0xe525 << 5, 0x72a00011 | 0x837d << 5, 0x6b11021f,
                0x54000040, 0xd4304500, 0xd63f0100}, java.util.Arrays.copyOfRange(w, 2, 9));
        // Tail calls go through x16: the loaded id in w9, brk #0x8230, br x16.
        int[] t = Specs.words(k, addr(k, "sc_selftest_tail") + 4, 9);
        assertArrayEquals(new int[] {0xb85fc209, 0x72800011 | 0x0794 << 5, 0x72a00011 | 0x0005 << 5, 0x6b11013f,
                0x54000040, 0xd4304600, 0xd61f0200}, java.util.Arrays.copyOfRange(t, 2, 9));
    }

    @Test
    void enforcingKcfiKillsPerfsRet0Call() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING).withBti(true), "generic");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "sc_ret0_u_call"));
        assertEquals(RET0_FAILURE, k.reports().cfiFailures().get(0).headline());
        assertEquals("Internal error: Oops - CFI: 00000000f2008228 [#1]", k.reports().oopses().get(0).headline());
        assertEquals("Oops - CFI", k.reports().oopses().get(0).kind());
    }

    @Test
    void permissiveKcfiWarnsOnEveryCallAndReturnsZero() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.PERMISSIVE).withBti(true), "generic");
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
        List<KernelReport.CfiFailure> f = k.reports().cfiFailures();
        assertEquals(2, f.size());
        assertEquals(RET0_FAILURE, f.get(1).headline());
        List<KernelReport.Warning> w = k.reports().warnings();
        assertEquals(2, w.size());
        assertTrue(w.get(0).headline().matches("WARNING: CPU: 0 PID: \\d+ at sc_ret0_u_call\\+0x2c/0x3c"),
                w.get(0).headline());
        assertTrue(k.reports().oopses().isEmpty());
        // Once kvm-like code installs a correctly typed function, the check passes.
        k.staticCalls().update("sc_ret0_u", "uint_9");
        assertEquals(9, k.call(0, "sc_ret0_u_call"));
        assertEquals(2, k.reports().cfiFailures().size());
    }

    @Test
    void nullStaticCallBranchesToZero() {
        SimKernel k = BuiltIns.boot(spec(), "generic");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "sc_null_call"));
        assertEquals("Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000",
                k.reports().oopses().get(0).message());
    }

    /** With kCFI the LDUR of the type word at NULL-4 faults before the BLR is reached. */
    @ParameterizedTest
    @ValueSource(strings = {"PERMISSIVE", "ENFORCING"})
    void nullStaticCallUnderKcfiFaultsInTheLdur(String cfi) {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.valueOf(cfi)), "generic");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "sc_null_call"));
        assertEquals("Unable to handle kernel paging request at virtual address fffffffffffffffc",
                k.reports().oopses().get(0).message());
        assertTrue(k.reports().cfiFailures().isEmpty());
    }

    @Test
    void anUpdateIsOnePointerStoreAndNoPatching() {
        SimKernel k = BuiltIns.boot(spec(), "generic");
        PatchStats before = k.patcher().stats();
        k.staticCalls().update("sc_selftest", "func_b");
        k.staticCalls().updateNull("sc_selftest");
        k.staticCalls().updateRet0("sc_selftest");
        assertEquals(addr(k, "__static_call_return0"), k.memory().read64(addr(k, "__SCK__sc_selftest")));
        assertEquals(before, k.patcher().stats());
        assertEquals(0, k.stopMachine().count());
        assertEquals(0, k.staticCalls().key("sc_selftest").orElseThrow().trampoline(), "no trampoline");
    }

    /**
     * Scenario 4, GK: {@code static_call_cond()} on a NULL {@code void(int)} key still makes the
     * indirect call, to {@code __static_call_nop} ({@code void(void)}, 0xa540670c), checked against
     * {@code void(int)}'s id: the check fails at the site's BRK (+0x38 of 0x48: bti, stp, mov,
     * movz, adrp, ldr, cbnz, adrp, add, then ldur, movk, movk, cmp, b.eq, brk).
     */
    static final String NULL_COND_FAILURE = "CFI failure at sc_null_int_cond+0x38/0x48 "
            + "(target: __static_call_nop+0x0/0x8; expected type: 0x019c0cac)";

    @Test
    void nullCondSiteLoadsFuncOnceAndFallsBackToStaticCallNop() {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.ENFORCING), "generic");
        assertEquals(CondProtoModule.VOID_INT_ID, CondProtoModule.VOID_INT.kcfiId());
        assertEquals(0xa540670c, ContractModule.VOID_VOID.kcfiId());
        assertEquals(0xa540670c, k.memory().read32(addr(k, "__static_call_nop") - 4), "__static_call_nop's type word");
        long site = addr(k, "sc_null_int_cond") + 16;
        int[] w = Specs.words(k, site, 12);
        assertTrue(A64.isAdrp(w[0]) && (w[0] & 0x1f) == 8, "adrp x8, __SCK__sc_null_int");
        assertEquals(0xf9400108, w[1] & 0xffc003ff, "ldr x8, [x8, #:lo12:__SCK__sc_null_int]: one load");
        assertEquals(0xb5000068, w[2], "cbnz x8, 1f");
        assertTrue(A64.isAdrp(w[3]) && (w[3] & 0x1f) == 8, "adrp x8, __static_call_nop");
        assertEquals(0x91000108, w[4] & 0xffc003ff, "add x8, x8, #:lo12:__static_call_nop");
        assertArrayEquals(new int[] {0xb85fc110, 0x72800011 | 0x0cac << 5, 0x72a00011 | 0x019c << 5, 0x6b11021f,
                0x54000040, 0xd4304500, 0xd63f0100}, java.util.Arrays.copyOfRange(w, 5, 12),
                "1: the kCFI check against void(int), then blr x8");
    }

    @Test
    void enforcingKcfiKillsNullCondOfANonVoidVoidPrototype() {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.ENFORCING).withBti(true), "generic");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "sc_null_int_cond"));
        assertEquals(List.of(NULL_COND_FAILURE), k.reports().cfiFailures().stream().map(KernelReport::headline).toList());
        assertEquals("sc_null_int_cond+0x38/0x48", k.reports().cfiFailures().get(0).at());
        assertEquals("__static_call_nop+0x0/0x8", k.reports().cfiFailures().get(0).target());
        assertEquals(0x019c0cac, k.reports().cfiFailures().get(0).expectedType());
        assertEquals("Internal error: Oops - CFI: 00000000f2008228 [#1]", k.reports().oopses().get(0).headline());
    }

    @Test
    void permissiveKcfiWarnsOnEveryNullCondCallThenRunsTheNop() {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.PERMISSIVE).withBti(true), "generic");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"), "__static_call_nop ran: x0 untouched");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"));
        assertEquals(List.of(NULL_COND_FAILURE, NULL_COND_FAILURE),
                k.reports().cfiFailures().stream().map(KernelReport::headline).toList());
        List<KernelReport.Warning> w = k.reports().warnings();
        assertEquals(2, w.size());
        assertTrue(w.get(1).headline().matches("WARNING: CPU: 0 PID: \\d+ at sc_null_int_cond\\+0x38/0x48"),
                w.get(1).headline());
        assertTrue(k.reports().oopses().isEmpty());
        // A correctly typed target passes the same check.
        k.staticCalls().update("sc_null_int", "int_sink");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"));
        assertEquals(ContractModule.MARK, k.memory().read64(addr(k, "sc_int_seen")), "int_sink got the argument");
        assertEquals(2, k.reports().cfiFailures().size());
        // NULL again: the nop again, and the failure again.
        k.staticCalls().updateNull("sc_null_int");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"));
        assertEquals(3, k.reports().cfiFailures().size());
        assertEquals(NULL_COND_FAILURE, k.reports().cfiFailures().get(2).headline());
    }

    /** With a {@code void(void)} prototype the ids match (0xa540670c): no failure, nothing happens. */
    @ParameterizedTest
    @ValueSource(strings = {"PERMISSIVE", "ENFORCING"})
    void nullCondOfAVoidVoidKeyPassesKcfi(String cfi) {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.valueOf(cfi)).withBti(true), "generic");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_cond"));
        assertEquals(List.of(), k.reports().all());
    }

    /** Scenario 4, G: without kCFI the nop is simply called, whatever the prototype. */
    @Test
    void nullCondWithoutKcfiCallsTheNop() {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.OFF).withBti(true), "generic");
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"));
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_cond"));
        assertEquals(List.of(), k.reports().all());
    }
}
