package org.kernelsim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BitmaskImmediateTest {

    /** Every valid N:immr:imms decodes to a value that encodes back to the same bits (the encoding is canonical). */
    @Test
    void everyEncodingRoundTrips() {
        int valid64 = 0;
        int valid32 = 0;
        for (int enc = 0; enc < 1 << 13; enc++) {
            for (boolean is64 : new boolean[] {true, false}) {
                var v = BitmaskImmediate.decode(enc, is64);
                if (v.isEmpty()) {
                    continue;
                }
                var back = BitmaskImmediate.encode(v.getAsLong(), is64);
                assertTrue(back.isPresent(), () -> "value " + Long.toHexString(v.getAsLong()) + " not re-encodable");
                assertEquals(v.getAsLong(), BitmaskImmediate.decode(back.getAsInt(), is64).getAsLong());
                if (is64) {
                    valid64++;
                } else {
                    valid32++;
                }
            }
        }
        // The architecture has 5334 distinct 64-bit and 1302 distinct 32-bit logical immediates.
        Set<Long> distinct64 = new HashSet<>();
        Set<Long> distinct32 = new HashSet<>();
        for (int enc = 0; enc < 1 << 13; enc++) {
            BitmaskImmediate.decode(enc, true).ifPresent(distinct64::add);
            BitmaskImmediate.decode(enc, false).ifPresent(distinct32::add);
        }
        assertEquals(5334, distinct64.size());
        assertEquals(1302, distinct32.size());
        assertTrue(valid64 >= 5334 && valid32 >= 1302);
    }

    @Test
    void randomNonImmediatesAreRejected() {
        Set<Long> valid = new HashSet<>();
        for (int enc = 0; enc < 1 << 13; enc++) {
            BitmaskImmediate.decode(enc, true).ifPresent(valid::add);
        }
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong();
            assertEquals(valid.contains(v), BitmaskImmediate.encode(v, true).isPresent(), Long.toHexString(v));
        }
        assertTrue(BitmaskImmediate.encode(0, true).isEmpty());
        assertTrue(BitmaskImmediate.encode(-1, true).isEmpty());
        assertTrue(BitmaskImmediate.encode(0xffffffffL, false).isEmpty());
        assertEquals(0x1000, BitmaskImmediate.encode(1, true).getAsInt()); // N=1, immr=0, imms=0
        assertEquals(0x1007, BitmaskImmediate.encode(0xff, true).getAsInt());
    }
}
