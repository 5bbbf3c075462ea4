package org.kernelsim.modules.workloads;

/** Shared helpers for workload parameter records. */
final class Params {

    private Params() {
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
