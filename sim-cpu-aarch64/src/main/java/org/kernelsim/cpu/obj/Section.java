package org.kernelsim.cpu.obj;

import static java.util.Objects.requireNonNull;

/**
 * A section of a relocatable object. {@code data} is null for NOBITS sections (.bss), whose size
 * is {@code size}; otherwise {@code size == data.length}. Kinds follow the sections the kernel
 * cares about (.text, .rodata, .data, .bss, .static_call_sites, .static_call.text, .init.text, ...);
 * the name is free, the {@link Kind} decides the mapping permissions.
 */
public record Section(String name, Kind kind, byte[] data, long size, int alignment) {

    public enum Kind { TEXT, RODATA, DATA, BSS }

    public Section {
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        if (kind == Kind.BSS ? data != null : data == null || data.length != size) {
            throw new IllegalArgumentException("section " + name + ": data/size mismatch for kind " + kind);
        }
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("section " + name + ": alignment must be a power of two: " + alignment);
        }
    }
}
