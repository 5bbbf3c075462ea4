package org.kernelsim.cpu.asm;

/**
 * The IC/DC maintenance operations (SYS aliases) the kernel uses, with their op1/CRn/CRm/op2.
 * {@link #takesAddress()} says whether the operation names a VA in Xt (the "all" forms use XZR).
 */
public enum CacheOp {
    IC_IALLUIS(0, 7, 1, 0, false),
    IC_IALLU(0, 7, 5, 0, false),
    IC_IVAU(3, 7, 5, 1, true),
    DC_IVAC(0, 7, 6, 1, true),
    DC_ISW(0, 7, 6, 2, true),
    DC_CSW(0, 7, 10, 2, true),
    DC_CISW(0, 7, 14, 2, true),
    DC_ZVA(3, 7, 4, 1, true),
    DC_CVAC(3, 7, 10, 1, true),
    DC_CVAU(3, 7, 11, 1, true),
    DC_CVAP(3, 7, 12, 1, true),
    DC_CIVAC(3, 7, 14, 1, true);

    private final int op1, crn, crm, op2;
    private final boolean takesAddress;

    CacheOp(int op1, int crn, int crm, int op2, boolean takesAddress) {
        this.op1 = op1;
        this.crn = crn;
        this.crm = crm;
        this.op2 = op2;
        this.takesAddress = takesAddress;
    }

    public boolean takesAddress() {
        return takesAddress;
    }

    /** The SYS word with Rt = 0. */
    public int baseWord() {
        return 0xd5080000 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5;
    }
}
