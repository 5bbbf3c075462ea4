package org.kernelsim.kernel.link;

import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.obj.RelocationPatcher;
import org.kernelsim.cpu.obj.RelocationPatcher.Result;
import org.kernelsim.cpu.obj.RelocationType;

/**
 * The kernel's {@code apply_relocate_add} (arch/arm64/kernel/module.c) on top of the shared
 * relocation arithmetic in {@link RelocationPatcher}: what the kernel adds is the module-PLT
 * fallback (an out-of-range CALL26/JUMP26 is redirected through a veneer, {@code module_emit_plt_entry})
 * and its error, which reports {@code val} = S + A as the kernel prints it.
 */
public final class Relocator {

    private Relocator() {
    }

    /**
     * Patches the place {@code p} in memory; throws {@link RelocationOverflow} (the kernel's
     * {@code -ERANGE}) when the value does not fit even through a PLT veneer ({@code plts} null:
     * no veneers, e.g. vmlinux).
     */
    public static void apply(Memory mem, RelocationType type, long p, long s, long a, PltTable plts) {
        Result r = RelocationPatcher.applyTo(mem, type, p, s, a);
        if (r instanceof Result.Overflow && plts != null
                && (type == RelocationType.CALL26 || type == RelocationType.JUMP26)) {
            r = RelocationPatcher.applyTo(mem, type, p, plts.entryFor(s + a), 0);
        }
        if (r instanceof Result.Overflow) {
            throw new RelocationOverflow(type, s + a);
        }
    }
}
