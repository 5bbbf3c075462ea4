package org.kernelsim.kernel.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.plugin.ParameterInfo;

/** Plain aligned columns for listings (no borders, so the output greps and diffs well). */
final class Table {

    private Table() {
    }

    static void print(PrintWriter out, List<String[]> rows) {
        print(out, rows, "");
    }

    static void print(PrintWriter out, List<String[]> rows, String indent) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                sb.append(row[i]);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** NAME TYPE DEFAULT DESCRIPTION, indented under a plugin's heading. */
    static void parameters(PrintWriter out, List<ParameterInfo> params) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "TYPE", "DEFAULT", "DESCRIPTION"});
        for (ParameterInfo p : params) {
            rows.add(new String[] {p.name(), p.type(), p.defaultValue().orElse("(required)"), p.description()});
        }
        print(out, rows, "  ");
    }
}
