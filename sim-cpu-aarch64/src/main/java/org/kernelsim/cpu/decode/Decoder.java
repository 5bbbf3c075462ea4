package org.kernelsim.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Word → {@link Insn}, driven by {@link DecodeTable}. Rows are bucketed by the top-level op0
 * field (bits [28:25]) so a decode scans only the rows of its encoding group. Decoding happens
 * when an instruction-cache line is filled, not per executed instruction.
 */
public final class Decoder {

    private static final Form[][] BUCKETS = new Form[16][];

    static {
        for (int b = 0; b < 16; b++) {
            List<Form> in = new ArrayList<>();
            int group = b << 25;
            for (Form f : DecodeTable.forms()) {
                int m = f.mask() & (0xf << 25);
                if ((group & m) == (f.value() & m)) {
                    in.add(f);
                }
            }
            BUCKETS[b] = in.toArray(new Form[0]);
        }
    }

    private Decoder() {
    }

    /** The table row that decodes {@code word}, or null if the word is UNDEFINED. */
    public static Form formOf(int word) {
        for (Form f : BUCKETS[(word >>> 25) & 0xf]) {
            if (f.matches(word)) {
                return f;
            }
        }
        return null;
    }

    /** The pre-decoded instruction; an UNDEFINED word gives an {@link Op#UNDEFINED} instruction. */
    public static Insn decode(int word) {
        Form f = formOf(word);
        if (f == null) {
            Insn.Builder b = new Insn.Builder(word, -1);
            b.op = Op.UNDEFINED;
            return b.build();
        }
        return f.build(word);
    }

    /** Re-encodes a decoded word from its fields through the table (tests check it is the same word). */
    public static int reencode(int word) {
        Form f = formOf(word);
        if (f == null) {
            throw new IllegalArgumentException(String.format("0x%08x is UNDEFINED", word));
        }
        return f.encode(f.fields(word));
    }
}
