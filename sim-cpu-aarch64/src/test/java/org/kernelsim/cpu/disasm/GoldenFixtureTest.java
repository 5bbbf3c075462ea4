package org.kernelsim.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.decode.Decoder;
import org.kernelsim.cpu.decode.Form;
import org.kernelsim.cpu.decode.Insn;

/** golden/insns.tsv and golden/undefined.tsv (binutils 2.40 objdump): decode, disassemble, re-encode. */
class GoldenFixtureTest {

    static final Disassembler OBJDUMP = new Disassembler(a -> a == 0 ? "start" : "start+0x" + Long.toHexString(a));

    static List<String[]> rows(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(GoldenFixtureTest.class.getResourceAsStream("/golden/" + name), name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
        }
        return rows;
    }

    /** The fixture's normalisation: first TAB → one space, trailing comment removed, trailing blanks stripped. */
    static String normalise(String text) {
        String t = text.replaceFirst("\t", " ");
        int c = t.indexOf("//");
        if (c >= 0) {
            t = t.substring(0, c);
        }
        return t.stripTrailing();
    }

    static String comment(String text) {
        int c = text.indexOf("// ");
        return c < 0 ? "" : text.substring(c + 3);
    }

    @Test
    void everyInstructionDisassemblesExactlyAndReencodes() throws IOException {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (String[] row : rows("insns.tsv")) {
            if (row[2].startsWith(".word")) {
                continue;
            }
            long pc = Long.parseLong(row[0], 16);
            int word = (int) Long.parseLong(row[1], 16);
            String text = OBJDUMP.disassemble(word, pc);
            checked++;
            if (!normalise(text).equals(row[2])) {
                bad.add(row[1] + " expected [" + row[2] + "] got [" + normalise(text) + "]  (" + row[3] + ")");
                continue;
            }
            if (!comment(text).equals(row[4])) {
                bad.add(row[1] + " comment expected [" + row[4] + "] got [" + comment(text) + "]");
            }
            Form f = Decoder.formOf(word);
            if (f == null) {
                bad.add(row[1] + " does not decode");
            } else if (Decoder.reencode(word) != word) {
                bad.add(row[1] + " re-encodes as " + Integer.toHexString(Decoder.reencode(word)));
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " of " + checked + " rows differ:\n" + String.join("\n", bad));
        assertTrue(checked > 1000);
    }

    @Test
    void everyUndefinedWordIsUndefined() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String[] row : rows("undefined.tsv")) {
            int word = (int) Long.parseLong(row[0], 16);
            Insn insn = Decoder.decode(word);
            if (!insn.isUndefined()) {
                bad.add(row[0] + " decodes as " + insn + " (" + row[2] + ")");
            }
            if (row[1].equals("unallocated")) {
                assertEquals(row[2], normalise(OBJDUMP.disassemble(word, 0)));
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }
}
