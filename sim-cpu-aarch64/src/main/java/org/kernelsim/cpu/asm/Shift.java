package org.kernelsim.cpu.asm;

/** The shift applied to the second register of shifted-register forms (bits [23:22]). */
public enum Shift {
    LSL, LSR, ASR, ROR
}
