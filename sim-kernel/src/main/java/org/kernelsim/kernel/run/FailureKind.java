package org.kernelsim.kernel.run;

import java.util.Arrays;
import java.util.Optional;
import org.kernelsim.api.plugin.ParameterInfo;

/** What a run can find wrong; {@code ./sim run --fail-on} turns chosen kinds into exit status 1. */
public enum FailureKind {
    /** A kCFI check failed (report "CFI failure at ..."). */
    CFI,
    /** An oops: BTI, CFI in enforcing mode, a fault on kernel text, BUG. */
    OOPS,
    /** The kernel panicked. */
    PANIC,
    /** A checker found a rule broken: unsafe concurrent code modification, stale fetch, freed text. */
    VIOLATION;

    /** The spelling on the command line ({@code cfi}, {@code oops}, ...). */
    public String cliName() {
        return ParameterInfo.configName(this);
    }

    public static Optional<FailureKind> byCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst();
    }
}
