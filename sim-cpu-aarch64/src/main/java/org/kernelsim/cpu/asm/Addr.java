package org.kernelsim.cpu.asm;

import static java.util.Objects.requireNonNull;

/** A load/store addressing mode. */
public sealed interface Addr {

    Reg base();

    /** [base, #offset]: scaled unsigned imm12 when possible, else LDUR/STUR (imm9). */
    record Offset(Reg base, long offset) implements Addr {
        public Offset {
            requireNonNull(base, "base");
        }
    }

    /** [base, #offset]! */
    record PreIndex(Reg base, long offset) implements Addr {
        public PreIndex {
            requireNonNull(base, "base");
        }
    }

    /** [base], #offset */
    record PostIndex(Reg base, long offset) implements Addr {
        public PostIndex {
            requireNonNull(base, "base");
        }
    }

    /** [base, index{, extend {#log2(size)}}] */
    record Indexed(Reg base, Reg index, Extend extend, boolean shifted) implements Addr {
        public Indexed {
            requireNonNull(base, "base");
            requireNonNull(index, "index");
            requireNonNull(extend, "extend");
        }
    }

    /** [base, #:lo12:symbol] (a relocation). */
    record Low12(Reg base, Lo12 ref) implements Addr {
        public Low12 {
            requireNonNull(base, "base");
            requireNonNull(ref, "ref");
        }
    }

    static Addr at(Reg base) {
        return new Offset(base, 0);
    }

    static Addr at(Reg base, long offset) {
        return new Offset(base, offset);
    }

    static Addr pre(Reg base, long offset) {
        return new PreIndex(base, offset);
    }

    static Addr post(Reg base, long offset) {
        return new PostIndex(base, offset);
    }

    /** [base, index] for an X index, LSL #0. */
    static Addr index(Reg base, Reg index) {
        return new Indexed(base, index, index.is64() ? Extend.UXTX : Extend.UXTW, false);
    }

    static Addr index(Reg base, Reg index, Extend extend, boolean shifted) {
        return new Indexed(base, index, extend, shifted);
    }
}
