package org.kernelsim.modules.perf;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.GuestContext;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.modules.code.Guest;

/**
 * perf core, built into the image ({@code kernel/events/core.c} and arm64's
 * {@code perf_callchain.c}, static-call.md §9.1): the three RET0 guest-callback keys, the PMU
 * overflow path {@code armv8pmu_handle_irq → perf_event_overflow → perf_prepare_sample →
 * perf_misc_flags / perf_instruction_pointer}, per-CPU sample ring buffers, and
 * {@code perf_register_guest_info_callbacks} / {@code perf_unregister_guest_info_callbacks}.
 * All state lives in guest memory, so one module object serves any number of machines.
 */
public final class PerfCore implements KernelModule {

    public static final String NAME = "perf";
    public static final StaticCallKeyDef GUEST_STATE = StaticCallKeyDef.ofRet0("__perf_guest_state",
            FunctionType.parse("unsigned int(void)")).exportedKey();
    public static final StaticCallKeyDef GUEST_GET_IP = StaticCallKeyDef.ofRet0("__perf_guest_get_ip",
            FunctionType.parse("unsigned long(void)")).exportedKey();
    public static final StaticCallKeyDef GUEST_PT_INTR = StaticCallKeyDef.ofRet0("__perf_guest_handle_intel_pt_intr",
            FunctionType.parse("unsigned int(void)")).exportedKey();

    /** The guest function the PMU overflow interrupt runs: {@code void(struct pt_regs *, int cpu, int pid)}. */
    public static final String IRQ_HANDLER = "armv8pmu_handle_irq";
    /** A busy loop for workload tasks: {@code long perf_workload_loop(long iterations)}, 4 instructions per iteration. */
    public static final String WORKLOAD_LOOP = "perf_workload_loop";
    /** {@code u64 perf_sample_count[NR_CPUS]}: samples written per CPU. */
    public static final String SAMPLE_COUNT = "perf_sample_count";
    /** {@code u64 perf_guest_sample_count[NR_CPUS]}: samples taken while a guest ran (misc GUEST_*). */
    public static final String GUEST_SAMPLE_COUNT = "perf_guest_sample_count";
    /** {@code struct { u64 ip, misc, cpu, pid; } perf_ring[NR_CPUS][RING_ENTRIES]}. */
    public static final String RING = "perf_ring";
    public static final int NR_CPUS = 256;
    public static final int RING_ENTRIES = 64;
    public static final int SAMPLE_BYTES = 32;
    /** PERF_RECORD_MISC_* values perf_misc_flags returns. */
    public static final int MISC_KERNEL = 1, MISC_USER = 2, MISC_GUEST_KERNEL = 4, MISC_GUEST_USER = 5;

    /** {@code struct perf_guest_info_callbacks *perf_guest_cbs} plus the two WARN_ON_ONCE flags. */
    private static final String CBS = "perf_guest_cbs";
    private static final String WARNED_REGISTER = "perf_warned_register";
    private static final String WARNED_UNREGISTER = "perf_warned_unregister";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "perf core: PMU overflow sampling, guest-info callbacks as RET0 static calls";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        ctx.defineStaticCall(GUEST_STATE);
        ctx.defineStaticCall(GUEST_GET_IP);
        ctx.defineStaticCall(GUEST_PT_INTR);
        e.section(".data").align(8);
        for (String v : new String[] {CBS, WARNED_REGISTER, WARNED_UNREGISTER}) {
            e.beginObject(v, true).quad(0).endObject();
        }
        e.section(".bss").align(64);
        e.beginObject(SAMPLE_COUNT, true).space(8L * NR_CPUS).endObject();
        e.beginObject(GUEST_SAMPLE_COUNT, true).space(8L * NR_CPUS).endObject();
        e.beginObject(RING, true).space((long) NR_CPUS * RING_ENTRIES * SAMPLE_BYTES).endObject();

