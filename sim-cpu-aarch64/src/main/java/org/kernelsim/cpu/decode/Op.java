package org.kernelsim.cpu.decode;

/**
 * Operation ids of pre-decoded instructions: small dense ints so that the interpreter's
 * dispatch is a {@code tableswitch}. One id per execution behaviour (forms that execute the
 * same way, e.g. all LDR/STR immediate-offset sizes, share an id and differ in fields).
 */
public final class Op {
    private Op() {
    }

    public static final int UNDEFINED = 0;
    public static final int UDF = 1;
    // branches
    public static final int B = 2, BL = 3, B_COND = 4, CBZ = 5, CBNZ = 6, TBZ = 7, TBNZ = 8, BR = 9, BLR = 10, RET = 11, ERET = 12;
    // exception generation
    public static final int SVC = 13, HVC = 14, SMC = 15, BRK = 16, HLT = 17;
    // system
    public static final int HINT = 18, DSB = 19, DMB = 20, ISB = 21, MSR_DAIFSET = 22, MSR_DAIFCLR = 23,
            IC_IALLUIS = 24, IC_IALLU = 25, IC_IVAU = 26, DC_CVAC = 27, DC_CVAU = 28, DC_CIVAC = 29, MRS = 30, MSR = 31;
    // data processing, immediate
    public static final int ADR = 32, ADRP = 33, ADD_IMM = 34, ADDS_IMM = 35, SUB_IMM = 36, SUBS_IMM = 37,
            AND_IMM = 38, ORR_IMM = 39, EOR_IMM = 40, ANDS_IMM = 41, MOVN = 42, MOVZ = 43, MOVK = 44,
            SBFM = 45, BFM = 46, UBFM = 47, EXTR = 48;
    // data processing, register
    public static final int AND = 49, BIC = 50, ORR = 51, ORN = 52, EOR = 53, EON = 54, ANDS = 55, BICS = 56,
            ADD = 57, ADDS = 58, SUB = 59, SUBS = 60, ADD_EXT = 61, ADDS_EXT = 62, SUB_EXT = 63, SUBS_EXT = 64,
            CCMN_REG = 65, CCMP_REG = 66, CCMN_IMM = 67, CCMP_IMM = 68, CSEL = 69, CSINC = 70, CSINV = 71, CSNEG = 72,
            MADD = 73, MSUB = 74, SMADDL = 75, SMSUBL = 76, UMADDL = 77, UMSUBL = 78, SMULH = 79, UMULH = 80,
            UDIV = 81, SDIV = 82, LSLV = 83, LSRV = 84, ASRV = 85, RORV = 86,
            RBIT = 87, REV16 = 88, REV32 = 89, REV = 90, CLZ = 91, CLS = 92;
    // loads and stores
    public static final int LDR_LIT = 93, LOAD_IMM = 94, LOAD_PRE = 95, LOAD_POST = 96, LOAD_REG = 97,
            STORE_IMM = 98, STORE_PRE = 99, STORE_POST = 100, STORE_REG = 101,
            LDP = 102, LDP_PRE = 103, LDP_POST = 104, STP = 105, STP_PRE = 106, STP_POST = 107;

    public static final int ADC = 108, ADCS = 109, SBC = 110, SBCS = 111;
    /** A system instruction with no effect in the model (TLBI, DC by set/way, MSR SPSel/PAN): NOP at EL1, UNDEFINED at EL0. */
    public static final int SYS_NOP = 112;
    /**
     * Decoded and disassembled, but not executed by the model (exclusives, LSE atomics, CAS,
     * LDTR/STTR, CRC32, DC ZVA): raises the Undefined Instruction exception.
     */
    public static final int UNIMPLEMENTED = 113;

    /** Exclusives (LDXR/LDAXR, STXR/STLXR; pairs below), CAS, LSE atomics (LDADD.., SWP), LDTR/STTR, CRC32. */
    public static final int LDXR = 114, STXR = 115, CAS = 116, ATOMIC = 117, LOAD_UNPRIV = 118, STORE_UNPRIV = 119, CRC32 = 120;

    /** Exclusive pairs (LDXP/LDAXP, STXP/STLXP), W or X registers: {@code size} is one register's bytes. */
    public static final int LDXP = 121, STXP = 122;

    public static final int COUNT = 123;
}
