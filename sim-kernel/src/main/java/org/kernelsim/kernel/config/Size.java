package org.kernelsim.kernel.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes, written in configs as plain bytes ({@code 4096}) or with a binary
 * unit ({@code 64KiB}, {@code 32MiB}, {@code 2GiB}). Decimal units (MB) are refused on purpose:
 * kernel sizes are powers of two and "32MB" would be ambiguous.
 *
 * @param bytes the size in bytes, never negative
 */
public record Size(long bytes) implements Comparable<Size> {

    /** What the config accepts, for error messages. */
    public static final String FORMS =
            "a whole number of bytes, optionally followed by KiB, MiB or GiB (e.g. 4096, 64KiB, 32MiB, 2GiB)";

    private static final Pattern TEXT = Pattern.compile("([0-9]{1,19})(KiB|MiB|GiB)?");

    public Size {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static Size ofBytes(long bytes) {
        return new Size(bytes);
    }

    public static Size ofMiB(long mib) {
        return new Size(Math.multiplyExact(mib, 1L << 20));
    }

    /** Parses config text; empty when the text is not one of the {@link #FORMS}. */
    public static Optional<Size> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(m.group(1));
            int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                default -> 30;
            };
            if (number > (Long.MAX_VALUE >> shift)) {
                return Optional.empty();
            }
            return Optional.of(new Size(number << shift));
        } catch (NumberFormatException overflow) {
            return Optional.empty();
        }
    }

    /** The shortest exact config spelling: {@code 32MiB}, {@code 6KiB}, {@code 1000}. */
    @Override
    public String toString() {
        if (bytes != 0) {
            if (bytes % (1L << 30) == 0) {
                return (bytes >> 30) + "GiB";
            }
            if (bytes % (1L << 20) == 0) {
                return (bytes >> 20) + "MiB";
            }
            if (bytes % (1L << 10) == 0) {
                return (bytes >> 10) + "KiB";
            }
        }
        return Long.toString(bytes);
    }

    @Override
    public int compareTo(Size other) {
        return Long.compare(bytes, other.bytes);
    }
}
