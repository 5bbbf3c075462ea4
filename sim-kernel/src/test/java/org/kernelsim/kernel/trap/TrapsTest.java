package org.kernelsim.kernel.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.kernel.boot.TestModules.function;
import static org.kernelsim.kernel.boot.TestModules.module;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;

class TrapsTest {

    private static final StaticCallKeyDef GUEST_STATE = StaticCallKeyDef.ofRet0("__perf_guest_state",
            FunctionType.parse("unsigned int(void)"));

    /** perf core's RET0 key and perf_misc_flags() calling it, as in static-call.md §10. */
    private static MachineSpec perfSpec(CfiMode cfi) {
        return MachineSpec.defaults().withCfi(cfi).withBti(true).withModules(List.of(module("perf", true, ctx -> {
            var e = ctx.emitter();
            ctx.defineStaticCall(GUEST_STATE);
            e.section(".text");
            e.beginFunction("perf_misc_flags", FunctionType.parse("unsigned long(void)"), true);
            e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
            ctx.staticCall(GUEST_STATE.name(), CallKind.CALL);
            e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
            e.endFunction();
            function(e, "poke_text", "void(void *, unsigned int)", A64.strW(1, 0, 0), A64.RET);
            function(e, "call_null", "void(void)", A64.STP_FP_LR_PRE, A64.MOV_FP_SP, A64.movzX(8, 0, 0), A64.blr(8),
                    A64.LDP_FP_LR_POST, A64.RET);
            function(e, "do_bug", "void(void)", A64.brk(0x800));
            function(e, "undef", "void(void)", 0);
            // Lands on a function without a landing pad through x9 (BTYPE 11 with BTI on... bti c rejects it).
            function(e, "jump_x9", "void(void *)", A64.movX(9, 0), A64.br(9));
        })));
    }

    @Test
    void guestStoreToTextIsAnOopsWithTheKernelsWords() {
        SimKernel k = TestModules.boot(perfSpec(CfiMode.OFF));
        long target = k.kallsyms().addressOf("perf_misc_flags");
        assertThrows(GuestCallFailed.class, () -> k.call(0, "poke_text", target, 0xd503201f));
        KernelReport.Oops oops = k.reports().oopses().get(0);
        assertEquals(String.format("Unable to handle kernel write to read-only memory at virtual address %016x", target),
                oops.message());
        assertEquals(0x9600004f, oops.esr());
        assertEquals("Internal error: Oops: 000000009600004f [#1]", oops.internalError());
        assertTrue(oops.text().contains(" poke_text+0x4/0xc"), () -> String.join("\n", oops.text()));
        assertEquals(0xd503245f, k.memory().read32(target), "the text is unchanged");
        // The task died, the CPU is idle, and the kernel goes on.
        assertEquals(0, k.call(0, "__static_call_return0"));
    }

    @Test
    void permissiveCfiWarnsAndTheCallGoesAhead() {
        SimKernel k = TestModules.boot(perfSpec(CfiMode.PERMISSIVE));
        assertEquals(0, k.call(0, "perf_misc_flags"));
        assertEquals(0, k.call(0, "perf_misc_flags"));
        List<KernelReport.CfiFailure> f = k.reports().cfiFailures();
        assertEquals(2, f.size(), "no once-only guard: every failing call reports");
        assertEquals("CFI failure at perf_misc_flags+0x28/0x38 (target: __static_call_return0+0x0/0xc; "
                + "expected type: 0x837de525)", f.get(0).headline());
        assertEquals("WARNING: CPU: 0 PID: 1 at perf_misc_flags+0x28/0x38", k.reports().warnings().get(0).headline());
        assertTrue(k.reports().oopses().isEmpty());
    }

    @Test
    void enforcingCfiIsOopsCfi() {
        SimKernel k = TestModules.boot(perfSpec(CfiMode.ENFORCING));
        assertThrows(GuestCallFailed.class, () -> k.call(0, "perf_misc_flags"));
        KernelReport.Oops oops = k.reports().oopses().get(0);
        assertEquals("Internal error: Oops - CFI: 00000000f2008228 [#1]", oops.headline());
        assertEquals("CFI failure at perf_misc_flags+0x28/0x38 (target: __static_call_return0+0x0/0xc; "
                + "expected type: 0x837de525)", k.reports().cfiFailures().get(0).headline());
        assertTrue(oops.text().contains("x17: 00000000837de525 x16: 0000000072923c8f x15: 0000000000000000"),
                () -> String.join("\n", oops.text()));
    }

    @Test
    void retZeroStubPassesCfiWhenTheTypesMatch() {
        SimKernel k = TestModules.boot(perfSpec(CfiMode.ENFORCING));
        var e = assertThrows(IllegalArgumentException.class, () -> k.staticCalls().update("__perf_guest_state", "poke_text"));
        assertEquals("static_call_update(__perf_guest_state, poke_text): incompatible function pointer types assigning "
                + "to 'unsigned int (*)(void)' from 'void (*)(void *, unsigned int)'", e.getMessage());
    }

    @Test
    void nullCallBugUndefinedBti() {
        SimKernel k = TestModules.boot(perfSpec(CfiMode.OFF));
        assertThrows(GuestCallFailed.class, () -> k.call(0, "call_null"));
        assertThrows(GuestCallFailed.class, () -> k.call(0, "do_bug"));
        assertThrows(GuestCallFailed.class, () -> k.call(0, "undef"));
        assertThrows(GuestCallFailed.class, () -> k.call(0, "jump_x9", k.kallsyms().addressOf("perf_misc_flags")));
        var o = k.reports().oopses();
        assertEquals("Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000", o.get(0).message());
        assertEquals("Oops - BUG", o.get(1).kind());
        assertEquals("Internal error: Oops - BUG: 00000000f2000800 [#2]", o.get(1).internalError());
        assertEquals("Internal error: Oops - Undefined instruction: 0000000002000000 [#3]", o.get(2).headline());
        assertEquals("Internal error: Oops - BTI: 0000000036000003 [#4]", o.get(3).headline());
        assertTrue(o.get(0).text().contains("Call trace:"));
    }
}
