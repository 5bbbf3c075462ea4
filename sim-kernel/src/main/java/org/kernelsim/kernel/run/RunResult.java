package org.kernelsim.kernel.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a run came to, as far as the CLI's exit status is concerned. The reports themselves are
 * the runner's to print and write; this grows as the runner does.
 *
 * @param simulated false when nothing was simulated (the plan-only runner)
 * @param failures the kinds of failure any backend run found
 */
public record RunResult(boolean simulated, Set<FailureKind> failures) {

    public RunResult {
        failures = failures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(failures));
    }

    public static RunResult notSimulated() {
        return new RunResult(false, Set.of());
    }
}
