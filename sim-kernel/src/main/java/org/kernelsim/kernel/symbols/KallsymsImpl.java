package org.kernelsim.kernel.symbols;

import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.api.symbols.KernelSymbol;
import org.kernelsim.api.types.FunctionType;

/**
 * kallsyms plus what the kernel's linker knows: exported symbols ({@code __ksymtab}) and function
 * prototypes (what the compiler knew, for {@code static_call_update}'s type check).
 */
public final class KallsymsImpl implements Kallsyms {

    @Inject
    public KallsymsImpl() {
    }


    private final TreeMap<Long, KernelSymbol> byAddress = new TreeMap<>(Long::compareUnsigned);
    private final Map<String, KernelSymbol> byName = new HashMap<>();
    private final Map<String, KernelSymbol> exports = new HashMap<>();
    private final Map<String, FunctionType> prototypes = new HashMap<>();

    public void add(KernelSymbol s, FunctionType prototype) {
        if (s.name().startsWith(".L")) {
            return;
        }
        byName.putIfAbsent(s.name(), s);
        KernelSymbol prev = byAddress.get(s.address());
        // Prefer a sized function over a zero-size alias at the same address.
        if (prev == null || prev.size() == 0 && s.size() > 0) {
            byAddress.put(s.address(), s);
        }
        if (prototype != null) {
            prototypes.putIfAbsent(s.name(), prototype);
        }
    }

    public void export(String name) {
        KernelSymbol s = byName.get(name);
        if (s == null) {
            throw new IllegalStateException("EXPORT_SYMBOL of undefined symbol " + name);
        }
        if (exports.putIfAbsent(name, s) != null && !exports.get(name).equals(s)) {
            throw new IllegalStateException("exported twice: " + name);
        }
    }

    public Optional<KernelSymbol> exported(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    public Optional<FunctionType> prototype(String name) {
        return Optional.ofNullable(prototypes.get(name));
    }

    /** Drops everything a module contributed. */
    public void removeModule(String module) {
        byAddress.values().removeIf(s -> s.module().equals(module));
        byName.values().removeIf(s -> s.module().equals(module));
        exports.values().removeIf(s -> s.module().equals(module));
        prototypes.keySet().removeIf(n -> !byName.containsKey(n));
    }

    public int size() {
        return byName.size();
    }

    @Override
    public long addressOf(String name) {
        KernelSymbol s = byName.get(name);
        if (s == null) {
            throw new NoSuchElementException("no symbol " + name);
        }
        return s.address();
    }

    @Override
    public Optional<KernelSymbol> lookup(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public Optional<KernelSymbol> symbolAt(long addr) {
        var e = byAddress.floorEntry(addr);
        if (e == null) {
            return Optional.empty();
        }
        KernelSymbol s = e.getValue();
        return s.contains(addr) ? Optional.of(s) : Optional.empty();
    }

    @Override
    public String format(long addr) {
        return symbolAt(addr).map(s -> String.format("%s+0x%x/0x%x%s", s.name(), addr - s.address(), s.size(),
                s.module().equals("vmlinux") ? "" : " [" + s.module() + "]")).orElse(String.format("0x%016x", addr));
    }
}
