package org.kernelsim.cpu.obj;

import static java.util.Objects.requireNonNull;

/** One RELA entry: patch {@code section}+{@code offset} with {@code type} against symbol S and addend A. */
public record Relocation(String section, long offset, RelocationType type, String symbol, long addend) {
    public Relocation {
        requireNonNull(section, "section");
        requireNonNull(type, "type");
        requireNonNull(symbol, "symbol");
    }
}
