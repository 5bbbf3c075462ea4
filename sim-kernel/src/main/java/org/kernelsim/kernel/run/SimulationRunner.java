package org.kernelsim.kernel.run;

import java.io.PrintWriter;

/**
 * Runs a resolved plan: boots one machine per backend run, drives the workload, prints the
 * reports to {@code out} and writes the JSON report the config asks for.
 *
 * <p>The CLI gets its runner from {@link org.kernelsim.kernel.cli.CliEnvironment}; the real one
 * replaces {@link PlanOnlyRunner} there. Errors in the user's input are found before a runner is
 * called; anything a runner throws is an internal error (exit status 70), so kernel events such
 * as an oops must be reported in the {@link RunResult}, never thrown.
 */
@FunctionalInterface
public interface SimulationRunner {

    RunResult run(RunPlan plan, PrintWriter out);
}
