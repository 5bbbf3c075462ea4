package org.kernelsim.cpu.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Cheap execution counters at chosen virtual addresses, shared by the CPUs of a
 * {@link CoherenceDomain}. The kernel registers an address (a static-call site, a kCFI check)
 * before or while running; the instruction decoded at that address carries the probe id, and
 * the CPU bumps {@code count(id)} each time it executes it (one compare per instruction when
 * no probe is hit). Probes are keyed by the virtual address an instruction was fetched through.
 */
public final class ExecutionProbes {

    private final Map<Long, Integer> ids = new HashMap<>();
    private long[] counts = new long[16];
    private int next;
    private final CoherenceDomain domain;

    ExecutionProbes(CoherenceDomain domain) {
        this.domain = domain;
    }

    /** Registers (or finds) the probe at {@code va}; returns its id. */
    public int register(long va) {
        Integer id = ids.get(va);
        if (id != null) {
            return id;
        }
        int n = next++;
        if (n == counts.length) {
            counts = Arrays.copyOf(counts, n * 2);
        }
        ids.put(va, n);
        domain.reprobe(va, n);
        return n;
    }

    /** Stops counting at {@code va} (the count stays readable). */
    public void unregister(long va) {
        Integer id = ids.remove(va);
        if (id != null) {
            domain.reprobe(va, -1);
        }
    }

    /** The probe id at {@code va}, or -1. */
    public int idAt(long va) {
        if (ids.isEmpty()) {
            return -1;
        }
        Integer id = ids.get(va);
        return id == null ? -1 : id;
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** Executions of probe {@code id} on all CPUs of the domain. */
    public long count(int id) {
        return counts[id];
    }

    /** Executions at {@code va} (0 if no probe there). */
    public long countAt(long va) {
        int id = idAt(va);
        return id < 0 ? 0 : counts[id];
    }

    public void reset() {
        Arrays.fill(counts, 0);
    }

    /** Called by the CPU for each executed probed instruction. */
    public void hit(int id) {
        counts[id]++;
    }
}
