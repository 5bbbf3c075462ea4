package org.kernelsim.kernel.link;

import static org.kernelsim.kernel.layout.Layout.alignUp;
import static org.kernelsim.kernel.layout.Layout.pageAlignUp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

/**
 * Places objects' sections in three page-aligned groups, as vmlinux.lds.S and the module loader
 * do: text (RX, guarded with BTI; {@code .text}, {@code .static_call.text}, other text,
 * {@code .init.text}, then the PLT area), read-only data, then data and bss (RW).
 */
public final class Linker {

    private Linker() {
    }

    /** Where everything goes. {@code sections} maps object name → section name → address. */
    public record Plan(long base, long textSize, long roStart, long roSize, long rwStart, long rwSize,
                       Map<String, Map<String, Long>> sections, long pltBase, int pltCapacity) {

        public long end() {
            return rwStart + rwSize;
        }

        public long size() {
            return end() - base;
        }
    }

    private static int textRank(String name) {
        return switch (name) {
            case Sections.TEXT -> 0;
            case Sections.STATIC_CALL_TEXT -> 1;
            case Sections.INIT_TEXT -> 3;
            default -> 2;
        };
    }

    /** Lays out {@code objects} from {@code base}; the text group is at least {@code minTextSize}, plus room for {@code pltEntries} veneers. */
    public static Plan plan(List<BuiltObject> objects, long base, long minTextSize, int pltEntries) {
        Map<String, Map<String, Long>> addrs = new LinkedHashMap<>();
        objects.forEach(o -> addrs.put(o.object().name(), new LinkedHashMap<>()));
        record Item(BuiltObject obj, Section sec) {
        }
        List<Item> text = new ArrayList<>();
        List<Item> ro = new ArrayList<>();
        List<Item> rw = new ArrayList<>();
        List<Item> bss = new ArrayList<>();
        for (BuiltObject o : objects) {
            for (Section s : o.object().sections()) {
                switch (s.kind()) {
                    case TEXT -> text.add(new Item(o, s));
                    case RODATA -> ro.add(new Item(o, s));
                    case DATA -> rw.add(new Item(o, s));
                    case BSS -> bss.add(new Item(o, s));
                }
            }
        }
        text.sort(Comparator.comparingInt(i -> textRank(i.sec().name())));
        long at = base;
        for (Item i : text) {
            at = alignUp(at, Math.max(4, i.sec().alignment()));
            addrs.get(i.obj().object().name()).put(i.sec().name(), at);
            at += i.sec().size();
        }
        long pltBase = alignUp(at, 16);
        at = pltBase + (pltEntries > 0 ? PltTable.reserve(pltEntries) : 0);
        long textSize = pageAlignUp(Math.max(at - base, minTextSize));
        long roStart = base + textSize;
        at = roStart;
        for (Item i : ro) {
            at = alignUp(at, i.sec().alignment());
            addrs.get(i.obj().object().name()).put(i.sec().name(), at);
            at += i.sec().size();
        }
        long roSize = pageAlignUp(at - roStart);
        long rwStart = roStart + roSize;
        at = rwStart;
        rw.addAll(bss);
        for (Item i : rw) {
            at = alignUp(at, i.sec().alignment());
            addrs.get(i.obj().object().name()).put(i.sec().name(), at);
            at += i.sec().size();
        }
        long rwSize = pageAlignUp(at - rwStart);
        return new Plan(base, textSize, roStart, roSize, rwStart, rwSize, addrs, pltBase, pltEntries > 0 ? pltEntries + 1 : 0);
    }

    /** Maps the plan's pages and copies section contents (host writes: permissions do not apply). */
    public static void mapAndCopy(Memory mem, Plan plan, List<BuiltObject> objects, boolean bti) {
        if (plan.textSize() > 0) {
            mem.map(plan.base(), plan.textSize(), bti ? Permissions.RX_GUARDED : Permissions.RX);
        }
        if (plan.roSize() > 0) {
            mem.map(plan.roStart(), plan.roSize(), Permissions.RO);
        }
        if (plan.rwSize() > 0) {
            mem.map(plan.rwStart(), plan.rwSize(), Permissions.RW);
        }
        for (BuiltObject o : objects) {
            for (Section s : o.object().sections()) {
                if (s.data() != null && s.data().length > 0) {
                    mem.writeBytes(plan.sections().get(o.object().name()).get(s.name()), s.data(), 0, s.data().length);
                }
            }
        }
    }

    public static void unmap(Memory mem, Plan plan) {
        mem.unmap(plan.base(), plan.size());
    }

    /** Address of a symbol defined in {@code obj}, or null. */
    public static Long definedAddress(Plan plan, BuiltObject obj, String name) {
        return obj.object().symbol(name).filter(Symbol::isDefined)
                .map(s -> plan.sections().get(obj.object().name()).get(s.section()) + s.value()).orElse(null);
    }

    /** {@code count_plts}: distinct CALL26/JUMP26 targets outside the object. */
    public static int countPlts(BuiltObject obj) {
        Set<String> targets = new HashSet<>();
        for (Relocation r : obj.object().relocations()) {
            if ((r.type() == RelocationType.CALL26 || r.type() == RelocationType.JUMP26)
                    && obj.object().symbol(r.symbol()).map(s -> !s.isDefined()).orElse(true)) {
                targets.add(r.symbol() + "+" + r.addend());
            }
        }
        return targets.size();
    }
}
