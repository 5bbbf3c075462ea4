package org.kernelsim.cpu.memory;

/**
 * Why a translation failed, as the MMU would report it: the faulting virtual address, the kind
 * of fault (translation = nothing mapped, permission = mapped but not allowed), and whether the
 * access was a write or an instruction fetch. The CPU turns this into an abort with the
 * architectural ESR (DFSC/IFSC level 3, WnR) and FAR.
 */
public record Fault(long address, Kind kind, Access access) {

    public enum Kind { TRANSLATION, PERMISSION }

    public enum Access { READ, WRITE, FETCH }

    /** The level-3 fault status code: translation 0b000111, permission 0b001111. */
    public int statusCode() {
        return kind == Kind.TRANSLATION ? 0b000111 : 0b001111;
    }
}
