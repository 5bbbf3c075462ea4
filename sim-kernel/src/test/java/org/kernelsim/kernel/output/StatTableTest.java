package org.kernelsim.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kernelsim.kernel.run.BackendReport;
import org.kernelsim.kernel.run.BackendReport.ModuleReport;
import org.kernelsim.kernel.run.BackendReport.ViolationReport;

/** The notes under the comparison table: what is listed one per line and what is summarised. */
class StatTableTest {

    private static BackendReport report(List<ModuleReport> modules, List<ViolationReport> violations) {
        return report(modules, violations, BackendReport.Hazards.NONE);
    }

    private static BackendReport report(List<ModuleReport> modules, List<ViolationReport> violations,
            BackendReport.Hazards hazards) {
        return new BackendReport("ool-branch", new BackendReport.Counters(1000, 1500, 100, 10, 5, 0, 1), Optional.empty(),
                List.of(), modules, List.of(), List.of(), List.of(), Optional.empty(),
                new BackendReport.Patching(1, 0, 1, 0), violations, hazards, Map.of());
    }

    private static String print(BackendReport r) {
        StringWriter s = new StringWriter();
        StatTable.print(new PrintWriter(s, true), "test", List.of(r));
        return s.toString();
    }

    @Test
    void aFewModulesGetALineEach() {
        String out = print(report(List.of(new ModuleReport("kvm", "far", 2, 1, 1)), List.of()));
        assertTrue(out.contains("\n  module kvm: far, 2 PLTs, loaded 1, unloaded 1\n"), out);
    }

    @Test
    void manyModulesGetOneSummaryLine() {
        List<ModuleReport> modules = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> modules.add(new ModuleReport("m" + i, i < 10 ? "far" : "near", i < 10 ? 1 : 0, 1, 1)));
        String out = print(report(modules, List.of()));
        assertTrue(out.contains("\n  modules: 100 (90 near, 10 far), 10 PLTs, loaded 100, unloaded 100 (each in the JSON report)\n"),
                out);
        assertFalse(out.contains("module m0:"), out);
    }

    @Test
    void violationsBeyondThreeAreCounted() {
        List<ViolationReport> v = IntStream.range(0, 5).mapToObj(i -> new ViolationReport("stale-fetch", "d" + i)).toList();
        String out = print(report(List.of(), v));
        assertTrue(out.contains("  stale-fetch: d2\n  ... 2 more violations\n"), out);
        assertEquals(-1, out.indexOf("stale-fetch: d3"), out);
    }

    @Test
    void aRepeatedViolationIsOneLineWithItsCount() {
        String out = print(report(List.of(), List.of(new ViolationReport("stale-fetch", "d", 10_000))));
        assertTrue(out.matches("(?s).*\n  violations +1\n.*"), out);
        assertTrue(out.contains("\n  stale-fetch: d (10,000 times)\n"), out);
    }

    @Test
    void staleFetchesInTheSyncWindowAreARowNotAViolation() {
        String out = print(report(List.of(), List.of(), new BackendReport.Hazards(6_114, 2)));
        assertTrue(out.matches("(?s).*\n  violations +0\n  stale fetches in sync window +6,114\n.*"), out);
        assertFalse(out.contains("stale-fetch"), out);
    }
}
