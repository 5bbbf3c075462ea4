package org.kernelsim.kernel.report;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.report.KernelReports;

/** The kernel log (dmesg) and the structured reports behind it. */
public final class ReportLog implements KernelReports {

    @Inject
    public ReportLog() {
    }


    private static final Logger LOG = LogManager.getLogger(ReportLog.class);

    private final List<KernelReport> reports = new ArrayList<>();
    private final List<String> dmesg = new ArrayList<>();
    /** Deduplication key of a counted violation -> its index in {@link #reports}. */
    private final Map<Object, Integer> counted = new HashMap<>();
    private final Map<StaleWindowFetch, Long> staleWindow = new LinkedHashMap<>();
    private final Set<Long> staleWindowSites = new HashSet<>();
    private long staleWindowFetches;
    private int oopsCount;

    public void printk(String line) {
        dmesg.add(line);
        LOG.debug("printk: {}", line);
    }

    public void report(KernelReport r) {
        reports.add(r);
        r.text().forEach(this::printk);
    }

    /**
     * Reports the violation {@code violation} makes the first time {@code key} is seen (printed
     * once, at its place in the log); later occurrences of {@code key} only count: the report's
     * {@link KernelReport.Violation#count()} goes up and nothing is printed.
     */
    public void reportCounted(Object key, Supplier<KernelReport.Violation> violation) {
        Integer at = counted.get(key);
        if (at != null) {
            KernelReport.Violation v = (KernelReport.Violation) reports.get(at);
            reports.set(at, v.withCount(v.count() + 1));
            return;
        }
        counted.put(key, reports.size());
        report(violation.get());
    }

    /** A stale fetch in the permitted window: CPU {@code cpu} executed {@code executedWord} at {@code va}, memory holding {@code memoryWord}. */
    public record StaleWindowFetch(int cpu, long va, int executedWord, int memoryWord) {
    }

    /**
     * A stale fetch inside the architecturally permitted window (the writer's maintenance is
     * complete, the CPU has not yet context-synchronised): not a violation, counted only.
     */
    public void staleWindowFetch(StaleWindowFetch f) {
        staleWindowFetches++;
        staleWindowSites.add(f.va());
        staleWindow.merge(f, 1L, Long::sum);
    }

    /** Each distinct stale fetch in the permitted window, in order of first occurrence, with how often it happened. */
    public Map<StaleWindowFetch, Long> staleWindowDetail() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(staleWindow));
    }

    /** Stale fetches in the permitted window so far. */
    public long staleWindowFetches() {
        return staleWindowFetches;
    }

    /** Distinct code addresses at which {@link #staleWindowFetches()} happened. */
    public long staleWindowSites() {
        return staleWindowSites.size();
    }

    /** die()'s counter: the N in {@code [#N]}. */
    public int nextOopsNumber() {
        return ++oopsCount;
    }

    public List<String> dmesg() {
        return List.copyOf(dmesg);
    }

    @Override
    public List<KernelReport> all() {
        return List.copyOf(reports);
    }
}
