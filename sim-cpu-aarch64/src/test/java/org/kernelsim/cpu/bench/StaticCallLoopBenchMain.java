package org.kernelsim.cpu.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link StaticCallLoopBench} through JMH (extra arguments are JMH's, default
 * {@code -f 1 -wi 3 -i 5}) and prints: loop, guest instructions per run, guest MIPS (mean ± the
 * 99.9% error JMH reports, propagated from the time per run), instructions per call.
 * Used by scripts/bench-cpu.sh.
 */
public final class StaticCallLoopBenchMain {

    private StaticCallLoopBenchMain() {
    }

    /** Best-of-3 guest MIPS by this thread's CPU time, after 3 warm-up runs in this JVM. */
    static double cpuTimeMips(String loop) throws java.io.IOException {
        var exe = StaticCallLoopBench.load(loop);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int i = 0; i < 6; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long insns = StaticCallLoopBench.runOnce(exe);
            long c1 = threads.getCurrentThreadCpuTime();
            if (i >= 3) {
                best = Math.max(best, insns * 1e3 / (c1 - c0));
            }
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        String[] jmhArgs = args.length > 0 ? args : new String[] {"-f", "1", "-wi", "3", "-i", "5"};
        Options cli = new CommandLineOptions(jmhArgs);
        Options opts = new OptionsBuilder().parent(cli).include(StaticCallLoopBench.class.getName() + ".run").build();
        Collection<RunResult> results = new Runner(opts).run();

        List<String[]> rows = new ArrayList<>();
        for (RunResult rr : results) {
            String loop = rr.getParams().getParam("loop");
            long insns = StaticCallLoopBench.runOnce(StaticCallLoopBench.load(loop));
            double ms = rr.getPrimaryResult().getScore();
            double errMs = rr.getPrimaryResult().getScoreError();
            double mips = insns / (ms * 1e3);
            double mipsErr = Double.isNaN(errMs) ? Double.NaN : insns * errMs / (ms * ms * 1e3);
            rows.add(new String[] {loop, String.format("%,d", insns), String.format("%.1f ± %.1f", mips, mipsErr),
                    String.format("%.2f", (double) insns / StaticCallLoopBench.CALLS), String.format("%.1f", ms),
                    String.format("%.1f", cpuTimeMips(loop))});
        }
        System.out.println();
        System.out.printf("%-26s %16s %18s %12s %10s %14s%n", "loop", "guest insns", "guest MIPS", "insns/call", "ms/run",
                "MIPS(cpu-time)");
        for (String[] r : rows) {
            System.out.printf("%-26s %16s %18s %12s %10s %14s%n", (Object[]) r);
        }
        System.out.println("(single-threaded; one run = 10,000,000 calls; insns/call = total / calls, incl. ~159 setup/print"
                + " instructions; guest MIPS from JMH wall time, mean ± 99.9% error; MIPS(cpu-time) = best of 3 warm runs by"
                + " thread CPU time, less sensitive to other load on the host; load average now: "
                + String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ")");
    }
}
