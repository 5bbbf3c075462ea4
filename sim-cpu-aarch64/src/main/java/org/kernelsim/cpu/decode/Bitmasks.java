package org.kernelsim.cpu.decode;

/**
 * The Arm ARM's {@code DecodeBitMasks} (logical immediates and bitfield moves) and
 * {@code MoveWidePreferred}. Used at decode time only.
 */
public final class Bitmasks {
    private Bitmasks() {
    }

    /**
     * Returns {wmask, tmask} for a datasize of 32 or 64 bits, or null when the encoding is
     * reserved ({@code immediate} = logical-immediate rules, which also reject all-ones).
     */
    public static long[] decode(int immN, int imms, int immr, boolean immediate, int datasize) {
        int combined = immN << 6 | (~imms & 0x3f);
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return null;
        }
        int levels = (1 << len) - 1;
        if (immediate && (imms & levels) == levels) {
            return null;
        }
        int s = imms & levels;
        int r = immr & levels;
        int diff = (s - r) & 0x3f;
        int esize = 1 << len;
        if (esize > datasize) {
            return null;
        }
        int d = diff & (esize - 1);
        long welem = ones(s + 1);
        long telem = ones(d + 1);
        long wmask = replicate(ror(welem, r, esize), esize, datasize);
        long tmask = replicate(telem, esize, datasize);
        return new long[] {wmask, tmask};
    }

    /** The logical-immediate value, or null if reserved. */
    public static Long logicalImmediate(int immN, int imms, int immr, boolean sf) {
        if (!sf && immN != 0) {
            return null;
        }
        long[] m = decode(immN, imms, immr, true, sf ? 64 : 32);
        return m == null ? null : m[0];
    }

    static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    static long ror(long v, int r, int esize) {
        if (r == 0) {
            return v;
        }
        long m = ones(esize);
        return ((v >>> r) | (v << (esize - r))) & m;
    }

    static long replicate(long elem, int esize, int datasize) {
        long out = 0;
        for (int i = 0; i < datasize; i += esize) {
            out |= elem << i;
        }
        return datasize == 64 ? out : out & 0xffffffffL;
    }

    /** Whether MOVZ/MOVN would print this ORR-immediate value (so objdump shows orr, not mov). */
    public static boolean moveWidePreferred(boolean sf, int immN, int imms, int immr) {
        int s = imms, r = immr;
        int width = sf ? 64 : 32;
        if (sf && immN != 1) {
            return false;
        }
        if (!sf && !(immN == 0 && (imms & 0x20) == 0)) {
            return false;
        }
        if (s < 16) {
            return Math.floorMod(-r, 16) <= 15 - s;
        }
        if (s >= width - 15) {
            return r % 16 <= s - (width - 15);
        }
        return false;
    }

    /** The Arm ARM's BFXPreferred: whether UBFM/SBFM print as UBFX/SBFX. */
    public static boolean bfxPreferred(boolean sf, boolean unsigned, int imms, int immr) {
        if (imms < immr) {
            return false;
        }
        if (imms == (sf ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (!sf && (imms == 7 || imms == 15)) {
                return false;
            }
            if (sf && !unsigned && (imms == 7 || imms == 15 || imms == 31)) {
                return false;
            }
        }
        return true;
    }
}
