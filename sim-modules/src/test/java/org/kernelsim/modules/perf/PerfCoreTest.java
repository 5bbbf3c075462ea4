package org.kernelsim.modules.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.modules.testing.RecordingBuild;
import org.kernelsim.modules.testing.RecordingBuild.Site;

class PerfCoreTest {

    private final RecordingBuild b = build();

    private static RecordingBuild build() {
        RecordingBuild b = RecordingBuild.vmlinux();
        new PerfCore().build(b);
        return b;
    }

    @Test
    void definesTheThreeRet0KeysWithTheirKcfiTypes() {
        assertEquals(List.of("__perf_guest_state", "__perf_guest_get_ip", "__perf_guest_handle_intel_pt_intr"),
                b.defined.stream().map(StaticCallKeyDef::name).toList());
        for (StaticCallKeyDef k : b.defined) {
            assertEquals(new StaticCallKeyDef.Initial.Ret0(), k.initial(), k.name());
            assertTrue(k.exported(), k.name());
        }
        assertEquals("unsigned int(void)", b.defined.get(0).type().c());
        assertEquals(0x837de525, b.defined.get(0).type().kcfiId());
        assertEquals("unsigned long(void)", b.defined.get(1).type().c());
        assertEquals(0xf1132b8b, b.defined.get(1).type().kcfiId());
        assertEquals(0x837de525, b.defined.get(2).type().kcfiId());
        assertEquals(List.of(PerfCore.GUEST_STATE, PerfCore.GUEST_GET_IP, PerfCore.GUEST_PT_INTR), b.defined);
    }

    @Test
    void callSitesAreStaticCallsFromMiscFlagsAndInstructionPointer() {
        assertEquals(List.of(new Site("perf_misc_flags", "__perf_guest_state", CallKind.CALL),
                new Site("perf_instruction_pointer", "__perf_guest_state", CallKind.CALL),
                new Site("perf_instruction_pointer", "__perf_guest_get_ip", CallKind.CALL)), b.sites);
        assertEquals("unsigned long(struct pt_regs *)", b.function("perf_misc_flags").type().c());
        assertEquals("unsigned long(struct pt_regs *)", b.function("perf_instruction_pointer").type().c());
    }

    @Test
    void irqPathAndCallbackRegistration() {
        assertEquals("void(struct pt_regs *, int, int)", b.function(PerfCore.IRQ_HANDLER).type().c());
        assertEquals(List.of("perf_event_overflow"), b.references(PerfCore.IRQ_HANDLER,
                org.kernelsim.cpu.obj.RelocationType.CALL26));
        assertEquals(List.of("perf_misc_flags", "perf_instruction_pointer"), b.references("perf_prepare_sample",
                org.kernelsim.cpu.obj.RelocationType.CALL26));
        var reg = b.javaFunctions.get("perf_register_guest_info_callbacks");
        assertEquals("void(struct perf_guest_info_callbacks *)", reg.type().c());
        assertTrue(reg.export());
        // The exported unregister waits for a grace period after the Java half reset the keys.
        assertEquals(List.of("__perf_unregister_guest_info_callbacks", "synchronize_rcu"),
                b.references("perf_unregister_guest_info_callbacks", org.kernelsim.cpu.obj.RelocationType.CALL26));
        assertTrue(b.exports.contains("perf_unregister_guest_info_callbacks"));
        assertTrue(b.objects.containsAll(List.of(PerfCore.SAMPLE_COUNT, PerfCore.GUEST_SAMPLE_COUNT, PerfCore.RING)));
    }
}
