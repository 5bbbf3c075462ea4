package org.kernelsim.kernel.staticcall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.testing.SelftestModule;
import org.kernelsim.kernel.boot.Machines;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.machine.Aarch64Platform;
import org.kernelsim.kernel.testbackend.TestBackend;

class StaticCallCoreTest {

    private static SimKernel boot(StaticCallBackend backend) {
        return Machines.boot(MachineSpec.defaults().withModules(List.of(new SelftestModule())), new Aarch64Platform(), backend);
    }

    @Test
    void aBackendThatThrowsLeavesTheKeyUnchangedAndIsReported() {
        StaticCallBackend b = spy(new TestBackend());
        doReturn(Semantics.OUT_OF_LINE).when(b).semantics();
        SimKernel k = boot(b);
        doThrow(new IllegalStateException("cannot patch")).when(b).transform(any(), any(), eq(0L), anyLong(),
                eq(k.kallsyms().addressOf("func_b")), anyBoolean());
        long before = k.staticCalls().key("sc_selftest").orElseThrow().func();
        assertEquals(Errno.EINVAL, k.staticCalls().update("sc_selftest", "func_b"));
        assertEquals(before, k.staticCalls().key("sc_selftest").orElseThrow().func());
        assertEquals(k.kallsyms().addressOf("func_a"), k.staticCalls().query("sc_selftest"));
        assertEquals(0, k.staticCalls().key("sc_selftest").orElseThrow().updates());
        assertEquals(3, k.call(0, "sc_selftest_call", 2));
        var w = k.reports().warnings();
        assertEquals(1, w.size());
        assertTrue(w.get(0).text().get(1).startsWith("static_call_update(sc_selftest, func_b+0x0/0xc) failed in backend "
                + "test-generic: cannot patch"), w.get(0).text().toString());
    }

    @Test
    void outOfLineTransformsEveryUpdateEvenUnchanged() {
        StaticCallBackend b = spy(new TestBackend());
        doReturn(Semantics.OUT_OF_LINE).when(b).semantics();
        org.mockito.Mockito.doNothing().when(b).transform(any(), any(), anyLong(), anyLong(), anyLong(), anyBoolean());
        SimKernel k = boot(b);
        long a = k.kallsyms().addressOf("func_a");
        k.staticCalls().update("sc_selftest", "func_a");
        k.staticCalls().update("sc_selftest", "func_a");
        verify(b, org.mockito.Mockito.times(2)).transform(any(), any(), eq(0L), eq(0L), eq(a), eq(false));
        assertEquals(2, k.staticCalls().key("sc_selftest").orElseThrow().updates());
    }

    @Test
    void inlineSkipsAnUnchangedFuncAndPatchesSites() {
        StaticCallBackend b = spy(new TestBackend() {
            @Override
            public void emitCall(org.kernelsim.api.staticcall.EmitContext ctx, org.kernelsim.api.staticcall.StaticCallKeyDef key,
                                 org.kernelsim.api.staticcall.CallKind kind) {
                ctx.recordSite(key, kind == org.kernelsim.api.staticcall.CallKind.TAIL);
                super.emitCall(ctx, key, kind);
            }
        });
        doReturn(Semantics.INLINE).when(b).semantics();
        org.mockito.Mockito.doNothing().when(b).transform(any(), any(), anyLong(), anyLong(), anyLong(), anyBoolean());
        SimKernel k = boot(b);
        var key = k.staticCalls().key("sc_selftest").orElseThrow();
        assertEquals(3, key.sites().size(), "call, tail and loop sites from .static_call_sites");
        assertEquals(List.of(false, true, false), key.sites().stream().map(s -> s.tail()).toList());
        assertEquals(k.kallsyms().addressOf("sc_selftest_call") + 12, key.sites().get(0).address());
        k.staticCalls().update("sc_selftest", "func_a");
        verify(b, never()).transform(any(), any(), anyLong(), anyLong(), anyLong(), anyBoolean());
        k.staticCalls().update("sc_selftest", "func_b");
        verify(b, org.mockito.Mockito.times(4)).transform(any(), any(), anyLong(), anyLong(), anyLong(), anyBoolean());
    }

    @Test
    void updatesAreTypeCheckedButReturn0AlwaysPasses() {
        SimKernel k = boot(new TestBackend());
        var e = assertThrows(IllegalArgumentException.class, () -> k.staticCalls().update("sc_selftest", "sc_selftest_loop"));
        assertEquals("static_call_update(sc_selftest, sc_selftest_loop): incompatible function pointer types assigning to "
                + "'int (*)(int)' from 'long (*)(long)'", e.getMessage());
        assertEquals(0, k.staticCalls().updateRet0("sc_selftest"));
        assertEquals(0, k.call(0, "sc_selftest_call", 2));
        assertEquals(0, k.staticCalls().updateNull("sc_selftest"));
        assertEquals(0, k.staticCalls().query("sc_selftest"));
    }
}
