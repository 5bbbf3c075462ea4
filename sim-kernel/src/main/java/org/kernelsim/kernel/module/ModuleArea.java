package org.kernelsim.kernel.module;

import java.util.Map;
import java.util.TreeMap;
import org.kernelsim.kernel.layout.Layout;

/** First-fit page allocator over the 2 GiB module region; freed ranges coalesce, so load/unload cycles do not fragment. */
public final class ModuleArea {

    private final TreeMap<Long, Long> free = new TreeMap<>(Long::compareUnsigned); // start -> end

    public ModuleArea() {
        free.put(Layout.MODULES_VADDR, Layout.MODULES_END);
    }

    /** A page-aligned range of {@code size} within [lo, hi), or -1. */
    public long alloc(long size, long lo, long hi) {
        size = Layout.pageAlignUp(size);
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long start = Long.compareUnsigned(e.getKey(), lo) < 0 ? lo : e.getKey();
            long end = Long.compareUnsigned(e.getValue(), hi) > 0 ? hi : e.getValue();
            if (Long.compareUnsigned(start, end) < 0 && Long.compareUnsigned(end - start, size) >= 0) {
                long fs = e.getKey();
                long fe = e.getValue();
                free.remove(fs);
                if (fs != start) {
                    free.put(fs, start);
                }
                if (start + size != fe) {
                    free.put(start + size, fe);
                }
                return start;
            }
        }
        return -1;
    }

    public void free(long start, long size) {
        long end = start + Layout.pageAlignUp(size);
        var before = free.floorEntry(start);
        if (before != null && before.getValue() == start) {
            start = before.getKey();
            free.remove(start);
        }
        Long after = free.get(end);
        if (after != null) {
            free.remove(end);
            end = after;
        }
        free.put(start, end);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("free:");
        free.forEach((k, v) -> sb.append(String.format(" [%x, %x)", k, v)));
        return sb.toString();
    }

    /** Number of free ranges (1 when nothing is allocated). */
    public int fragments() {
        return free.size();
    }
}
