package org.kernelsim.modules.kvm;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.modules.code.Guest;
import org.kernelsim.modules.perf.PerfCore;

/**
 * The kvm module (loadable): init registers {@code {kvm_guest_state, kvm_guest_get_ip}} with
 * perf, exit unregisters them (arm64's {@code kvm_register_perf_callbacks(NULL)}). The callbacks
 * report what a per-CPU word says about the vCPU running on this CPU; the workload sets those
 * words while a simulated vCPU "runs" (0 = not in guest, else PERF_GUEST_ACTIVE | PERF_GUEST_USER).
 */
public final class KvmModule implements KernelModule {

    public static final String NAME = "kvm";
    /** {@code u64 kvm_vcpu_pmi_state[NR_CPUS]}: the guest state kvm_guest_state returns on each CPU. */
    public static final String VCPU_STATE = "kvm_vcpu_pmi_state";
    /** {@code u64 kvm_vcpu_guest_pc[NR_CPUS]}: the guest PC kvm_guest_get_ip returns. */
    public static final String VCPU_PC = "kvm_vcpu_guest_pc";
    public static final int GUEST_ACTIVE = 0x1, GUEST_USER = 0x2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "kvm: registers perf guest-info callbacks (kvm_guest_state, kvm_guest_get_ip) while loaded";
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".bss").align(64);
        e.beginObject(VCPU_STATE, true).space(8L * PerfCore.NR_CPUS).endObject();
        e.beginObject(VCPU_PC, true).space(8L * PerfCore.NR_CPUS).endObject();
        Guest g = new Guest(e);
        perCpuRead(g, "kvm_guest_state", "unsigned int(void)", VCPU_STATE);
        perCpuRead(g, "kvm_guest_get_ip", "unsigned long(void)", VCPU_PC);
        // static struct perf_guest_info_callbacks kvm_guest_cbs = { .state, .get_ip, .handle_intel_pt_intr = NULL }
        e.section(".data").align(8).beginObject("kvm_guest_cbs", false)
                .quad("kvm_guest_state", 0).quad("kvm_guest_get_ip", 0).quad(0).endObject();
        g.function("kvm_init", "int(void)", false).prologue(16).addressOf(0, "kvm_guest_cbs")
                .bl("perf_register_guest_info_callbacks").movImm(0, 0).epilogue(16).end();
        g.function("kvm_exit", "void(void)", false).prologue(16).addressOf(0, "kvm_guest_cbs")
                .bl("perf_unregister_guest_info_callbacks").epilogue(16).end();
        e.moduleInit("kvm_init");
        e.moduleExit("kvm_exit");
    }

    /** {@code return this_cpu_read(array);} */
    private static void perCpuRead(Guest g, String name, String prototype, String array) {
        g.function(name, prototype, true).cpuId(9).addressOf(10, array)
                .insn(A64.ldrXIndexed(0, 10, 9)).insn(A64.RET).end();
    }
}
