package org.kernelsim.cpu.asm;

/** A64 condition codes, in encoding order (HS = CS, LO = CC). */
public enum Cond {
    EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV;

    public static final Cond CS = HS;
    public static final Cond CC = LO;

    public int code() {
        return ordinal();
    }

    /** The opposite condition (EQ <-> NE, ...), as the cset/cinc aliases need. AL/NV have none. */
    public Cond invert() {
        if (this == AL || this == NV) {
            throw new IllegalArgumentException("condition " + this + " has no inverse");
        }
        return values()[ordinal() ^ 1];
    }

    public static Cond of(int code) {
        return values()[code & 15];
    }
}
