package org.kernelsim.cpu.decode;

/**
 * One pre-decoded instruction, as the interpreter executes it: an {@link Op} id and fields
 * already resolved (register numbers mapped, immediates sign-extended and scaled). Immutable;
 * created when an instruction-cache line is filled, never on the execution path.
 *
 * <p>Register fields index the CPU's register file: 0..30 = X0..X30, {@link #ZR} = 31 reads as
 * zero, {@link #SP} = 32 the current stack pointer, {@link #SINK} = 33 a write-only slot that
 * absorbs writes to XZR. The decoder picks SP or ZR for encoding 31 by form, so execution never
 * tests for register 31.
 */
public final class Insn {

    public static final int ZR = 31;
    public static final int SP = 32;
    public static final int SINK = 33;

    /** BTI landing-pad bits: bit n set = a branch with BTYPE n may land here. */
    public static final int PAD_NONE = 0;
    /** PACIASP/PACIBSP: BTYPE 1 and 2 always; 3 only when SCTLR_ELx.BT is 0. */
    public static final int PAD_PAC = 1 << 4;

    public final int word;
    public final int op;
    /** The form (table row) index, for disassembly and statistics. */
    public final int form;
    public final boolean sf;
    public final int rd, rn, rm, ra;
    public final int cond;
    public final int shift;
    public final int amount;
    /** Access size in bytes for loads/stores, or a small auxiliary value. */
    public final int size;
    /** Load extension: 0 zero-extend, 1 sign-extend to 64, 2 sign-extend to 32. */
    public final int ext;
    public final long imm;
    public final long imm2;
    public final int landingPads;
    /** Execution probe id, or -1. */
    public final int probe;

    Insn(Builder b) {
        this.word = b.word;
        this.op = b.op;
        this.form = b.form;
        this.sf = b.sf;
        this.rd = b.rd;
        this.rn = b.rn;
        this.rm = b.rm;
        this.ra = b.ra;
        this.cond = b.cond;
        this.shift = b.shift;
        this.amount = b.amount;
        this.size = b.size;
        this.ext = b.ext;
        this.imm = b.imm;
        this.imm2 = b.imm2;
        this.landingPads = b.landingPads;
        this.probe = b.probe;
    }

    /** The same instruction counted by execution probe {@code id} (-1 for none). */
    public Insn withProbe(int id) {
        if (id == probe) {
            return this;
        }
        Builder b = toBuilder();
        b.probe = id;
        return new Insn(b);
    }

    Builder toBuilder() {
        Builder b = new Builder(word, form);
        b.op = op;
        b.sf = sf;
        b.rd = rd;
        b.rn = rn;
        b.rm = rm;
        b.ra = ra;
        b.cond = cond;
        b.shift = shift;
        b.amount = amount;
        b.size = size;
        b.ext = ext;
        b.imm = imm;
        b.imm2 = imm2;
        b.landingPads = landingPads;
        b.probe = probe;
        return b;
    }

    /** True for words that execute as UNDEFINED (unallocated encodings, UDF, forms the model does not execute). */
    public boolean isUndefined() {
        return op == Op.UNDEFINED || op == Op.UDF || op == Op.UNIMPLEMENTED;
    }

    @Override
    public String toString() {
        return String.format("Insn[%08x %s]", word, form >= 0 ? DecodeTable.forms().get(form).name() : "undefined");
    }

    /** Mutable assembly of an {@link Insn} during decoding. */
    public static final class Builder {
        final int word;
        final int form;
        int op;
        boolean sf = true;
        int rd = Insn.SINK, rn = Insn.ZR, rm = Insn.ZR, ra = Insn.ZR;
        int cond, shift, amount, size, ext;
        long imm, imm2;
        int landingPads;
        int probe = -1;

        Builder(int word, int form) {
            this.word = word;
            this.form = form;
        }

        Insn build() {
            return new Insn(this);
        }
    }
}