        Guest g = new Guest(e);
        emitMiscFlags(ctx, g);
        emitInstructionPointer(ctx, g);
        emitPrepareSample(g);
        // int perf_event_overflow(struct pt_regs *regs, int cpu, int pid)
        g.function("perf_event_overflow", "int(struct pt_regs *, int, int)", true).prologue(16)
                .bl("perf_prepare_sample").movImm(0, 0).epilogue(16).end();
        // void armv8pmu_handle_irq(struct pt_regs *regs, int cpu, int pid)
        g.function(IRQ_HANDLER, "void(struct pt_regs *, int, int)", true).prologue(16)
                .bl("perf_event_overflow").epilogue(16).end();
        emitWorkloadLoop(g);

        ctx.javaFunction("perf_register_guest_info_callbacks",
                FunctionType.parse("void(struct perf_guest_info_callbacks *)"), PerfCore::register, true);
        ctx.javaFunction("__perf_unregister_guest_info_callbacks",
                FunctionType.parse("void(struct perf_guest_info_callbacks *)"), PerfCore::unregister, false);
        // The Java half unpublishes and resets the keys; the guest half then waits for a grace
        // period, so no CPU still runs a callback of the module about to go away.
        g.function("perf_unregister_guest_info_callbacks", "void(struct perf_guest_info_callbacks *)", true)
                .prologue(16).bl("__perf_unregister_guest_info_callbacks").bl("synchronize_rcu").epilogue(16).end();
        e.export("perf_unregister_guest_info_callbacks");
    }

    /**
     * {@code perf_misc_flags(regs)}: a non-zero guest state gives GUEST_USER/GUEST_KERNEL by
     * PERF_GUEST_USER, else USER/KERNEL by {@code user_mode(regs)}.
     */
    private static void emitMiscFlags(ModuleBuildContext ctx, Guest g) {
        String host = g.newLabel("host");
        String kernel = g.newLabel("kern");
        String out = g.newLabel("out");
        g.function("perf_misc_flags", "unsigned long(struct pt_regs *)", true).prologue(32)
                .insn(A64.strX(19, A64.SP, 16)).insn(A64.movX(19, 0));
        ctx.staticCall(GUEST_STATE.name(), CallKind.CALL);
        g.cbz(0, false, host)
                .insn(A64.ubfxW(0, 0, 1, 1)).insn(A64.addImmX(0, 0, MISC_GUEST_KERNEL)).b(out)
                .label(host)
                .insn(A64.ldrX(1, 19, Guest.PT_REGS_PSTATE)).insn(A64.andMaskX(1, 1, 4))
                .cbnz(1, true, kernel).movImm(0, MISC_USER).b(out)
                .label(kernel).movImm(0, MISC_KERNEL)
                .label(out).insn(A64.ldrX(19, A64.SP, 16)).epilogue(32).end();
    }

    /** {@code perf_instruction_pointer(regs)}: {@code perf_guest_state() ? perf_guest_get_ip() : instruction_pointer(regs)}. */
    private static void emitInstructionPointer(ModuleBuildContext ctx, Guest g) {
        String host = g.newLabel("host");
        String out = g.newLabel("out");
        g.function("perf_instruction_pointer", "unsigned long(struct pt_regs *)", true).prologue(32)
                .insn(A64.strX(19, A64.SP, 16)).insn(A64.movX(19, 0));
        ctx.staticCall(GUEST_STATE.name(), CallKind.CALL);
        g.cbz(0, false, host);
        ctx.staticCall(GUEST_GET_IP.name(), CallKind.CALL);
        g.b(out)
                .label(host).insn(A64.ldrX(0, 19, Guest.PT_REGS_PC))
                .label(out).insn(A64.ldrX(19, A64.SP, 16)).epilogue(32).end();
    }

    /** {@code perf_prepare_sample(regs, cpu, pid)}: computes ip and misc and appends the sample to this CPU's ring. */
    private static void emitPrepareSample(Guest g) {
        String host = g.newLabel("host");
        g.function("perf_prepare_sample", "void(struct pt_regs *, int, int)", true).prologue(48)
                .insn(A64.stpOff(19, 20, A64.SP, 16)).insn(A64.stpOff(21, 22, A64.SP, 32))
                .insn(A64.movX(19, 0)).insn(A64.sxtw(20, 1))
                .insn(A64.sxtw(21, 2))
                .bl("perf_misc_flags").insn(A64.movX(22, 0))
                .insn(A64.movX(0, 19)).bl("perf_instruction_pointer")
                // slot = perf_ring[cpu][perf_sample_count[cpu]++ % RING_ENTRIES]
                .addressOf(9, SAMPLE_COUNT).insn(A64.addShiftedX(9, 9, 20, 3))
                .insn(A64.ldrX(10, 9, 0)).insn(A64.addImmX(11, 10, 1)).insn(A64.strX(11, 9, 0))
                .insn(A64.andMaskX(10, 10, 6))
                .addressOf(12, RING).insn(A64.lslX(13, 20, 11)).insn(A64.addRegX(12, 12, 13))
                .insn(A64.addShiftedX(12, 12, 10, 5))
                .insn(A64.strX(0, 12, 0)).insn(A64.strX(22, 12, 8)).insn(A64.strX(20, 12, 16)).insn(A64.strX(21, 12, 24))
                .insn(A64.cmpImmX(22, MISC_GUEST_KERNEL)).bcond(A64.LO, host)
                .addressOf(9, GUEST_SAMPLE_COUNT).insn(A64.addShiftedX(9, 9, 20, 3))
                .insn(A64.ldrX(10, 9, 0)).insn(A64.addImmX(10, 10, 1)).insn(A64.strX(10, 9, 0))
                .label(host)
                .insn(A64.ldpOff(21, 22, A64.SP, 32)).insn(A64.ldpOff(19, 20, A64.SP, 16)).epilogue(48).end();
    }

    private static void emitWorkloadLoop(Guest g) {
        String loop = g.newLabel("loop");
        String done = g.newLabel("done");
        g.function(WORKLOAD_LOOP, "long(long)", true).movImm(1, 0).cbz(0, true, done)
                .label(loop)
                .insn(A64.addRegX(1, 1, 0)).insn(A64.eorShiftedX(1, 1, 0, 1))
                .insn(A64.subsImmX(0, 0, 1)).bcond(A64.NE, loop)
                .label(done).insn(A64.movX(0, 1)).insn(A64.RET).end();
    }

    // ---- the Java halves (kernel/events/core.c) ----

    private static long register(GuestContext ctx) {
        Kernel k = ctx.kernel();
        long cbsVar = k.kallsyms().addressOf(CBS);
        long cbs = ctx.arg(0);
        if (k.memory().read64(cbsVar) != 0) {
            warnOnce(ctx, WARNED_REGISTER);
            return 0;
        }
        k.memory().write64(cbsVar, cbs);
        k.staticCalls().updateAddress(GUEST_STATE.name(), k.memory().read64(cbs));
        k.staticCalls().updateAddress(GUEST_GET_IP.name(), k.memory().read64(cbs + 8));
        long ptIntr = k.memory().read64(cbs + 16);
        if (ptIntr != 0) {
            k.staticCalls().updateAddress(GUEST_PT_INTR.name(), ptIntr);
        }
        return 0;
    }

    private static long unregister(GuestContext ctx) {
        Kernel k = ctx.kernel();
        long cbsVar = k.kallsyms().addressOf(CBS);
        if (k.memory().read64(cbsVar) != ctx.arg(0)) {
            warnOnce(ctx, WARNED_UNREGISTER);
            return 0;
        }
        k.memory().write64(cbsVar, 0);
        for (StaticCallKeyDef key : new StaticCallKeyDef[] {GUEST_STATE, GUEST_GET_IP, GUEST_PT_INTR}) {
            k.staticCalls().update(key.name(), StaticCallNames.RETURN0);
        }
        return 0;
    }

    /** WARN_ON_ONCE: the flag lives in guest memory, so each machine warns once. */
    private static void warnOnce(GuestContext ctx, String flag) {
        long addr = ctx.kernel().kallsyms().addressOf(flag);
        if (ctx.kernel().memory().read64(addr) == 0) {
            ctx.kernel().memory().write64(addr, 1);
            ctx.warn();
        }
    }
}
