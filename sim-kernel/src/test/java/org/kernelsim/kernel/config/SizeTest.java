package org.kernelsim.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SizeTest {

    @Test
    void parsesBytesAndBinaryUnits() {
        assertEquals(Optional.of(Size.ofBytes(4096)), Size.parse("4096"));
        assertEquals(Optional.of(Size.ofBytes(64 * 1024)), Size.parse("64KiB"));
        assertEquals(Optional.of(Size.ofMiB(32)), Size.parse("32MiB"));
        assertEquals(Optional.of(Size.ofBytes(2L << 30)), Size.parse("2GiB"));
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : new String[] {"32MB", "32 MiB", "32mib", "-1", "1.5GiB", "", "GiB", "99999999999999999999"}) {
            assertEquals(Optional.empty(), Size.parse(bad), bad);
        }
        assertEquals(Optional.empty(), Size.parse("9999999999GiB"), "overflow");
    }

    @Test
    void printsTheShortestExactSpelling() {
        assertEquals("32MiB", Size.ofMiB(32).toString());
        assertEquals("2GiB", Size.ofBytes(2L << 30).toString());
        assertEquals("6KiB", Size.ofBytes(6144).toString());
        assertEquals("1000", Size.ofBytes(1000).toString());
        assertEquals("0", Size.ofBytes(0).toString());
    }
}
