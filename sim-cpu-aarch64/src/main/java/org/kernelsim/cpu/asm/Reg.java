package org.kernelsim.cpu.asm;

/**
 * An A64 general-purpose register operand: number 0..31, width (X = 64-bit, W = 32-bit) and,
 * for number 31, whether it names the stack pointer or the zero register. Register 31 means SP
 * or ZR depending on the instruction, which is the classic source of silent mis-encodings; so
 * the two are distinct values here and every encoder checks which one it was given (a clear
 * {@link IllegalArgumentException} instead of a wrong word).
 */
public final class Reg {

    public static final Reg X0 = new Reg(0, true, false);
    public static final Reg X1 = new Reg(1, true, false);
    public static final Reg X2 = new Reg(2, true, false);
    public static final Reg X3 = new Reg(3, true, false);
    public static final Reg X4 = new Reg(4, true, false);
    public static final Reg X5 = new Reg(5, true, false);
    public static final Reg X6 = new Reg(6, true, false);
    public static final Reg X7 = new Reg(7, true, false);
    public static final Reg X8 = new Reg(8, true, false);
    public static final Reg X9 = new Reg(9, true, false);
    public static final Reg X10 = new Reg(10, true, false);
    public static final Reg X11 = new Reg(11, true, false);
    public static final Reg X12 = new Reg(12, true, false);
    public static final Reg X13 = new Reg(13, true, false);
    public static final Reg X14 = new Reg(14, true, false);
    public static final Reg X15 = new Reg(15, true, false);
    public static final Reg X16 = new Reg(16, true, false);
    public static final Reg X17 = new Reg(17, true, false);
    public static final Reg X18 = new Reg(18, true, false);
    public static final Reg X19 = new Reg(19, true, false);
    public static final Reg X20 = new Reg(20, true, false);
    public static final Reg X21 = new Reg(21, true, false);
    public static final Reg X22 = new Reg(22, true, false);
    public static final Reg X23 = new Reg(23, true, false);
    public static final Reg X24 = new Reg(24, true, false);
    public static final Reg X25 = new Reg(25, true, false);
    public static final Reg X26 = new Reg(26, true, false);
    public static final Reg X27 = new Reg(27, true, false);
    public static final Reg X28 = new Reg(28, true, false);
    public static final Reg X29 = new Reg(29, true, false);
    public static final Reg X30 = new Reg(30, true, false);
    public static final Reg XZR = new Reg(31, true, false);
    public static final Reg SP = new Reg(31, true, true);
    /** Frame pointer and link register, by their ABI names. */
    public static final Reg FP = X29;
    public static final Reg LR = X30;

    public static final Reg W0 = new Reg(0, false, false);
    public static final Reg W1 = new Reg(1, false, false);
    public static final Reg W2 = new Reg(2, false, false);
    public static final Reg W3 = new Reg(3, false, false);
    public static final Reg W4 = new Reg(4, false, false);
    public static final Reg W5 = new Reg(5, false, false);
    public static final Reg W6 = new Reg(6, false, false);
    public static final Reg W7 = new Reg(7, false, false);
    public static final Reg W8 = new Reg(8, false, false);
    public static final Reg W9 = new Reg(9, false, false);
    public static final Reg W10 = new Reg(10, false, false);
    public static final Reg W11 = new Reg(11, false, false);
    public static final Reg W12 = new Reg(12, false, false);
    public static final Reg W13 = new Reg(13, false, false);
    public static final Reg W14 = new Reg(14, false, false);
    public static final Reg W15 = new Reg(15, false, false);
    public static final Reg W16 = new Reg(16, false, false);
    public static final Reg W17 = new Reg(17, false, false);
    public static final Reg W18 = new Reg(18, false, false);
    public static final Reg W19 = new Reg(19, false, false);
    public static final Reg W20 = new Reg(20, false, false);
    public static final Reg W21 = new Reg(21, false, false);
    public static final Reg W22 = new Reg(22, false, false);
    public static final Reg W23 = new Reg(23, false, false);
    public static final Reg W24 = new Reg(24, false, false);
    public static final Reg W25 = new Reg(25, false, false);
    public static final Reg W26 = new Reg(26, false, false);
    public static final Reg W27 = new Reg(27, false, false);
    public static final Reg W28 = new Reg(28, false, false);
    public static final Reg W29 = new Reg(29, false, false);
    public static final Reg W30 = new Reg(30, false, false);
    public static final Reg WZR = new Reg(31, false, false);
    public static final Reg WSP = new Reg(31, false, true);

    private static final Reg[] XS = {X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15, X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30, XZR};
    private static final Reg[] WS = {W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15, W16, W17, W18, W19, W20, W21, W22, W23, W24, W25, W26, W27, W28, W29, W30, WZR};

    private final int number;
    private final boolean x;
    private final boolean sp;

    private Reg(int number, boolean x, boolean sp) {
        this.number = number;
        this.x = x;
        this.sp = sp;
    }

    /** Xn for n in 0..30, XZR for 31 (use {@link #SP} for the stack pointer). */
    public static Reg X(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("no such register: x" + n);
        }
        return XS[n];
    }

    /** Wn for n in 0..30, WZR for 31. */
    public static Reg W(int n) {
        if (n < 0 || n > 31) {
            throw new IllegalArgumentException("no such register: w" + n);
        }
        return WS[n];
    }

    /** The register number as encoded (31 for both SP and ZR). */
    public int number() {
        return number;
    }

    public boolean is64() {
        return x;
    }

    public boolean isSp() {
        return sp;
    }

    public boolean isZr() {
        return number == 31 && !sp;
    }

    /** The 64-bit view of the same register. */
    public Reg asX() {
        return sp ? SP : XS[number];
    }

    /** The 32-bit view of the same register. */
    public Reg asW() {
        return sp ? WSP : WS[number];
    }

    /** sf bit of data-processing encodings. */
    int sf() {
        return x ? 1 : 0;
    }

    @Override
    public String toString() {
        if (number == 31) {
            return sp ? (x ? "sp" : "wsp") : (x ? "xzr" : "wzr");
        }
        return (x ? "x" : "w") + number;
    }
}
