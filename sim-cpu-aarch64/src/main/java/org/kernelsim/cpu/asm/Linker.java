package org.kernelsim.cpu.asm;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.kernelsim.cpu.asm.LinkedImage.LinkedSymbol;
import org.kernelsim.cpu.asm.LinkedImage.PlacedSection;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationPatcher;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

/**
 * A static linker for {@link ObjectFile}s (the kernel image, test programs): lays sections out by
 * kind (TEXT, RODATA, DATA, BSS; within a kind, same-named sections together in first-seen order,
 * each at its alignment), resolves symbols (an object's own symbols first, then globals of all
 * objects, then the external resolver), and applies every relocation with
 * {@link RelocationPatcher}, so overflow behaves exactly as in the module loader.
 *
 * <p>Without an explicit base for a kind, it starts on the page after the previous kind ends,
 * so each kind can be mapped with its own permissions.
 */
public final class Linker {

    /** Where the image goes: {@code base} for TEXT, optional explicit bases per kind. */
    public record Layout(long base, Map<Section.Kind, Long> kindBases) {
        public Layout {
            kindBases = Map.copyOf(kindBases);
        }

        public static Layout at(long base) {
            return new Layout(base, Map.of());
        }

        public Layout withKindBase(Section.Kind kind, long address) {
            Map<Section.Kind, Long> m = new EnumMap<>(Section.Kind.class);
            m.putAll(kindBases);
            m.put(kind, address);
            return new Layout(base, m);
        }
    }

    /** Resolves symbols no object defines (e.g. the kernel's exported services). */
    @FunctionalInterface
    public interface SymbolResolver {
        OptionalLong resolve(String name);

        SymbolResolver NONE = name -> OptionalLong.empty();
    }

    private Linker() {
    }

    public static LinkedImage link(List<ObjectFile> objects, Layout layout) {
        return link(objects, layout, SymbolResolver.NONE);
    }

