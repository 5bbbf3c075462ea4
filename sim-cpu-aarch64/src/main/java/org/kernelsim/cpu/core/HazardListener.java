package org.kernelsim.cpu.core;

/**
 * Told when a CPU executes an instruction from its instruction cache although memory at that
 * address now holds a different word: a stale fetch, because cache maintenance or the CPU's own
 * context synchronisation has not happened yet.
 *
 * <p>The CPU calls {@link #staleFetch(Cpu, long, int, int, boolean)}, which tells the two cases
 * apart; a listener that only implements the four-argument method is told of both alike.
 */
@FunctionalInterface
public interface HazardListener {

    /** A stale fetch, whichever case it is (see the five-argument method). */
    void staleFetch(Cpu cpu, long va, int executedWord, int memoryWord);

    /**
     * A stale fetch. {@code invalidationPending} is true when the writer completed the maintenance
     * that publishes the word now in memory (DC CVAU and IC IVAU of the line, each completed by a
     * DSB, after the last write to that word; or an IC IALLU(IS) likewise) and this CPU's copy of
     * the line is only waiting for its next context-synchronisation event (ISB, exception entry or
     * return) to be dropped: the architecturally permitted window, in which the CPU may still
     * execute the old instruction. False when no such invalidation covers the new word, so this CPU
     * may keep executing the old one indefinitely: the writer's cache maintenance is missing or not
     * yet complete.
     *
     * <p>The default delegates to {@link #staleFetch(Cpu, long, int, int)}.
     */
    default void staleFetch(Cpu cpu, long va, int executedWord, int memoryWord, boolean invalidationPending) {
        staleFetch(cpu, va, executedWord, memoryWord);
    }
}
