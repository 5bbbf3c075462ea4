package org.kernelsim.kernel.stopmachine;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.kernel.machine.Machine;

/**
 * {@code kernel/stop_machine.c}'s {@code multi_cpu_stop} over the simulated CPUs. Every CPU is
 * at an instruction boundary when this runs (between slices, or the caller inside an exception
 * handler), so the state machine is stepped here: each CPU acks each state, the last ack advances.
 *
 * <p>Stall model (cycles, charged to each CPU and labelled a model): a CPU arrives after the IPI
 * latency plus a seeded jitter of up to one slice (the time to reach the stopper thread), then
 * spins until the last arrives; each of the four states then costs every CPU one ack per online
 * CPU (the {@code thread_ack} cache line bounces between all of them), and RUN additionally lasts
 * as long as {@code fn}. So the stall grows with the CPU count.
 */
public final class StopMachineImpl implements StopMachine {

    public enum State { NONE, PREPARE, DISABLE_IRQ, RUN, EXIT }

    public static final long IPI_CYCLES = 300;
    public static final long ACK_CYCLES = 40;
    public static final long FN_CYCLES = 200;
    private static final int DAIF_I = 1 << 7;

    private final Machine machine;
    private final SplittableRandom random;
    private State state = State.NONE;
    private long count;
    private long stall;
    private final List<State> trace = new ArrayList<>();

    @Inject
    public StopMachineImpl(Machine machine) {
        this.machine = requireNonNull(machine, "machine");
        this.random = new SplittableRandom(machine.spec().seed() ^ 0x5709L);
    }

    /** True while RUN executes: other CPUs spin with IRQs off, so nothing runs concurrently. */
    public boolean inRun() {
        return state == State.RUN;
    }

    public State state() {
        return state;
    }

    /** The states of the last call, in order (for tests). */
    public List<State> lastTrace() {
        return List.copyOf(trace);
    }

    @Override
    public int run(IntSupplier fn) {
        int[] result = new int[1];
        int active = machine.currentCpu();
        runOnEach((cpu, last) -> {
            if (cpu == active) {
                result[0] = fn.getAsInt();
            }
            return 0;
        }, cpu -> {
        });
        return result[0];
    }

    @Override
    public int runOnEach(PerCpuFn fn) {
        return runOnEach(fn, cpu -> {
        });
    }

    /** As {@link #runOnEach(PerCpuFn)}; {@code afterRun} runs on each CPU after RUN (e.g. the ISB of patch_text_cb's waiters). */
    public int runOnEach(PerCpuFn fn, IntConsumer afterRun) {
        requireNonNull(fn, "fn");
        if (state != State.NONE) {
            throw new IllegalStateException("stop_machine re-entered in state " + state);
        }
        int n = machine.cpuCount();
        trace.clear();
        // Arrival order: the caller is already there; the others come when their stopper thread runs.
        long[] arrival = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            arrival[i] = i == machine.currentCpu() ? 0 : IPI_CYCLES + random.nextLong(machine.spec().slice() + 1L);
        }
        java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> arrival[i]).thenComparingInt(i -> i));
        long lastArrival = arrival[order[n - 1]];
        int[] savedDaif = new int[n];
        int result = 0;
        for (State s : List.of(State.PREPARE, State.DISABLE_IRQ, State.RUN, State.EXIT)) {
            state = s;
            trace.add(s);
            // set_state: thread_ack = num_threads; each CPU acts, then acks; the last ack moves on.
            int acks = n;
            for (int k = 0; k < n; k++) {
                int cpu = order[k];
                Cpu c = machine.cpu(cpu);
                switch (s) {
                    case DISABLE_IRQ -> {
                        savedDaif[cpu] = c.daif();
                        c.setDaif(c.daif() | DAIF_I);
                    }
                    case RUN -> {
                        int r = fn.apply(cpu, k == n - 1);
                        if (r != 0 && result == 0) {
                            result = r;
                        }
                    }
                    case EXIT -> c.setDaif(savedDaif[cpu]);
                    default -> {
                    }
                }
                acks--;
            }
            if (acks != 0) {
                throw new IllegalStateException("stop_machine: " + acks + " CPUs did not ack " + s);
            }
            if (s == State.RUN) {
                for (int k = 0; k < n; k++) {
                    afterRun.accept(order[k]);
                }
            }
        }
        state = State.NONE;
        for (int i = 0; i < n; i++) {
            long cycles = (lastArrival - arrival[i]) + 4L * n * ACK_CYCLES + FN_CYCLES;
            machine.cpu(i).addCycles(cycles);
            machine.perCpu(i).stallCycles += cycles;
            stall += cycles;
        }
        count++;
        return result;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long stallCycles() {
        return stall;
    }
}
