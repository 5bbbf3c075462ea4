package org.kernelsim.kernel.link;

import java.util.HashMap;
import java.util.Map;
import org.kernelsim.api.emit.A64;
import org.kernelsim.cpu.memory.Memory;

/**
 * {@code module-plts.c}: 12-byte veneers {@code adrp x16, dst; add x16, x16, :lo12:dst; br x16}
 * (x16 so BTI lets them land on {@code bti c}), one per distinct target, equal entries reused.
 */
public final class PltTable {

    public static final int ENTRY_SIZE = 12;

    private final Memory memory;
    private final long base;
    private final int capacity;
    private final Map<Long, Long> byTarget = new HashMap<>();

    public PltTable(Memory memory, long base, int capacity) {
        this.memory = memory;
        this.base = base;
        this.capacity = capacity;
    }

    /** Space to reserve for the CALL26/JUMP26 relocations an object could need veneers for ({@code count_plts} + 1). */
    public static long reserve(int distinctTargets) {
        return (long) (distinctTargets + 1) * ENTRY_SIZE;
    }

    public long entryFor(long target) {
        Long e = byTarget.get(target);
        if (e != null) {
            return e;
        }
        if (byTarget.size() >= capacity) {
            throw new IllegalStateException("PLT full: " + capacity + " entries");
        }
        long addr = base + (long) byTarget.size() * ENTRY_SIZE;
        long pageDelta = ((target & ~0xfffL) - (addr & ~0xfffL)) >> 12;
        memory.write32(addr, A64.adrp(16, pageDelta));
        memory.write32(addr + 4, A64.addImmX(16, 16, (int) (target & 0xfff)));
        memory.write32(addr + 8, A64.br(16));
        byTarget.put(target, addr);
        return addr;
    }

    public int used() {
        return byTarget.size();
    }
}
