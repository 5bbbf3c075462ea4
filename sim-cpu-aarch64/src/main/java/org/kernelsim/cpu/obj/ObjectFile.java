package org.kernelsim.cpu.obj;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A relocatable object, the ELF-like unit the assembler produces and the kernel's linker and
 * module loader consume: named sections, a symbol table and RELA relocations.
 */
public record ObjectFile(String name, List<Section> sections, List<Symbol> symbols, List<Relocation> relocations) {

    public ObjectFile {
        requireNonNull(name, "name");
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
        relocations = List.copyOf(relocations);
    }

    public Optional<Section> section(String sectionName) {
        return sections.stream().filter(s -> s.name().equals(sectionName)).findFirst();
    }

    public Optional<Symbol> symbol(String symbolName) {
        return symbols.stream().filter(s -> s.name().equals(symbolName)).findFirst();
    }
}
