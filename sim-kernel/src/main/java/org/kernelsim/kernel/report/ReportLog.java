package org.kernelsim.kernel.report;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
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
    private int oopsCount;

    public void printk(String line) {
        dmesg.add(line);
        LOG.debug("printk: {}", line);
    }

    public void report(KernelReport r) {
        reports.add(r);
        r.text().forEach(this::printk);
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
