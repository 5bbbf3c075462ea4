package org.kernelsim.cpu.asm;

import static java.util.Objects.requireNonNull;

/**
 * {@code :lo12:symbol+addend}: the low 12 bits of an absolute address, as the ADD / LDR / STR
 * that follows an ADRP takes it. Always becomes a relocation (ADD_ABS_LO12_NC,
 * LDST32_ABS_LO12_NC or LDST64_ABS_LO12_NC), since the absolute address is the linker's.
 */
public record Lo12(String symbol, long addend) {
    public Lo12 {
        requireNonNull(symbol, "symbol");
    }
}
