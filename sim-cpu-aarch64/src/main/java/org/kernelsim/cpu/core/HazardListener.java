package org.kernelsim.cpu.core;

/**
 * Told when a CPU executes an instruction from its instruction cache although memory at that
 * address now holds a different word: a stale fetch, because cache maintenance or the CPU's own
 * context synchronisation has not happened yet.
 */
@FunctionalInterface
public interface HazardListener {

    void staleFetch(Cpu cpu, long va, int executedWord, int memoryWord);
}
