package org.kernelsim.cpu.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseMemoryTest {

    static final long KIMAGE = 0xffff800080000000L;

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void mapping512MiBAnd1GiBCostsAlmostNothing() {
        long before = usedHeap();
        SparseMemory mem = new SparseMemory();
        mem.map(KIMAGE, 512L << 20, Permissions.RX_GUARDED);
        mem.map(KIMAGE + (1L << 30), 1L << 30, Permissions.RW);
        assertEquals(0, mem.residentPages());
        assertEquals(0, mem.read64(KIMAGE + (300L << 20)), "never-written memory reads as zero");
        assertEquals(0, mem.residentPages(), "and reading allocates nothing");
        mem.write32(KIMAGE + 0x1234, 0xd503245f);
        assertEquals(1, mem.residentPages());
        long used = usedHeap() - before;
        assertTrue(used < 24L << 20, "1.5 GiB mapped costs " + (used >> 20) + " MiB of heap");
        assertEquals((512L << 20 >> 12) + (1L << 30 >> 12), mem.mappedPages());
        assertEquals(mem, mem); // keep mem reachable until here
    }

    @Test
    void aliasSharesThePhysicalPage() {
        SparseMemory mem = new SparseMemory();
        mem.map(KIMAGE, 0x2000, Permissions.RX);
        long poke = 0xfffffbfff0000000L;
        mem.alias(poke, KIMAGE + 0x1000, 0x1000, Permissions.RW);
        mem.store32(poke + 8, 0x12345678, true);
        assertEquals(0x12345678, mem.read32(KIMAGE + 0x1008));
        assertEquals(mem.translate(poke + 8), mem.translate(KIMAGE + 0x1008));
        MemoryFault f = assertThrows(MemoryFault.class, () -> mem.store32(KIMAGE + 0x1008, 0, true));
        assertEquals(new Fault(KIMAGE + 0x1008, Fault.Kind.PERMISSION, Fault.Access.WRITE), f.fault());
        mem.write32(KIMAGE + 0x100c, 7); // host writes ignore permissions
        assertEquals(7, mem.load32(poke + 0xc, true));
    }

    @Test
    void unmapFreesFramesOnlyWhenNoAliasRemains() {
        SparseMemory mem = new SparseMemory();
        mem.map(KIMAGE, 0x3000, Permissions.RW);
        mem.alias(0x10000, KIMAGE, 0x1000, Permissions.RW);
        for (int i = 0; i < 3; i++) {
            mem.write64(KIMAGE + i * 0x1000L, i + 1);
        }
        assertEquals(3, mem.residentPages());
        mem.unmap(KIMAGE, 0x3000);
        assertEquals(1, mem.residentPages(), "the aliased page survives");
        assertEquals(1, mem.read64(0x10000));
        assertNull(mem.permissionsAt(KIMAGE));
        assertThrows(MemoryFault.class, () -> mem.read8(KIMAGE));
        mem.unmap(0x10000, 0x1000);
        assertEquals(0, mem.residentPages());
        mem.map(KIMAGE, 0x1000, Permissions.RW);
        assertEquals(0, mem.read64(KIMAGE), "a recycled frame starts zeroed");
    }

    @Test
    void crossPageAccessesAreLittleEndianAndChecked() {
        SparseMemory mem = new SparseMemory();
        mem.map(0x1000, 0x2000, Permissions.RW);
        mem.write64(0x1ffc, 0x1122334455667788L);
        assertEquals(0x55667788, mem.read32(0x1ffc));
        assertEquals(0x11223344, mem.read32(0x2000));
        assertEquals(0x1122334455667788L, mem.load64(0x1ffc, true));
        assertEquals((short) 0x6677, mem.read16(0x1ffd));
        byte[] b = new byte[8];
        mem.readBytes(0x1ffc, b, 0, 8);
        assertArrayEquals(new byte[] {(byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11}, b);
        mem.protect(0x2000, 0x1000, Permissions.RO);
        MemoryFault f = assertThrows(MemoryFault.class, () -> mem.store64(0x1ffc, 0, true));
        assertEquals(0x2000, f.fault().address());
        assertEquals(0x55667788, mem.read32(0x1ffc), "a faulting store changes nothing");
        assertThrows(MemoryFault.class, () -> mem.load64(0x2ffc, true), "crosses into unmapped");
    }

    @Test
    void userAndPrivilegeChecks() {
        SparseMemory mem = new SparseMemory();
        mem.map(0x1000, 0x1000, Permissions.RW);
        mem.map(0x400000, 0x1000, Permissions.USER_RWX);
        assertEquals(Fault.Kind.PERMISSION, assertThrows(MemoryFault.class, () -> mem.load64(0x1000, false)).fault().kind());
        assertEquals(0, mem.load64(0x400000, false));
        assertEquals(Fault.Kind.TRANSLATION, assertThrows(MemoryFault.class, () -> mem.load8(0x9000, true)).fault().kind());
        assertThrows(IllegalStateException.class, () -> mem.map(0x1000, 0x1000, Permissions.RW));
        assertThrows(IllegalArgumentException.class, () -> mem.map(0x1001, 0x1000, Permissions.RW));
    }

    @Test
    void writesToWatchedFramesAreObservedAtPhysicalLevel() {
        SparseMemory mem = new SparseMemory();
        mem.map(0x1000, 0x2000, Permissions.RW);
        mem.alias(0x8000, 0x2000, 0x1000, Permissions.RW);
        List<String> seen = new ArrayList<>();
        mem.addWriteObserver((frame, off, len) -> seen.add(frame + ":" + off + ":" + len));
        mem.write32(0x2010, 1); // not watched
        assertTrue(seen.isEmpty());
        long frame = mem.translate(0x2000) >>> 12;
        mem.watchFrame(frame);
        mem.store32(0x8010, 2, true);
        mem.write64(0x1ffc, 3); // crosses into the watched frame: two bytes... four bytes land there
        assertEquals(List.of(frame + ":16:4", frame + ":0:1", frame + ":1:1", frame + ":2:1", frame + ":3:1"), seen);
    }
}
