package org.kernelsim.cpu.obj;

import static java.util.Objects.requireNonNull;

import org.kernelsim.cpu.memory.Memory;

/**
 * The arithmetic of every {@link RelocationType}: given the current contents of the place
 * (an instruction word, or the data being overwritten), S, A and P, compute the patched contents
 * or report an overflow. This is the single implementation shared by the assembler (for
 * references it resolves itself), the static linker, and the kernel's module loader.
 *
 * <p>The math and the overflow checks follow Linux {@code apply_relocate_add}
 * (arch/arm64/kernel/module.c): val = S + A; ABS uses val, PREL uses val - P, PAGE uses
 * (val &amp; ~0xfff) - (P &amp; ~0xfff). An instruction immediate of {@code len} bits at {@code lsb}
 * overflows when the value shifted right by {@code lsb} does not fit {@code len} signed bits;
 * the "_NC" types never overflow. Data: ABS32 must be in [0, 2^32), PREL32 in [-2^31, 2^31),
 * ABS64/PREL64 are not checked. One deliberate addition: branch and literal targets, and the
 * low bits dropped by LDST32/LDST64, must be aligned, since the kernel would silently drop them
 * (and a misaligned target is always a toolchain or simulator bug).
 */
public final class RelocationPatcher {

    private RelocationPatcher() {
    }

    /** The outcome of one relocation. */
    public sealed interface Result {
        /** The new contents of the place, {@link #width(RelocationType)} bytes (instruction words in the low 32 bits). */
        record Patched(long value) implements Result {
        }

        /**
         * The value does not fit; {@code value} is what would have been encoded (before shifting),
         * {@code reason} a short explanation ("does not fit 26 signed bits after >> 2").
         */
        record Overflow(RelocationType type, long value, String reason) implements Result {
            public Overflow {
                requireNonNull(type, "type");
                requireNonNull(reason, "reason");
            }

            /** The kernel's wording, with the module name filled in. */
            public String kernelMessage(String module) {
                return "module " + module + ": overflow in relocation type " + type.elfNumber() + " val " + Long.toHexString(value);
            }
        }
    }

    /** Bytes the relocation writes at P: 8 for ABS64/PREL64, otherwise 4. */
    public static int width(RelocationType type) {
        return type == RelocationType.ABS64 || type == RelocationType.PREL64 ? 8 : 4;
    }

    /** Whether the type patches an instruction (as opposed to data). */
    public static boolean isInstruction(RelocationType type) {
        return switch (type) {
            case ABS64, ABS32, PREL64, PREL32 -> false;
            default -> true;
        };
    }

    /**
     * Applies {@code type} at P. {@code original} is the current contents of the place
     * (instruction words in the low 32 bits; ignored for data relocations).
     */
    public static Result apply(RelocationType type, long original, long s, long a, long p) {
        requireNonNull(type, "type");
        long val = s + a;
        int insn = (int) original;
        switch (type) {
            case ABS64:
                return new Result.Patched(val);
            case PREL64:
                return new Result.Patched(val - p);
            case ABS32:
                if (val < 0 || val > 0xffffffffL) {
                    return new Result.Overflow(type, val, "does not fit 32 unsigned bits");
                }
                return new Result.Patched(val & 0xffffffffL);
            case PREL32: {
                long d = val - p;
                if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                    return new Result.Overflow(type, d, "does not fit 32 signed bits");
                }
                return new Result.Patched(d & 0xffffffffL);
            }
            case JUMP26:
            case CALL26:
                return branch(type, insn, val - p, 26, 0, 0x03ffffff);
            case CONDBR19:
            case LD_PREL_LO19:
                return branch(type, insn, val - p, 19, 5, 0x7ffff << 5);
            case TSTBR14:
                return branch(type, insn, val - p, 14, 5, 0x3fff << 5);
            case ADR_PREL_LO21: {
                long d = val - p;
                if (!fitsSigned(d, 21)) {
                    return new Result.Overflow(type, d, "does not fit 21 signed bits");
                }
                return new Result.Patched(adrImm(insn, d));
            }
            case ADR_PREL_PG_HI21:
            case ADR_PREL_PG_HI21_NC: {
                long d = (val & ~0xfffL) - (p & ~0xfffL);
                long pages = d >> 12;
                if (type == RelocationType.ADR_PREL_PG_HI21 && !fitsSigned(pages, 21)) {
                    return new Result.Overflow(type, d, "does not fit 21 signed bits after >> 12");
                }
                return new Result.Patched(adrImm(insn, pages));
            }
            case ADD_ABS_LO12_NC:
                return new Result.Patched(imm12(insn, (int) (val & 0xfff)));
            case LDST32_ABS_LO12_NC:
                if ((val & 3) != 0) {
                    return new Result.Overflow(type, val, "misaligned for a 4-byte access (low 2 bits set)");
                }
                return new Result.Patched(imm12(insn, (int) (val & 0xfff) >> 2));
            case LDST64_ABS_LO12_NC:
                if ((val & 7) != 0) {
                    return new Result.Overflow(type, val, "misaligned for an 8-byte access (low 3 bits set)");
                }
                return new Result.Patched(imm12(insn, (int) (val & 0xfff) >> 3));
            default:
                throw new IllegalArgumentException("unsupported relocation type " + type);
        }
    }

    /**
     * Reads the place from memory (host access), applies the relocation and writes the result
     * back. Returns the result; on overflow memory is left unchanged.
     */
    public static Result applyTo(Memory memory, RelocationType type, long place, long s, long a) {
        int w = width(type);
        long original = w == 8 ? memory.read64(place) : memory.read32(place) & 0xffffffffL;
        Result r = apply(type, original, s, a, place);
        if (r instanceof Result.Patched patched) {
            if (w == 8) {
                memory.write64(place, patched.value());
            } else {
                memory.write32(place, (int) patched.value());
            }
        }
        return r;
    }

    private static Result branch(RelocationType type, int insn, long d, int bits, int shift, int mask) {
        if ((d & 3) != 0) {
            return new Result.Overflow(type, d, "misaligned target (low 2 bits set)");
        }
        long imm = d >> 2;
        if (!fitsSigned(imm, bits)) {
            return new Result.Overflow(type, d, "does not fit " + bits + " signed bits after >> 2");
        }
        return new Result.Patched(((insn & ~mask) | (((int) imm << shift) & mask)) & 0xffffffffL);
    }

    private static long adrImm(int insn, long imm21) {
        int v = (int) imm21 & 0x1fffff;
        int cleared = insn & ~(3 << 29 | 0x7ffff << 5);
        return (cleared | (v & 3) << 29 | (v >> 2) << 5) & 0xffffffffL;
    }

    private static long imm12(int insn, int imm12) {
        return ((insn & ~(0xfff << 10)) | imm12 << 10) & 0xffffffffL;
    }

    static boolean fitsSigned(long v, int bits) {
        long min = -(1L << (bits - 1));
        return v >= min && v < -min;
    }
}
