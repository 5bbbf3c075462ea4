package org.kernelsim.kernel.module;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Ranges of module memory freed by unload (until reused): executing there is a {@code freed-text} violation. */
public final class FreedText {

    @Inject
    public FreedText() {
    }


    private record Range(long start, long end, String module) {
    }

    private static final int MAX = 1024;
    private final List<Range> ranges = new ArrayList<>();

    public void freed(long start, long size, String module) {
        if (ranges.size() == MAX) {
            ranges.remove(0);
        }
        ranges.add(new Range(start, start + size, module));
    }

    public void reused(long start, long size) {
        ranges.removeIf(r -> Long.compareUnsigned(r.start, start + size) < 0 && Long.compareUnsigned(start, r.end) < 0);
    }

    /** The module whose freed memory contains {@code addr}, or null. */
    public String moduleAt(long addr) {
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range r = ranges.get(i);
            if (Long.compareUnsigned(addr, r.start) >= 0 && Long.compareUnsigned(addr, r.end) < 0) {
                return r.module;
            }
        }
        return null;
    }
}
