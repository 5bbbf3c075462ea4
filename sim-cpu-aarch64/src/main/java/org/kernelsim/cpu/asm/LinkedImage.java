package org.kernelsim.cpu.asm;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

/**
 * The result of {@link Linker#link}: every input section at its final address with relocations
 * applied, and every defined symbol at its final address (the kernel's kallsyms source).
 */
public record LinkedImage(List<PlacedSection> sections, List<LinkedSymbol> symbols, Map<String, LinkedSymbol> globals) {

    public LinkedImage {
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
        globals = Map.copyOf(globals);
    }

    /** One input section at its address; {@code data} is null for BSS. */
    public record PlacedSection(String object, String name, Section.Kind kind, long address, long size, byte[] data) {
        public PlacedSection {
            requireNonNull(object, "object");
            requireNonNull(name, "name");
            requireNonNull(kind, "kind");
        }

        public long end() {
            return address + size;
        }
    }

    /** A defined symbol at its final address; {@code section} is the input section's name. */
    public record LinkedSymbol(String name, String object, String section, long address, long size, Symbol.Binding binding,
                               Symbol.Type type, OptionalInt kcfiTypeId) {
        public LinkedSymbol {
            requireNonNull(name, "name");
            requireNonNull(kcfiTypeId, "kcfiTypeId");
        }
    }

    /** The address of a global symbol; an unknown name is an error naming it. */
    public long address(String globalName) {
        LinkedSymbol s = globals.get(globalName);
        if (s == null) {
            throw new IllegalArgumentException("no global symbol " + globalName + " in the linked image");
        }
        return s.address();
    }

    public Optional<LinkedSymbol> global(String name) {
        return Optional.ofNullable(globals.get(name));
    }

    /** Kernel defaults: text r-x, rodata r--, data and bss rw-. */
    public static Permissions kernelPermissions(Section.Kind kind) {
        return switch (kind) {
            case TEXT -> Permissions.RX;
            case RODATA -> Permissions.RO;
            case DATA, BSS -> Permissions.RW;
        };
    }

    /**
     * Maps, per section kind, the pages covering all sections of that kind with the kind's
     * permissions, and writes their bytes (BSS stays zero). Two kinds sharing a page is an error,
     * since a page has one set of permissions.
     */
    public void load(Memory memory, Function<Section.Kind, Permissions> permissions) {
        Map<Section.Kind, long[]> ranges = new EnumMap<>(Section.Kind.class);
        for (PlacedSection s : sections) {
            if (s.size() == 0) {
                continue;
            }
            long[] r = ranges.computeIfAbsent(s.kind(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            r[0] = Math.min(r[0], s.address() & ~Memory.PAGE_MASK);
            r[1] = Math.max(r[1], (s.end() + Memory.PAGE_MASK) & ~Memory.PAGE_MASK);
        }
        List<Map.Entry<Section.Kind, long[]>> list = new ArrayList<>(ranges.entrySet());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                long[] a = list.get(i).getValue();
                long[] b = list.get(j).getValue();
                if (a[0] < b[1] && b[0] < a[1]) {
                    throw new IllegalArgumentException("sections of kinds " + list.get(i).getKey() + " and " + list.get(j).getKey()
                            + " share pages; place the kinds on separate pages");
                }
            }
        }
        for (var e : list) {
            memory.map(e.getValue()[0], e.getValue()[1] - e.getValue()[0], permissions.apply(e.getKey()));
        }
        for (PlacedSection s : sections) {
            if (s.data() != null && s.data().length > 0) {
                memory.writeBytes(s.address(), s.data(), 0, s.data().length);
            }
        }
    }

    /** Lowest and highest (exclusive) address of the image. */
    public long start() {
        return sections.stream().mapToLong(PlacedSection::address).min().orElse(0);
    }

    public long end() {
        return sections.stream().mapToLong(PlacedSection::end).max().orElse(0);
    }
}
