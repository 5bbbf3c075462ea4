package org.kernelsim.cpu.asm;

/** The extend option of extended-register forms (bits [15:13]). */
public enum Extend {
    UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX;

    public int option() {
        return ordinal();
    }
}
