package org.kernelsim.kernel.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.kernelsim.kernel.run.BackendReport;

/**
 * The {@code perf stat}-like table: one column per backend run (one column for a single run),
 * counters right-aligned, cycles labelled as modelled. Deterministic text: no host timings.
 */
public final class StatTable {

    private StatTable() {
    }

    private record Row(String label, Function<BackendReport, String> value) {
    }

    /** Up to this many modules get a line each in the notes; more get one summary line. */
    private static final int MODULE_LINES = 8;

    private static final List<Row> ROWS = List.of(
            new Row("instructions", r -> num(r.counters().instructions())),
            new Row("cycles (modelled)", r -> num(r.counters().cycles())),
            new Row("branches", r -> num(r.counters().branches())),
            new Row("indirect branches", r -> num(r.counters().indirectBranches())),
            new Row("static calls", r -> num(r.counters().staticCalls())),
            new Row("cfi checks", r -> num(r.counters().cfiChecks())),
            new Row("exceptions", r -> num(r.counters().exceptions())),
            new Row("insns per call", r -> r.perCall().map(p -> dec(p.instructions())).orElse("-")),
            new Row("cycles per call (modelled)", r -> r.perCall().map(p -> dec(p.cycles())).orElse("-")),
            new Row("samples", r -> r.metrics().containsKey("samples") ? num(r.metrics().get("samples")) : "-"),
            new Row("CFI failures", r -> num(r.cfiFailures().size())),
            new Row("oopses", r -> num(r.oopses().size())),
            new Row("warnings", r -> num(r.warnings().size())),
            new Row("panic", r -> r.panic().isPresent() ? "yes" : "no"),
            new Row("patches nosync", r -> num(r.patching().nosync())),
            new Row("patches stop_machine", r -> num(r.patching().stopMachine())),
            new Row("literal writes", r -> num(r.patching().literalWrites())),
            new Row("stop_machine stall cycles", r -> num(r.patching().stallCycles())),
            new Row("violations", r -> num(r.violations().size())),
            new Row("stale fetches in sync window", r -> num(r.hazards().staleWindowFetches())));

    /** Prints the counters of {@code runs} side by side, then each run's kernel reports. */
    public static void print(PrintWriter out, String title, List<BackendReport> runs) {
        out.println();
        out.println(" Performance counter stats for '" + title + "':");
        out.println();
        List<String[]> table = new ArrayList<>();
        String[] head = new String[runs.size() + 1];
        head[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).backend();
        }
        table.add(head);
        for (Row row : ROWS) {
            String[] line = new String[runs.size() + 1];
            line[0] = row.label();
            for (int i = 0; i < runs.size(); i++) {
                line[i + 1] = row.value().apply(runs.get(i));
            }
            table.add(line);
        }
        int[] width = new int[head.length];
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (String[] line : table) {
            StringBuilder sb = new StringBuilder("  ");
            sb.append(line[0]).append(" ".repeat(width[0] - line[0].length()));
            for (int i = 1; i < line.length; i++) {
                sb.append("  ").append(" ".repeat(width[i] - line[i].length())).append(line[i]);
            }
            out.println(sb.toString().stripTrailing());
        }
        for (BackendReport r : runs) {
            List<String> notes = new ArrayList<>();
            r.cfiFailures().stream().limit(3).forEach(f -> notes.add("CFI failure at " + f.at() + " (target: " + f.target()
                    + "; expected type: " + f.expectedType() + ")"));
            if (r.cfiFailures().size() > 3) {
                notes.add("... " + (r.cfiFailures().size() - 3) + " more CFI failures");
            }
            r.oopses().stream().limit(3).forEach(notes::add);
            r.panic().ifPresent(notes::add);
            r.warnings().stream().limit(3).forEach(notes::add);
            if (r.warnings().size() > 3) {
                notes.add("... " + (r.warnings().size() - 3) + " more warnings");
            }
            r.violations().stream().limit(3).forEach(v -> notes.add(v.kind() + ": " + v.detail()
                    + (v.count() > 1 ? " (" + num(v.count()) + " times)" : "")));
            if (r.violations().size() > 3) {
                notes.add("... " + (r.violations().size() - 3) + " more violations");
            }
            if (r.modules().size() <= MODULE_LINES) {
                r.modules().forEach(m -> notes.add(String.format("module %s: %s, %d PLTs, loaded %d, unloaded %d",
                        m.name(), m.placement(), m.plts(), m.loads(), m.unloads())));
            } else {
                // Scale runs load a hundred modules: one summary line, the JSON report has each one.
                long far = r.modules().stream().filter(m -> m.placement().equals("far")).count();
                notes.add(String.format("modules: %d (%d near, %d far), %d PLTs, loaded %d, unloaded %d (each in the JSON report)",
                        r.modules().size(), r.modules().size() - far, far,
                        r.modules().stream().mapToLong(m -> m.plts()).sum(),
                        r.modules().stream().mapToLong(m -> m.loads()).sum(),
                        r.modules().stream().mapToLong(m -> m.unloads()).sum()));
            }
            if (!notes.isEmpty()) {
                out.println();
                out.println(" " + r.backend() + ":");
                notes.forEach(n -> out.println("  " + n));
            }
        }
        out.println();
        out.flush();
    }

    static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String dec(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
