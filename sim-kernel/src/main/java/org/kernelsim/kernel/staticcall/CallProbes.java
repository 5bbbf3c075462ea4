package org.kernelsim.kernel.staticcall;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kernelsim.cpu.cache.ExecutionProbes;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;
import org.kernelsim.kernel.link.BuiltObject;
import org.kernelsim.kernel.link.Linker;

/**
 * Measured, not inferred: how often each {@code static_call()} site and each kCFI check really
 * executed. Sites are marked when they are emitted (a local label in front of the backend's
 * sequence, so the probe sits on the sequence's first instruction whatever the backend emits:
 * {@code adrp} for generic, {@code bl __SCT__} for the trampoline backends); kCFI checks are
 * found in linked text as the {@code ldur w, [xN, #-4]} that sits 20 bytes before a
 * {@code brk #0x8xxx} (LLVM's check sequence, wherever it was emitted: backends' sites, the
 * tracepoint iterator, any indirect call). Both become the CPUs' execution probes; when a module
 * goes, its probes' counts are kept and the probes removed, so the memory can be reused.
 */
public final class CallProbes {

    /** {@code ldur w?, [x?, #-4]}: LDUR (32-bit) with imm9 = -4, any registers. */
    private static final int LDUR_MINUS4_MASK = 0xfffffc00;
    private static final int LDUR_MINUS4 = 0xb85fc000;
    /** The distance from the check's LDUR to its BRK: ldur, movk, movk, cmp, b.eq, brk. */
    private static final int LDUR_TO_BRK = 20;

    private record Mark(String label, String key) {
    }

    private record Probed(long va, String key) {
    }

    private final Optional<ExecutionProbes> probes;
    private final Memory memory;
    /** Call sites emitted but not yet linked, by object unit name. */
    private final Map<String, List<Mark>> pending = new HashMap<>();
    private final Map<String, List<Probed>> sitesByOwner = new HashMap<>();
    private final Map<String, List<Long>> checksByOwner = new HashMap<>();
    private final Map<String, Long> retiredCalls = new TreeMap<>();
    private long retiredChecks;

    public CallProbes(Optional<ExecutionProbes> probes, Memory memory) {
        this.probes = requireNonNull(probes, "probes");
        this.memory = requireNonNull(memory, "memory");
    }

    /** Whether the hardware counts (false with fake platforms: every count stays 0). */
    public boolean measuring() {
        return probes.isPresent();
    }

    /** A call site of {@code key} starts at local label {@code label} of object unit {@code unit}. */
    void siteEmitted(String unit, String label, String key) {
        pending.computeIfAbsent(unit, u -> new ArrayList<>()).add(new Mark(label, key));
    }

    /** The object's build or load failed: its marks go. */
    void forget(String unit) {
        pending.remove(unit);
    }

    /** After {@code obj} is relocated into memory for {@code owner}: probes its sites and its kCFI checks. */
    void linked(String owner, BuiltObject obj, Linker.Plan plan) {
        String unit = obj.object().name();
        List<Mark> marks = pending.remove(unit);
        Map<String, Long> sectionBase = plan.sections().get(unit);
        if (probes.isEmpty() || sectionBase == null) {
            return;
        }
        ExecutionProbes p = probes.get();
        if (marks != null && !marks.isEmpty()) {
            Map<String, Symbol> labels = new HashMap<>();
            for (Symbol s : obj.object().symbols()) {
                if (s.isDefined()) {
                    labels.put(s.name(), s);
                }
            }
            List<Probed> sites = sitesByOwner.computeIfAbsent(owner, o -> new ArrayList<>());
            for (Mark m : marks) {
                Symbol s = labels.get(m.label());
                long va = sectionBase.get(s.section()) + s.value();
                p.register(va);
                sites.add(new Probed(va, m.key()));
            }
        }
        List<Long> checks = checksByOwner.computeIfAbsent(owner, o -> new ArrayList<>());
        for (Section sec : obj.object().sections()) {
            Long base = sectionBase.get(sec.name());
            if (sec.kind() != Section.Kind.TEXT || base == null) {
                continue;
            }
            for (long off = LDUR_TO_BRK; off + 4 <= sec.size(); off += 4) {
                int w = memory.read32(base + off);
                boolean kcfiBrk = (w & 0xffe0001f) == 0xd4200000 && ((w >>> 5) & 0xf000) == 0x8000;
                if (kcfiBrk && (memory.read32(base + off - LDUR_TO_BRK) & LDUR_MINUS4_MASK) == LDUR_MINUS4) {
                    long va = base + off - LDUR_TO_BRK;
                    p.register(va);
                    checks.add(va);
                }
            }
        }
    }

    /** Module GOING: its counts are kept, its probes removed (the text is about to be freed). */
    void gone(String owner) {
        if (probes.isEmpty()) {
            return;
        }
        ExecutionProbes p = probes.get();
        for (Probed s : sitesByOwner.getOrDefault(owner, List.of())) {
            retiredCalls.merge(s.key(), p.countAt(s.va()), Long::sum);
            p.unregister(s.va());
        }
        for (long va : checksByOwner.getOrDefault(owner, List.of())) {
            retiredChecks += p.countAt(va);
            p.unregister(va);
        }
        sitesByOwner.remove(owner);
        checksByOwner.remove(owner);
    }

    /** Executions of {@code static_call(key)} sites so far, per key (keys of unloaded modules included), sorted by name. */
    public Map<String, Long> callsByKey() {
        Map<String, Long> calls = new TreeMap<>(retiredCalls);
        probes.ifPresent(p -> sitesByOwner.values().forEach(list -> list.forEach(
                s -> calls.merge(s.key(), p.countAt(s.va()), Long::sum))));
        return calls;
    }

    /** Executions of kCFI check sequences so far. */
    public long cfiChecks() {
        long n = retiredChecks;
        if (probes.isPresent()) {
            for (List<Long> list : checksByOwner.values()) {
                for (long va : list) {
                    n += probes.get().countAt(va);
                }
            }
        }
        return n;
    }

    /** Static-call sites currently probed (vmlinux and loaded modules). */
    public int probedSites() {
        return sitesByOwner.values().stream().mapToInt(List::size).sum();
    }
}
