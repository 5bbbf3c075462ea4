package org.kernelsim.modules.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.modules.perf.PerfCore;
import org.kernelsim.modules.testing.RecordingBuild;

class KvmModuleTest {

    private final RecordingBuild b = build();

    private static RecordingBuild build() {
        RecordingBuild b = RecordingBuild.module(KvmModule.NAME);
        new KvmModule().build(b);
        return b;
    }

    @Test
    void callbacksHaveTheKeysPrototypes() {
        // kCFI: the callbacks' type ids must be the keys' ids, or the cfi-ret0/generic checks fail.
        assertEquals(PerfCore.GUEST_STATE.type(), b.function("kvm_guest_state").type());
        assertEquals(PerfCore.GUEST_GET_IP.type(), b.function("kvm_guest_get_ip").type());
        assertEquals(0x837de525, b.function("kvm_guest_state").type().kcfiId());
        assertEquals(0xf1132b8b, b.function("kvm_guest_get_ip").type().kcfiId());
        assertTrue(b.defined.isEmpty() && b.sites.isEmpty(), "kvm defines and calls no static call");
    }

    @Test
    void registersAndUnregistersTheCallbacksStruct() {
        assertEquals(List.of("kvm_guest_state", "kvm_guest_get_ip"), b.references("kvm_guest_cbs", RelocationType.ABS64));
        assertEquals("kvm_init", b.init);
        assertEquals("kvm_exit", b.exit);
        assertEquals(List.of("perf_register_guest_info_callbacks"), b.references("kvm_init", RelocationType.CALL26));
        assertEquals(List.of("perf_unregister_guest_info_callbacks"), b.references("kvm_exit", RelocationType.CALL26));
        assertEquals("int(void)", b.function("kvm_init").type().c());
        assertEquals(List.of(KvmModule.VCPU_STATE, KvmModule.VCPU_PC, "kvm_guest_cbs"), b.objects);
    }
}
