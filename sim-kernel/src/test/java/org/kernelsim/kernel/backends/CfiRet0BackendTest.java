package org.kernelsim.kernel.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.backends.Specs.addr;
import static org.kernelsim.kernel.backends.Specs.spec;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.testing.ContractModule;
import org.kernelsim.kernel.boot.SimKernel;

/**
 * {@code cfi-ret0}: typed per-key return-0 stubs (static-call.md §8, scenario 7). It models Josh's
 * RET0 stubs only, not his 09/11 typed NULL stubs ({@code __SCN__<name>}): a NULL key is as in
 * generic, including scenario 4's kCFI failure through {@code __static_call_nop}.
 */
class CfiRet0BackendTest {

    @Test
    void perfsRet0KeyPassesKcfiThroughItsTypedStub() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING).withBti(true), "cfi-ret0");
        long stub = addr(k, "__SCR__sc_ret0_u");
        assertArrayEquals(new int[] {0x837de525, 0xd503245f, 0xaa1f03e0, 0xd65f03c0}, Specs.words(k, stub - 4, 4),
                ".word typeid; bti c; mov x0, xzr; ret");
        assertEquals(stub, k.staticCalls().key("sc_ret0_u").orElseThrow().func(), "key->func holds the stub");
        assertEquals(addr(k, "__static_call_return0"), k.staticCalls().query("sc_ret0_u"), "query maps it back");
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
        k.staticCalls().update("sc_ret0_u", "uint_9");
        assertEquals(9, k.call(0, "sc_ret0_u_call"));
        k.staticCalls().updateRet0("sc_ret0_u");
        assertEquals(stub, k.staticCalls().key("sc_ret0_u").orElseThrow().func());
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
        // Guest code passing the raw address (__static_call_update) is mapped too.
        k.staticCalls().updateAddress("sc_selftest", addr(k, "__static_call_return0"));
        assertEquals(addr(k, "__SCR__sc_selftest"), k.staticCalls().key("sc_selftest").orElseThrow().func());
        assertEquals(0, k.call(0, "sc_selftest_call", 2));
        assertEquals(List.of(), k.reports().all());
    }

    @Test
    void withoutKcfiTheStubHasNoTypeWord() {
        SimKernel k = BuiltIns.boot(spec(), "cfi-ret0");
        assertArrayEquals(new int[] {0xd503245f, 0xaa1f03e0, 0xd65f03c0}, Specs.words(k, addr(k, "__SCR__sc_ret0_u"), 3));
        assertEquals(0, k.call(0, "sc_ret0_u_call"));
    }

    @Test
    void nullIsAsGeneric() {
        SimKernel k = BuiltIns.boot(spec(), "cfi-ret0");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "sc_null_call"));
        assertEquals("Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000",
                k.reports().oopses().get(0).message());
    }

    @Test
    void aModuleDefinedKeysStubLivesInTheModule() {
        SimKernel k = BuiltIns.boot(spec().withCfi(CfiMode.ENFORCING), "cfi-ret0");
        var m = k.modules().load("sc_modkey");
        long stub = addr(k, "__SCR__sc_mod");
        assertEquals(true, stub >= m.base() && stub < m.base() + m.size());
        k.staticCalls().updateRet0("sc_mod");
        assertEquals(0, k.call(0, "sc_mod_call", 2));
        assertEquals(addr(k, "__static_call_return0"), k.staticCalls().query("sc_mod"));
        assertEquals(List.of(), k.reports().all());
    }

    /**
     * Scenario 4 under R0: no NULL stub is modelled (no {@code __SCN__} symbol; {@code key->func}
     * stays 0), so {@code static_call_cond()} on a NULL {@code void(int)} key calls
     * {@code __static_call_nop} and fails kCFI exactly as generic does; a {@code void(void)} key passes.
     */
    @Test
    void nullCondIsAsGenericNoNullStubIsModelled() {
        SimKernel k = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.PERMISSIVE).withBti(true), "cfi-ret0");
        assertTrue(k.kallsyms().lookup("__SCN__sc_null_int").isEmpty(), "no typed NULL stub");
        assertEquals(0, k.staticCalls().key("sc_null_int").orElseThrow().func());
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_int_cond"));
        assertEquals(List.of(GenericBackendTest.NULL_COND_FAILURE),
                k.reports().cfiFailures().stream().map(KernelReport::headline).toList());
        assertEquals(1, k.reports().warnings().size());
        assertEquals(ContractModule.MARK, k.call(0, "sc_null_cond"));
        assertEquals(1, k.reports().cfiFailures().size(), "void(void) matches __static_call_nop");

        SimKernel e = BuiltIns.boot(CondProtoModule.spec().withCfi(CfiMode.ENFORCING).withBti(true), "cfi-ret0");
        assertThrows(GuestCallFailed.class, () -> e.call(0, "sc_null_int_cond"));
        assertEquals(GenericBackendTest.NULL_COND_FAILURE, e.reports().cfiFailures().get(0).headline());
        assertEquals("Internal error: Oops - CFI: 00000000f2008228 [#1]", e.reports().oopses().get(0).headline());
    }
}
