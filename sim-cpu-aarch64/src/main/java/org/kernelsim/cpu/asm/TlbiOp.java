package org.kernelsim.cpu.asm;

/** The TLBI operations the kernel uses (SYS #op1, C8, CRm, #op2); the VA/ASID forms take Xt. */
public enum TlbiOp {
    VMALLE1IS(0, 3, 0, false), VAE1IS(0, 3, 1, true), ASIDE1IS(0, 3, 2, true), VAAE1IS(0, 3, 3, true),
    VALE1IS(0, 3, 5, true), VAALE1IS(0, 3, 7, true),
    VMALLE1(0, 7, 0, false), VAE1(0, 7, 1, true), ASIDE1(0, 7, 2, true), VAAE1(0, 7, 3, true),
    VALE1(0, 7, 5, true), VAALE1(0, 7, 7, true);

    private final int op1, crm, op2;
    private final boolean takesRegister;

    TlbiOp(int op1, int crm, int op2, boolean takesRegister) {
        this.op1 = op1;
        this.crm = crm;
        this.op2 = op2;
        this.takesRegister = takesRegister;
    }

    public boolean takesRegister() {
        return takesRegister;
    }

    public int baseWord() {
        return 0xd5080000 | op1 << 16 | 8 << 12 | crm << 8 | op2 << 5;
    }
}
