package org.kernelsim.api.symbols;

import static java.util.Objects.requireNonNull;

/** One kallsyms entry: a function or object, where it is, how big, and which module ("vmlinux" for the image). */
public record KernelSymbol(String name, long address, long size, String module, boolean function) {

    public KernelSymbol {
        requireNonNull(name, "name");
        requireNonNull(module, "module");
    }

    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr, address + Math.max(size, 1)) < 0;
    }
}
