package org.kernelsim.modules.workloads;

import java.util.List;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.modules.kvm.KvmModule;
import org.kernelsim.modules.perf.PerfCore;

/**
 * {@code perf record -a} while kvm comes and goes: every CPU runs a busy kernel loop, the PMU
 * interrupts it every {@code samplePeriod} cycles and perf core samples through the guest
 * callbacks' static calls. While kvm is loaded, each CPU alternates between host, guest kernel
 * and guest user every {@code vcpuWindow} cycles (the vCPU "runs" there).
 */
public final class PerfRecordWorkload implements WorkloadPlugin {

    public record Parameters(
            @Param(description = "modelled cycles (of CPU 0) the recording lasts", defaultValue = "5000000", min = 1)
            long duration,
            @Param(description = "PMU overflow period in modelled cycles per CPU: one sample each", defaultValue = "10000",
                    min = 100)
            long samplePeriod,
            @Param(description = "cycles a CPU stays in each of host / guest kernel / guest user while kvm is loaded",
                    defaultValue = "250000", min = 1)
            long vcpuWindow,
            @Param(description = "loop iterations per workload task (4 instructions each)", defaultValue = "2500", min = 1)
            long chunk) {
    }

    @Override
    public String name() {
        return "perf-record";
    }

    @Override
    public String description() {
        return "perf record -a: PMU-overflow sampling through the perf guest callbacks while kvm loads and unloads";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<String> requiredModules(Record parameters) {
        return List.of(PerfCore.NAME);
    }

    @Override
    public Workload create(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ctx -> new Run(p, ctx).run();
    }

    private static final class Run {
        private final Parameters p;
        private final WorkloadContext ctx;
        private final Kernel k;
        private final TimelineRun timeline;
        private final long[] vcpuState;
        private final long loop;
        private long vcpuStateBase;
        private long vcpuPcBase;

        Run(Parameters p, WorkloadContext ctx) {
            this.p = p;
            this.ctx = ctx;
            this.k = ctx.kernel();
            this.timeline = new TimelineRun(ctx);
            this.vcpuState = new long[timeline.cpus()];
            this.loop = k.kallsyms().addressOf(PerfCore.WORKLOAD_LOOP);
        }

        void run() {
            ctx.programPmu(p.samplePeriod(), PerfCore.IRQ_HANDLER);
            timeline.run(p.duration(), this::between, this::apply);
            ctx.programPmu(0, PerfCore.IRQ_HANDLER);
            ctx.addMetric("samples", timeline.sumPerCpu(PerfCore.SAMPLE_COUNT));
            ctx.addMetric("guestSamples", timeline.sumPerCpu(PerfCore.GUEST_SAMPLE_COUNT));
        }

        private void apply(TimelineStep step) {
            boolean kvm = step.module().equals(KvmModule.NAME);
            boolean load = step.action() == TimelineStep.Action.LOAD;
            if (kvm && !load) {
                vcpuStateBase = 0; // the vCPUs stop before kvm can go
            }
            if (TimelineRun.apply(k, step) && kvm && load) {
                vcpuStateBase = k.kallsyms().addressOf(KvmModule.VCPU_STATE);
                vcpuPcBase = k.kallsyms().addressOf(KvmModule.VCPU_PC);
            }
            ctx.recordKeyTarget(PerfCore.GUEST_STATE.name());
            ctx.recordKeyTarget(PerfCore.GUEST_GET_IP.name());
        }

        /** Keeps every CPU busy and moves the simulated vCPUs between host and guest. */
        private void between() {
            timeline.keepBusy(cpu -> k.spawn(cpu, "perf-loop/" + cpu, loop, p.chunk()));
            long now = ctx.now();
            for (int cpu = 0; cpu < vcpuState.length; cpu++) {
                long state = 0;
                if (vcpuStateBase != 0) {
                    long phase = (now / p.vcpuWindow() + cpu) % 3;
                    state = phase == 0 ? 0 : phase == 1 ? KvmModule.GUEST_ACTIVE
                            : KvmModule.GUEST_ACTIVE | KvmModule.GUEST_USER;
                }
                if (state != vcpuState[cpu] && (vcpuStateBase != 0 || state == 0)) {
                    vcpuState[cpu] = state;
                    if (vcpuStateBase != 0) {
                        k.memory().write64(vcpuPcBase + 8L * cpu, 0x4000_0000L + 0x1000L * cpu + (now / p.vcpuWindow()) * 4);
                        k.memory().write64(vcpuStateBase + 8L * cpu, state);
                    }
                }
            }
        }
    }
}
