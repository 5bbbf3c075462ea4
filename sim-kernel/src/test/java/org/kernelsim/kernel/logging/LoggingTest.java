package org.kernelsim.kernel.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @AfterEach
    void quietAgain() {
        Logging.configure(0, false);
    }

    @Test
    void verbosityPicksTheLevel() {
        assertEquals(Level.WARN, Logging.level(0));
        assertEquals(Level.INFO, Logging.level(1));
        assertEquals(Level.DEBUG, Logging.level(2));
        assertEquals(Level.DEBUG, Logging.level(5));
    }

    @Test
    void configureSetsTheRootLevel() {
        Logging.configure(1, false);
        assertEquals(Level.INFO, LogManager.getRootLogger().getLevel());
        Logging.configure(2, true);
        assertEquals(Level.DEBUG, LogManager.getRootLogger().getLevel());
        Logging.configure(0, false);
        assertEquals(Level.WARN, LogManager.getRootLogger().getLevel());
    }
}
