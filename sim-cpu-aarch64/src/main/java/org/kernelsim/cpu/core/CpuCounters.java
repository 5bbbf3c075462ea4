package org.kernelsim.cpu.core;

/**
 * Per-CPU event counters. Counts are exact; {@code cycles} is a model (see {@link CostModel}).
 * Mutable and owned by its CPU; {@link #snapshot()} gives an immutable copy.
 */
public final class CpuCounters {

    public long instructions;
    public long branches;
    public long takenBranches;
    public long indirectBranches;
    public long loads;
    public long stores;
    public long exceptions;
    public long cycles;

    public Snapshot snapshot() {
        return new Snapshot(instructions, branches, takenBranches, indirectBranches, loads, stores, exceptions, cycles);
    }

    public record Snapshot(long instructions, long branches, long takenBranches, long indirectBranches,
                           long loads, long stores, long exceptions, long cycles) {

        public Snapshot plus(Snapshot o) {
            return new Snapshot(instructions + o.instructions, branches + o.branches, takenBranches + o.takenBranches,
                    indirectBranches + o.indirectBranches, loads + o.loads, stores + o.stores,
                    exceptions + o.exceptions, cycles + o.cycles);
        }

        public Snapshot minus(Snapshot o) {
            return new Snapshot(instructions - o.instructions, branches - o.branches, takenBranches - o.takenBranches,
                    indirectBranches - o.indirectBranches, loads - o.loads, stores - o.stores,
                    exceptions - o.exceptions, cycles - o.cycles);
        }
    }
}