    public static LinkedImage link(List<ObjectFile> objects, Layout layout, SymbolResolver externals) {
        requireNonNull(objects, "objects");
        requireNonNull(layout, "layout");
        requireNonNull(externals, "externals");

        // 1. Layout: group sections by kind, then by name in first-seen order.
        Map<Section.Kind, Map<String, List<Object[]>>> groups = new EnumMap<>(Section.Kind.class);
        for (ObjectFile o : objects) {
            for (Section s : o.sections()) {
                groups.computeIfAbsent(s.kind(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(s.name(), n -> new ArrayList<>()).add(new Object[] {o, s});
            }
        }
        // Identity maps: Section is a record over a byte[], so two empty BSS sections would be "equal".
        Map<Section, Long> addressOf = new IdentityHashMap<>();
        List<PlacedSection> placed = new ArrayList<>();
        Map<Section, byte[]> images = new IdentityHashMap<>();
        long cursor = layout.base();
        for (Section.Kind kind : Section.Kind.values()) {
            var byName = groups.get(kind);
            if (byName == null) {
                continue;
            }
            Long explicit = layout.kindBases().get(kind);
            cursor = explicit != null ? explicit : (cursor + 0xfff) & ~0xfffL;
            for (var list : byName.values()) {
                for (Object[] os : list) {
                    ObjectFile o = (ObjectFile) os[0];
                    Section s = (Section) os[1];
                    cursor = (cursor + s.alignment() - 1) & -(long) s.alignment();
                    addressOf.put(s, cursor);
                    byte[] img = s.data() == null ? null : s.data().clone();
                    images.put(s, img);
                    placed.add(new PlacedSection(o.name(), s.name(), kind, cursor, s.size(), img));
                    cursor += s.size();
                }
            }
        }

        // 2. Symbols.
        Map<String, LinkedSymbol> globals = new LinkedHashMap<>();
        List<LinkedSymbol> all = new ArrayList<>();
        List<Map<String, Long>> locals = new ArrayList<>();
        for (ObjectFile o : objects) {
            Map<String, Long> mine = new HashMap<>();
            for (Symbol sym : o.symbols()) {
                if (!sym.isDefined()) {
                    continue;
                }
                Section sec = o.section(sym.section()).orElseThrow(() -> new IllegalArgumentException(
                        o.name() + ": symbol " + sym.name() + " in unknown section " + sym.section()));
                long addr = addressOf.get(sec) + sym.value();
                LinkedSymbol ls = new LinkedSymbol(sym.name(), o.name(), sym.section(), addr, sym.size(), sym.binding(),
                        sym.type(), sym.kcfiTypeId());
                all.add(ls);
                mine.put(sym.name(), addr);
                if (sym.binding() == Symbol.Binding.GLOBAL) {
                    LinkedSymbol prev = globals.putIfAbsent(sym.name(), ls);
                    if (prev != null) {
                        throw new IllegalArgumentException("duplicate global symbol " + sym.name() + " in " + prev.object()
                                + " and " + o.name());
                    }
                }
            }
            locals.add(mine);
        }

        // 3. Relocations.
        for (int i = 0; i < objects.size(); i++) {
            ObjectFile o = objects.get(i);
            Map<String, Long> mine = locals.get(i);
            for (Relocation r : o.relocations()) {
                Section sec = o.section(r.section()).orElseThrow(() -> new IllegalArgumentException(
                        o.name() + ": relocation in unknown section " + r.section()));
                byte[] img = images.get(sec);
                if (img == null) {
                    throw new IllegalArgumentException(o.name() + ": relocation in NOBITS section " + r.section());
                }
                long s = resolve(r.symbol(), mine, globals, externals, o, r);
                long p = addressOf.get(sec) + r.offset();
                int width = RelocationPatcher.width(r.type());
                long original = width == 8 ? getLong(img, (int) r.offset()) : getInt(img, (int) r.offset()) & 0xffffffffL;
                var result = RelocationPatcher.apply(r.type(), original, s, r.addend(), p);
                if (result instanceof RelocationPatcher.Result.Overflow ov) {
                    throw new IllegalArgumentException("relocation " + r.type() + " (" + r.type().elfNumber() + ") against "
                            + r.symbol() + (r.addend() != 0 ? A64.hex(r.addend()).replaceFirst("^0x", "+0x") : "")
                            + " out of range at " + o.name() + ":" + place(o, r) + ": " + ov.reason()
                            + " (value " + A64.hex(ov.value()) + ")");
                }
                long v = ((RelocationPatcher.Result.Patched) result).value();
                if (width == 8) {
                    putLong(img, (int) r.offset(), v);
                } else {
                    putInt(img, (int) r.offset(), (int) v);
                }
            }
        }
        return new LinkedImage(placed, all, globals);
    }

    private static long resolve(String name, Map<String, Long> mine, Map<String, LinkedSymbol> globals,
                                SymbolResolver externals, ObjectFile o, Relocation r) {
        Long local = mine.get(name);
        if (local != null) {
            return local;
        }
        LinkedSymbol g = globals.get(name);
        if (g != null) {
            return g.address();
        }
        OptionalLong ext = externals.resolve(name);
        if (ext.isPresent()) {
            return ext.getAsLong();
        }
        throw new IllegalArgumentException("undefined symbol " + name + " referenced from " + o.name() + ":" + place(o, r));
    }

    /** "section+0x10 (func+0x4)" for messages. */
    private static String place(ObjectFile o, Relocation r) {
        Symbol best = null;
        for (Symbol s : o.symbols()) {
            if (r.section().equals(s.section()) && s.value() <= r.offset() && !s.name().equals(s.section())
                    && (best == null || s.value() > best.value())) {
                best = s;
            }
        }
        String where = r.section() + "+0x" + Long.toHexString(r.offset());
        return best == null ? where : where + " (" + best.name() + "+0x" + Long.toHexString(r.offset() - best.value()) + ")";
    }

    static int getInt(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    static long getLong(byte[] b, int o) {
        return (getInt(b, o) & 0xffffffffL) | (long) getInt(b, o + 4) << 32;
    }

    static void putInt(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
        b[o + 2] = (byte) (v >> 16);
        b[o + 3] = (byte) (v >> 24);
    }

    static void putLong(byte[] b, int o, long v) {
        putInt(b, o, (int) v);
        putInt(b, o + 4, (int) (v >>> 32));
    }
}
