package org.kernelsim.cpu.asm;

/** The CRm option of DSB/DMB: domain and access types. */
public enum Barrier {
    OSHLD(1), OSHST(2), OSH(3), NSHLD(5), NSHST(6), NSH(7), ISHLD(9), ISHST(10), ISH(11), LD(13), ST(14), SY(15);

    private final int crm;

    Barrier(int crm) {
        this.crm = crm;
    }

    public int crm() {
        return crm;
    }
}
