package org.kernelsim.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.layout.Layout;

class ModuleAreaTest {

    @Test
    void allocatesWithinWindowsAndCoalesces() {
        ModuleArea a = new ModuleArea();
        long lo = Layout.MODULES_VADDR + 0x300000;
        long x = a.alloc(0x3000, lo, Layout.MODULES_END - (128L << 20));
        assertEquals(lo, x);
        long y = a.alloc(0x1000, lo, Layout.MODULES_END);
        assertEquals(lo + 0x3000, y);
        assertEquals(-1, a.alloc(0x1000, Layout.MODULES_END - 0x1000, Layout.MODULES_END - 0x800));
        a.free(x, 0x3000);
        a.free(y, 0x1000);
        assertEquals(1, a.fragments());
    }
}
