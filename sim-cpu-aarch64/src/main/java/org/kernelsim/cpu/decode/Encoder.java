package org.kernelsim.cpu.decode;

import java.util.Map;

/**
 * Table-driven encoding: a form name and its field values → the instruction word. Field
 * letters are those of the form's pattern in {@link DecodeTable} (e.g. {@code B}: i = imm26;
 * {@code ADD_imm}: f, h, i, n, d). Tests and tools use it; the assembler has its own front end.
 */
public final class Encoder {
    private Encoder() {
    }

    public static int encode(String form, Map<Character, Long> fields) {
        Form f = DecodeTable.form(form);
        int word = f.encode(fields);
        if (!f.matches(word)) {
            throw new IllegalArgumentException(String.format("%s with %s gives 0x%08x, a reserved encoding", form, fields, word));
        }
        return word;
    }
}
