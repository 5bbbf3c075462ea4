package org.kernelsim.cpu.cache;

import org.kernelsim.cpu.decode.Insn;

/**
 * One CPU's cached, pre-decoded copy of one physical page of code, filled a 64-byte line (16
 * instructions) at a time. {@code insns[i] == null} means line {@code i >> 4} is not cached.
 * {@code changed[line]} is set when memory under a cached line is written, so the
 * stale-fetch comparison is done only for those lines.
 */
public final class DecodedPage {

    public static final int LINE_BYTES = 64;
    public static final int LINES = 4096 / LINE_BYTES;
    public static final int INSNS_PER_LINE = LINE_BYTES / 4;

    final long frame;
    /** The decoded instructions, indexed by (offset in page) / 4. Read by the interpreter. */
    public final Insn[] insns = new Insn[1024];
    /**
     * The interpreter's fast path: {@code fast[i] == insns[i]} when instruction {@code i} is
     * cached, its line is not {@linkplain #changed changed} and it carries no execution probe;
     * otherwise null, and the CPU takes its slow path (fill, stale-fetch check, probe hit). So
     * one null test covers all three.
     */
    public final Insn[] fast = new Insn[1024];
    /** The words the cached instructions were decoded from. */
    public final int[] words = new int[1024];
    /** Per line: memory changed since the line was filled. */
    public final boolean[] changed = new boolean[LINES];
    /** Per line: an invalidation is waiting for this CPU's next context-synchronisation event. */
    final boolean[] pendingInvalidate = new boolean[LINES];
    /**
     * Per instruction: memory under it was written after its line was filled and no completed
     * invalidation of the line has reached this CPU since (so a pending invalidation, if any,
     * predates the write and does not publish it).
     */
    final boolean[] unpublished = new boolean[1024];
    int cachedLines;

    DecodedPage(long frame) {
        this.frame = frame;
    }

    public long frame() {
        return frame;
    }

    public boolean lineCached(int line) {
        return insns[line * INSNS_PER_LINE] != null;
    }

    /** Memory under the line changed: the cached copy stays, but every fetch from it takes the slow path. */
    void markChanged(int line) {
        changed[line] = true;
        java.util.Arrays.fill(fast, line * INSNS_PER_LINE, (line + 1) * INSNS_PER_LINE, null);
    }

    /** Memory bytes [offset, offset + length) of the page were written; marks the instructions under them in {@code line}. */
    void markWritten(int line, int offset, int length) {
        int from = Math.max(offset >> 2, line * INSNS_PER_LINE);
        int to = Math.min((offset + length - 1) >> 2, (line + 1) * INSNS_PER_LINE - 1);
        for (int i = from; i <= to; i++) {
            unpublished[i] = true;
        }
    }

    /** A completed invalidation of the line reached this CPU: it covers every write made so far. */
    void markPublished(int line) {
        java.util.Arrays.fill(unpublished, line * INSNS_PER_LINE, (line + 1) * INSNS_PER_LINE, false);
    }

    /** Sets instruction {@code index} (its line filled and unchanged) and its fast-path entry. */
    void set(int index, Insn insn) {
        insns[index] = insn;
        fast[index] = insn.probe < 0 && !changed[index / INSNS_PER_LINE] ? insn : null;
    }

    void drop(int line) {
        int base = line * INSNS_PER_LINE;
        if (insns[base] != null) {
            cachedLines--;
        }
        for (int i = 0; i < INSNS_PER_LINE; i++) {
            insns[base + i] = null;
            fast[base + i] = null;
        }
        changed[line] = false;
        pendingInvalidate[line] = false;
        markPublished(line);
    }
}
