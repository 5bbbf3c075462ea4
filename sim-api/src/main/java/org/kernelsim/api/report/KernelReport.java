package org.kernelsim.api.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Something the kernel reported, as a value. {@link #text()} is what the kernel would print
 * (headline, register dump, call trace), line by line.
 */
public sealed interface KernelReport {

    /** The headline the kernel prints first, e.g. {@code Internal error: Oops - CFI: 00000000f2008228 [#1]}. */
    String headline();

    /** The full report, headline first. */
    List<String> text();

    /** {@code CFI failure at %pS (target: %pS; expected type: 0x%08x)}. */
    record CfiFailure(int cpu, int pid, String at, String target, int expectedType, List<String> text) implements KernelReport {
        public CfiFailure {
            requireNonNull(at, "at");
            requireNonNull(target, "target");
            text = List.copyOf(text);
        }

        public String expectedTypeHex() {
            return String.format("0x%08x", expectedType);
        }

        @Override
        public String headline() {
            return "CFI failure at " + at + " (target: " + target + "; expected type: " + expectedTypeHex() + ")";
        }
    }

    /** {@code WARNING: CPU: %d PID: %d at %pS} (WARN_ON, permissive CFI, ...). */
    record Warning(int cpu, int pid, String at, List<String> text) implements KernelReport {
        public Warning {
            requireNonNull(at, "at");
            text = List.copyOf(text);
        }

        @Override
        public String headline() {
            return "WARNING: CPU: " + cpu + " PID: " + pid + " at " + at;
        }
    }

    /**
     * An oops: {@code message} is the kernel's first line ("Unable to handle kernel write to
     * read-only memory at virtual address ...", or empty for die()-only oopses), {@code kind} the
     * die() string ("Oops - CFI", "Oops - BTI", "Oops", "Oops - Undefined instruction", "Oops - BUG").
     */
    record Oops(int cpu, int pid, String kind, String message, int esr, int number, String pc, boolean inInterrupt,
                List<String> text) implements KernelReport {
        public Oops {
            requireNonNull(kind, "kind");
            requireNonNull(message, "message");
            requireNonNull(pc, "pc");
            text = List.copyOf(text);
        }

        /** {@code Internal error: <kind>: %016x [#N]}. */
        public String internalError() {
            return String.format("Internal error: %s: %016x [#%d]", kind, esr & 0xffffffffL, number);
        }

        @Override
        public String headline() {
            return message.isEmpty() ? internalError() : message;
        }
    }

    /** {@code Kernel panic - not syncing: <reason>}. */
    record Panic(String reason, List<String> text) implements KernelReport {
        public Panic {
            requireNonNull(reason, "reason");
            text = List.copyOf(text);
        }

        @Override
        public String headline() {
            return "Kernel panic - not syncing: " + reason;
        }
    }

    /**
     * A simulator-detected rule violation the real kernel would not print: {@code cmodx},
     * {@code stale-fetch}, {@code freed-text}, ... {@code count} is how many times it occurred:
     * the kernel reports a repeated violation (e.g. the same stale fetch on every execution) once,
     * and counts the repeats.
     */
    record Violation(String kind, String detail, long count) implements KernelReport {
        public Violation {
            requireNonNull(kind, "kind");
            requireNonNull(detail, "detail");
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1: " + count);
            }
        }

        /** A violation seen once. */
        public Violation(String kind, String detail) {
            this(kind, detail, 1);
        }

        /** This violation with {@code count} occurrences. */
        public Violation withCount(long count) {
            return new Violation(kind, detail, count);
        }

        @Override
        public String headline() {
            return kind + ": " + detail;
        }

        @Override
        public List<String> text() {
            return List.of(headline());
        }
    }
}
