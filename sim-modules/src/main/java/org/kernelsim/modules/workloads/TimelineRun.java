package org.kernelsim.modules.workloads;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.ModuleLoadException;
import org.kernelsim.api.workload.TimelineStep;
import org.kernelsim.api.workload.WorkloadContext;

/**
 * What the timeline-driven workloads share: one workload task per CPU, restarted whenever it
 * finishes (between slices), and the config's timeline applied in order until {@code duration}
 * (CPU 0's modelled cycles), after which the machine runs on to {@code duration}.
 */
final class TimelineRun {

    private final WorkloadContext ctx;
    private final Kernel k;
    private final Task[] tasks;

    TimelineRun(WorkloadContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
        this.k = ctx.kernel();
        this.tasks = new Task[k.cpus().size()];
    }

    int cpus() {
        return tasks.length;
    }

    /** Spawns {@code spawn.apply(cpu)} on every CPU that has no task yet or whose task finished (done or killed). */
    void keepBusy(IntFunction<Task> spawn) {
        for (int cpu = 0; cpu < tasks.length; cpu++) {
            Task t = tasks[cpu];
            if (t == null || t.finished()) {
                tasks[cpu] = spawn.apply(cpu);
            }
        }
    }

    /**
     * Runs to each timeline step at or before {@code duration} and hands it to {@code onStep}, then
     * (unless the kernel panicked) to {@code duration}; {@code between} runs between slices. Stops
     * at the first step the machine cannot reach (panic, idle).
     */
    void run(long duration, Runnable between, Consumer<TimelineStep> onStep) {
        for (TimelineStep step : ctx.timeline()) {
            if (step.at() > duration || !ctx.runUntil(step.at(), between)) {
                break;
            }
            onStep.accept(step);
        }
        if (!k.panicked()) {
            ctx.runUntil(duration, between);
        }
    }

    /** insmod or rmmod as the step says; a load that fails is logged (printk). Returns false if it failed. */
    static boolean apply(Kernel k, TimelineStep step) {
        try {
            if (step.action() == TimelineStep.Action.LOAD) {
                k.modules().load(step.module());
            } else {
                k.modules().unload(step.module());
            }
            return true;
        } catch (ModuleLoadException e) {
            k.printk(e.getMessage());
            return false;
        }
    }

    /** The sum over CPUs of the per-CPU u64 array at {@code symbol} ({@code u64 symbol[NR_CPUS]}). */
    long sumPerCpu(String symbol) {
        long base = k.kallsyms().addressOf(symbol);
        long sum = 0;
        for (int cpu = 0; cpu < tasks.length; cpu++) {
            sum += k.memory().read64(base + 8L * cpu);
        }
        return sum;
    }
}
