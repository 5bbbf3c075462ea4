package org.kernelsim.cpu.obj;

/** The AArch64 ELF relocation types kernelsim's assembler emits and its module loader applies (ELF for the Arm 64-bit Architecture numbers). */
public enum RelocationType {
    ABS64(257),
    ABS32(258),
    PREL64(260),
    PREL32(261),
    LD_PREL_LO19(273),
    ADR_PREL_LO21(274),
    ADR_PREL_PG_HI21(275),
    ADR_PREL_PG_HI21_NC(276),
    ADD_ABS_LO12_NC(277),
    TSTBR14(279),
    CONDBR19(280),
    JUMP26(282),
    CALL26(283),
    LDST32_ABS_LO12_NC(285),
    LDST64_ABS_LO12_NC(286);

    private final int elfNumber;

    RelocationType(int elfNumber) {
        this.elfNumber = elfNumber;
    }

    /** R_AARCH64_* number, as the kernel prints it in "overflow in relocation type %d". */
    public int elfNumber() {
        return elfNumber;
    }
}
