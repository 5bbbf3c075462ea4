package org.kernelsim.cpu.asm;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The A64 "bitmask immediate" of logical instructions (AND/ORR/EOR/ANDS/TST immediate): a
 * rotated run of ones replicated over 2, 4, ..., 64-bit elements, encoded as N:immr:imms.
 * Encoding follows LLVM's {@code AArch64_AM::processLogicalImmediate}; decoding follows the Arm
 * ARM's DecodeBitMasks, so the two can be checked against each other.
 */
public final class BitmaskImmediate {

    private BitmaskImmediate() {
    }

    /**
     * N:immr:imms (13 bits: N at bit 12, immr at [11:6], imms at [5:0]) for {@code value} at the
     * given register width, or empty if the value is not a bitmask immediate (0, all ones, or not
     * a replicated rotated run). For 32-bit, only the low 32 bits of {@code value} count.
     */
    public static OptionalInt encode(long value, boolean is64) {
        long imm = value;
        if (!is64) {
            imm &= 0xffffffffL;
            if (value >>> 32 != 0 && value >> 32 != -1L) {
                return OptionalInt.empty();
            }
            imm |= imm << 32;
        }
        if (imm == 0 || imm == -1L) {
            return OptionalInt.empty();
        }
        // The smallest element size whose pattern repeats across the whole 64 bits.
        int size = 64;
        while (size > 2) {
            size >>= 1;
            long mask = (1L << size) - 1;
            if ((imm & mask) != ((imm >>> size) & mask)) {
                size <<= 1;
                break;
            }
        }
        long mask = size == 64 ? -1L : (1L << size) - 1;
        imm &= mask;
        int rotation;
        int ones;
        if (isShiftedMask(imm)) {
            rotation = Long.numberOfTrailingZeros(imm);
            ones = Long.numberOfTrailingZeros(~(imm >>> rotation));
        } else {
            imm |= ~mask;
            if (!isShiftedMask(~imm)) {
                return OptionalInt.empty();
            }
            int leadingOnes = Long.numberOfLeadingZeros(~imm);
            rotation = 64 - leadingOnes;
            ones = leadingOnes + Long.numberOfTrailingZeros(~imm) - (64 - size);
        }
        int immr = (size - rotation) & (size - 1);
        int nimms = ~(size - 1) << 1 | (ones - 1);
        int n = ((nimms >> 6) & 1) ^ 1;
        return OptionalInt.of(n << 12 | immr << 6 | (nimms & 0x3f));
    }

    /** The value of N:immr:imms at the width, or empty if the combination is reserved. */
    public static OptionalLong decode(int nImmrImms, boolean is64) {
        int n = (nImmrImms >> 12) & 1;
        int immr = (nImmrImms >> 6) & 0x3f;
        int imms = nImmrImms & 0x3f;
        if (!is64 && n == 1) {
            return OptionalLong.empty();
        }
        int len = 31 - Integer.numberOfLeadingZeros(n << 6 | (~imms & 0x3f));
        if (len < 1) {
            return OptionalLong.empty();
        }
        int esize = 1 << len;
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        if (s == levels) {
            return OptionalLong.empty();
        }
        long welem = (s + 1 == 64) ? -1L : (1L << (s + 1)) - 1;
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long rotated = r == 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & emask;
        long result = 0;
        for (int i = 0; i < 64; i += esize) {
            result |= rotated << i;
        }
        return OptionalLong.of(is64 ? result : result & 0xffffffffL);
    }

    private static boolean isShiftedMask(long v) {
        if (v == 0) {
            return false;
        }
        long filled = (v - 1) | v;
        return ((filled + 1) & filled) == 0;
    }
}
