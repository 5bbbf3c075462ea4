package org.kernelsim.cpu.cache;

import org.kernelsim.cpu.decode.Decoder;
import org.kernelsim.cpu.decode.Insn;
import org.kernelsim.cpu.memory.LongObjectMap;

/**
 * One CPU's instruction cache, which is also its pre-decoded instruction store: pages of
 * {@link Insn} keyed by physical frame, filled line by line from memory. It never updates
 * itself when memory changes; a line is refetched only after an invalidation that was
 * broadcast (IC IVAU/IALLU completed by a DSB) reaches this CPU and this CPU then passes a
 * context-synchronisation event ({@link #contextSynchronize()}).
 */
public final class InstructionCache {

    private final CoherenceDomain domain;
    private final LongObjectMap<DecodedPage> pages = new LongObjectMap<>(64);
    private boolean anyPending;
    private boolean pendingAll;

    InstructionCache(CoherenceDomain domain) {
        this.domain = domain;
    }

    /** The cached page for {@code frame}, created empty if needed (and the frame watched). */
    public DecodedPage page(long frame) {
        DecodedPage p = pages.get(frame);
        if (p == null) {
            p = new DecodedPage(frame);
            pages.put(frame, p);
            domain.watch(frame);
        }
        return p;
    }

    DecodedPage existing(long frame) {
        return pages.get(frame);
    }

    /**
     * Fills the line holding instruction {@code index} of {@code page} from memory (the current
     * bytes) and returns that instruction. {@code pageVa} is the virtual page it is fetched
     * through (for execution probes).
     */
    public Insn fill(DecodedPage page, int index, long pageVa) {
        int line = index / DecodedPage.INSNS_PER_LINE;
        int base = line * DecodedPage.INSNS_PER_LINE;
        ExecutionProbes probes = domain.probes();
        boolean probing = !probes.isEmpty();
        page.changed[line] = false;
        for (int i = 0; i < DecodedPage.INSNS_PER_LINE; i++) {
            int word = domain.memory().readPhysical32(page.frame, (base + i) * 4);
            Insn insn = Decoder.decode(word);
            if (probing) {
                insn = insn.withProbe(probes.idAt(pageVa + (base + i) * 4L));
            }
            page.words[base + i] = word;
            page.set(base + i, insn);
        }
        page.cachedLines++;
        // a pending invalidation of a line that is refilled now is satisfied by this refill
        page.pendingInvalidate[line] = false;
        page.markPublished(line);
        return page.insns[index];
    }

    /**
     * Memory bytes [offset, offset + length) of {@code frame}, under {@code line}, were written:
     * mark a cached copy as changed and the instructions written as not yet published.
     */
    void memoryChanged(long frame, int line, int offset, int length) {
        DecodedPage p = pages.get(frame);
        if (p != null && p.lineCached(line)) {
            p.markChanged(line);
            p.markWritten(line, offset, length);
        }
    }

    /** An invalidation of the line reached this CPU: it takes effect at the next context sync. */
    void scheduleInvalidate(long frame, int line) {
        DecodedPage p = pages.get(frame);
        if (p != null && p.lineCached(line)) {
            p.pendingInvalidate[line] = true;
            p.markPublished(line);
            anyPending = true;
        }
    }

    /** IC IALLU completed on this CPU: everything (clean) is dropped at the next context sync. */
    public void scheduleInvalidateAll() {
        pendingAll = true;
        anyPending = true;
        pages.forEach((frame, p) -> {
            for (int line = 0; line < DecodedPage.LINES; line++) {
                if (p.changed[line] && !domain.isDirty(frame, line)) {
                    p.markPublished(line);
                }
            }
        });
    }

    /**
     * Whether the cached instruction {@code index} of {@code page} is covered by a completed
     * invalidation (IC IVAU of its line, or IC IALLU with the line clean) that reached this CPU
     * after the last write to it and waits for this CPU's next context-synchronisation event:
     * then executing the old instruction is the architecturally permitted window, and the event
     * will refetch the current bytes. False when the writer's maintenance of that write is
     * missing or not complete, so the old instruction may run indefinitely.
     */
    public boolean invalidationPending(DecodedPage page, int index) {
        int line = index / DecodedPage.INSNS_PER_LINE;
        if (page.unpublished[index]) {
            return false;
        }
        return page.pendingInvalidate[line] || pendingAll && !domain.isDirty(page.frame, line);
    }

    /**
     * A context-synchronisation event (ISB, exception entry, exception return): drops the lines
     * whose invalidation reached this CPU, so they are refetched. Lines that are dirty in the
     * data cache (written, not cleaned) survive an IC IALLU: the refetch would not see new bytes.
     */
    public void contextSynchronize() {
        if (!anyPending) {
            return;
        }
        boolean all = pendingAll;
        anyPending = false;
        pendingAll = false;
        pages.forEach((frame, p) -> {
            for (int line = 0; line < DecodedPage.LINES; line++) {
                if (p.pendingInvalidate[line] || (all && p.lineCached(line) && !domain.isDirty(frame, line))) {
                    p.drop(line);
                }
            }
        });
    }

    /** Re-tags the cached instruction at (frame, index) with a probe id (or -1). */
    void reprobe(long frame, int index, int id) {
        DecodedPage p = pages.get(frame);
        if (p != null && p.insns[index] != null) {
            p.set(index, p.insns[index].withProbe(id));
        }
    }

    /** Number of cached lines (for tests and statistics). */
    public int cachedLines() {
        int[] n = {0};
        pages.forEach((f, p) -> n[0] += p.cachedLines);
        return n[0];
    }

    /** The word this CPU would execute at physical (frame, offset) if cached, else null. */
    public Integer cachedWord(long frame, int offset) {
        DecodedPage p = pages.get(frame);
        if (p == null || p.insns[offset >> 2] == null) {
            return null;
        }
        return p.words[offset >> 2];
    }
}
