package org.kernelsim.cpu.cache;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.PhysicalWriteObserver;
import org.kernelsim.cpu.memory.SparseMemory;

/**
 * The inner-shareable domain of a machine: the memory its CPUs share, their instruction caches,
 * and the state that connects them — which code lines are dirty (written but not yet cleaned to
 * the point of unification by DC CVAU) and where invalidations are broadcast. Also hosts the
 * machine's {@link ExecutionProbes}.
 *
 * <p>Model of publishing new code (Arm ARM B2.2.5, {@code caches_clean_inval_pou}):
 * <ol>
 *   <li>A write (any CPU, the host, any alias) marks the line dirty and marks every cached copy
 *   "changed" (copies keep executing the old instruction; that is reported as a stale fetch).</li>
 *   <li>DC CVAU issued by a CPU takes effect at that CPU's next DSB: the line is clean.</li>
 *   <li>IC IVAU takes effect at the issuer's DSB: for a clean line, every CPU's copy is marked
 *   for invalidation; for a still-dirty line it does nothing (the refetch would see old bytes).</li>
 *   <li>Each CPU drops marked lines at its next context-synchronisation event and refetches.</li>
 * </ol>
 * A stale fetch between 3 and 4 is the architecturally permitted window; one before 3 (or with 3
 * missing) is a missing or incomplete maintenance. The CPU tells its hazard listener which
 * ({@link InstructionCache#invalidationPending}).
 * A CPU that never cached a line simply fetches the bytes in memory.
 */
public final class CoherenceDomain implements PhysicalWriteObserver {

    private final SparseMemory memory;
    private final List<InstructionCache> caches = new ArrayList<>();
    private final Set<Long> watched = new HashSet<>();
    private final Set<Long> dirtyLines = new HashSet<>();
    private final ExecutionProbes probes = new ExecutionProbes(this);

    public CoherenceDomain(SparseMemory memory) {
        this.memory = requireNonNull(memory, "memory");
        memory.addWriteObserver(this);
    }

    public SparseMemory memory() {
        return memory;
    }

    public ExecutionProbes probes() {
        return probes;
    }

    /** A new, empty instruction cache for a CPU joining this domain. */
    public InstructionCache newCache() {
        InstructionCache c = new InstructionCache(this);
        caches.add(c);
        return c;
    }

    public List<InstructionCache> caches() {
        return Collections.unmodifiableList(caches);
    }

    private static long lineKey(long frame, int line) {
        return frame << 6 | line;
    }

    void watch(long frame) {
        if (watched.add(frame)) {
            memory.watchFrame(frame);
        }
    }

    boolean isDirty(long frame, int line) {
        return !dirtyLines.isEmpty() && dirtyLines.contains(lineKey(frame, line));
    }

    /** Whether the line holding physical address {@code pa} was written and not yet cleaned. */
    public boolean isDirty(long pa) {
        return isDirty(pa >>> Memory.PAGE_SHIFT, (int) (pa & Memory.PAGE_MASK) / DecodedPage.LINE_BYTES);
    }

    @Override
    public void physicalWrite(long frame, int offset, int length) {
        int first = offset / DecodedPage.LINE_BYTES;
        int last = (offset + length - 1) / DecodedPage.LINE_BYTES;
        for (int line = first; line <= last; line++) {
            dirtyLines.add(lineKey(frame, line));
            for (int i = 0; i < caches.size(); i++) {
                caches.get(i).memoryChanged(frame, line, offset, length);
            }
        }
    }

    /** DC CVAU completed (at the issuer's DSB) for the line at physical address {@code pa}. */
    public void clean(long pa) {
        if (!dirtyLines.isEmpty()) {
            dirtyLines.remove(lineKey(pa >>> Memory.PAGE_SHIFT, (int) (pa & Memory.PAGE_MASK) / DecodedPage.LINE_BYTES));
        }
    }

    /**
     * IC IVAU completed (at the issuer's DSB) for the line at {@code pa}: broadcast to every CPU,
     * unless the line is still dirty. Returns whether it was broadcast.
     */
    public boolean invalidate(long pa) {
        long frame = pa >>> Memory.PAGE_SHIFT;
        int line = (int) (pa & Memory.PAGE_MASK) / DecodedPage.LINE_BYTES;
        if (isDirty(frame, line)) {
            return false;
        }
        for (InstructionCache c : caches) {
            c.scheduleInvalidate(frame, line);
        }
        return true;
    }

    /** IC IALLUIS completed: every CPU invalidates everything (clean lines) at its next context sync. */
    public void invalidateAll() {
        for (InstructionCache c : caches) {
            c.scheduleInvalidateAll();
        }
    }

    void reprobe(long va, int id) {
        long pa = memory.translate(va);
        if (pa < 0) {
            return;
        }
        for (InstructionCache c : caches) {
            c.reprobe(pa >>> Memory.PAGE_SHIFT, (int) (pa & Memory.PAGE_MASK) >> 2, id);
        }
    }
}
