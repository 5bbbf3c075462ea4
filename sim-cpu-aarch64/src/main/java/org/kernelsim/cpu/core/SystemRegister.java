package org.kernelsim.cpu.core;

/**
 * The system registers the simulator models, with their MRS/MSR encodings
 * (op0:op1:CRn:CRm:op2 packed as in bits [20:5] of the instruction).
 */
public enum SystemRegister {
    NZCV(3, 3, 4, 2, 0),
    DAIF(3, 3, 4, 2, 1),
    CURRENT_EL(3, 0, 4, 2, 2),
    SPSR_EL1(3, 0, 4, 0, 0),
    ELR_EL1(3, 0, 4, 0, 1),
    SP_EL0(3, 0, 4, 1, 0),
    ESR_EL1(3, 0, 5, 2, 0),
    FAR_EL1(3, 0, 6, 0, 0),
    VBAR_EL1(3, 0, 12, 0, 0),
    SCTLR_EL1(3, 0, 1, 0, 0),
    TPIDR_EL1(3, 0, 13, 0, 4),
    TPIDR_EL0(3, 3, 13, 0, 2),
    CTR_EL0(3, 3, 0, 0, 1),
    MPIDR_EL1(3, 0, 0, 0, 5);

    private final int op0, op1, crn, crm, op2;

    SystemRegister(int op0, int op1, int crn, int crm, int op2) {
        this.op0 = op0;
        this.op1 = op1;
        this.crn = crn;
        this.crm = crm;
        this.op2 = op2;
    }

    /** o0:op1:CRn:CRm:op2 as bits [19:5] of MRS/MSR (o0 = op0 - 2) shifted down by 5. */
    public int encoding() {
        return (op0 - 2) << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    public static SystemRegister fromEncoding(int enc) {
        for (SystemRegister r : values()) {
            if (r.encoding() == enc) {
                return r;
            }
        }
        return null;
    }
}
