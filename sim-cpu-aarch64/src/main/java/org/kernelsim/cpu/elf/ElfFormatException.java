package org.kernelsim.cpu.elf;

/** The file is not a loadable static AArch64 ELF64 executable; the message says why. */
public final class ElfFormatException extends RuntimeException {
    public ElfFormatException(String message) {
        super(message);
    }
}
