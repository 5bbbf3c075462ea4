package org.kernelsim.kernel.link;

import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.obj.RelocationType;

/**
 * {@code apply_relocate_add} (arch/arm64/kernel/module.c): P = place, val = S + A; ABS uses val,
 * PREL val - P, PAGE (val & ~0xfff) - (P & ~0xfff); each field is range-checked like
 * {@code reloc_insn_imm}, and an out-of-range CALL26/JUMP26 is redirected through a PLT veneer.
 */
public final class Relocator {

    private Relocator() {
    }

    public static void apply(Memory mem, RelocationType type, long p, long s, long a, PltTable plts) {
        long val = s + a;
        switch (type) {
            case ABS64 -> mem.write64(p, val);
            case PREL64 -> mem.write64(p, val - p);
            case ABS32 -> {
                if (val < Integer.MIN_VALUE || val > 0xffffffffL) {
                    throw new RelocationOverflow(type, val);
                }
                mem.write32(p, (int) val);
            }
            case PREL32 -> {
                long v = val - p;
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new RelocationOverflow(type, val);
                }
                mem.write32(p, (int) v);
            }
            case CALL26, JUMP26 -> {
                long off = val - p;
                if (off < -(1L << 27) || off >= 1L << 27) {
                    if (plts == null) {
                        throw new RelocationOverflow(type, val);
                    }
                    off = plts.entryFor(val) - p;
                    if (off < -(1L << 27) || off >= 1L << 27) {
                        throw new RelocationOverflow(type, val);
                    }
                }
                insn(mem, p, 0x3ffffff, 0, off >> 2);
            }
            case ADR_PREL_PG_HI21, ADR_PREL_PG_HI21_NC -> {
                long pages = ((val & ~0xfffL) - (p & ~0xfffL)) >> 12;
                if (type == RelocationType.ADR_PREL_PG_HI21 && (pages < -(1L << 20) || pages >= 1L << 20)) {
                    throw new RelocationOverflow(type, val);
                }
                adrImm(mem, p, pages);
            }
            case ADR_PREL_LO21 -> {
                long off = val - p;
                if (off < -(1L << 20) || off >= 1L << 20) {
                    throw new RelocationOverflow(type, val);
                }
                adrImm(mem, p, off);
            }
            case ADD_ABS_LO12_NC -> insn(mem, p, 0xfff, 10, val & 0xfff);
            case LDST32_ABS_LO12_NC -> insn(mem, p, 0xfff, 10, (val & 0xfff) >> 2);
            case LDST64_ABS_LO12_NC -> insn(mem, p, 0xfff, 10, (val & 0xfff) >> 3);
            case LD_PREL_LO19, CONDBR19 -> {
                long off = val - p;
                if (off < -(1L << 20) || off >= 1L << 20) {
                    throw new RelocationOverflow(type, val);
                }
                insn(mem, p, 0x7ffff, 5, off >> 2);
            }
            case TSTBR14 -> {
                long off = val - p;
                if (off < -(1L << 15) || off >= 1L << 15) {
                    throw new RelocationOverflow(type, val);
                }
                insn(mem, p, 0x3fff, 5, off >> 2);
            }
        }
    }

    private static void insn(Memory mem, long p, int mask, int shift, long imm) {
        int w = mem.read32(p);
        w = (w & ~(mask << shift)) | ((int) imm & mask) << shift;
        mem.write32(p, w);
    }

    private static void adrImm(Memory mem, long p, long imm) {
        int w = mem.read32(p);
        int immlo = (int) (imm & 3);
        int immhi = (int) ((imm >> 2) & 0x7ffff);
        w = (w & ~(3 << 29 | 0x7ffff << 5)) | immlo << 29 | immhi << 5;
        mem.write32(p, w);
    }
}
