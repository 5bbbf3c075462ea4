package org.kernelsim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.kernelsim.cpu.obj.ObjectFile;

/**
 * Every row of golden/insns.tsv (GNU as 2.40 + objdump) is re-assembled through the fluent API
 * as one program, linked at address 0 (so ADRP relocations are applied by the Linker), and the
 * words compared. In-program PC-relative targets go through labels (and so through the
 * assembler's fixup resolution); targets outside the program use the same encoders with a raw
 * offset. Rows the test's small GNU-syntax driver does not translate are emitted raw and not
 * counted.
 */
class GoldenInsnsTest {

    record Row(long offset, int word, String objdump, String source, String target) {
    }

    static List<Row> rows() throws IOException {
        InputStream in = GoldenInsnsTest.class.getResourceAsStream("/golden/insns.tsv");
        assertNotNull(in, "golden/insns.tsv missing from test resources");
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                rows.add(new Row(Long.parseLong(c[0], 16), (int) Long.parseLong(c[1], 16), c[2], c[3], c.length > 5 ? c[5] : ""));
            }
        }
        return rows;
    }

    @Test
    void fluentApiReproducesEveryTranslatableGoldenWord() throws IOException {
        List<Row> rows = rows();
        long end = rows.get(rows.size() - 1).offset() + 4;
        Set<Long> labelTargets = new HashSet<>();
        for (Row row : rows) {
            if (!row.target().isEmpty()) {
                long t = Long.parseUnsignedLong(row.target(), 16);
                if (t >= 0 && t <= end && (t & 3) == 0) {
                    labelTargets.add(t);
                }
            }
        }
        Assembler a = new Assembler("insns.o").section(".text");
        a.global("start").label("start");
        GasDriver driver = new GasDriver(a);
        List<Row> covered = new ArrayList<>();
        Map<String, String> unsupported = new TreeMap<>();
        for (Row row : rows) {
            assertEquals(row.offset(), a.here(), "layout drifted before " + row.source());
            if (labelTargets.contains(row.offset())) {
                a.label("T_" + Long.toHexString(row.offset()));
            }
            if (row.objdump().startsWith(".word")) {
                a.word(row.word());
                continue;
            }
            GasDriver.Target target = null;
            if (!row.target().isEmpty()) {
                long t = Long.parseUnsignedLong(row.target(), 16);
                target = labelTargets.contains(t) ? new GasDriver.Target("T_" + Long.toHexString(t), 0)
                        : new GasDriver.Target(null, t - row.offset());
            }
            try {
                driver.emit(row.source(), target);
                covered.add(row);
            } catch (GasDriver.Unsupported e) {
                assertEquals(row.offset(), a.here(), "partial emission for " + row.source());
                unsupported.put(row.source(), e.getMessage());
                a.emit(row.word());
            }
            assertEquals(row.offset() + 4, a.here(), "not exactly one word for " + row.source());
        }
        if (labelTargets.contains(end)) {
            a.label("T_" + Long.toHexString(end));
        }
        ObjectFile o = a.finish();
        LinkedImage img = Linker.link(List.of(o), Linker.Layout.at(0));
        byte[] text = img.sections().get(0).data();
        List<String> mismatches = new ArrayList<>();
        for (Row row : covered) {
            int got = Linker.getInt(text, (int) row.offset());
            if (got != row.word()) {
                mismatches.add(String.format("%x: %s: golden %08x, assembler %08x", row.offset(), row.source(), row.word(), got));
            }
        }
        assertEquals(List.of(), mismatches);
        System.out.printf("golden insns: %d rows checked through the fluent API, %d not translated: %s%n",
                covered.size(), unsupported.size(), unsupported.keySet());
        assertTrue(covered.size() >= 300, "only " + covered.size() + " rows covered");
    }
}
