package org.kernelsim.api.symbols;

import java.util.Optional;

/** kallsyms: symbol ↔ address, for the image and every loaded module. */
public interface Kallsyms {

    /** The symbol's address; throws {@link java.util.NoSuchElementException} naming it when unknown. */
    long addressOf(String name);

    Optional<KernelSymbol> lookup(String name);

    /** The symbol containing {@code addr}, if any. */
    Optional<KernelSymbol> symbolAt(long addr);

    /**
     * {@code %pS}: {@code sym+0xoff/0xlen}, plus {@code " [module]"} for module symbols; the bare
     * hex address ({@code 0x...}) when nothing contains it.
     */
    String format(long addr);
}
