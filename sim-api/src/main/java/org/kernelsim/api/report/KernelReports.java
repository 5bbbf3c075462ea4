package org.kernelsim.api.report;

import java.util.List;

/** Everything the kernel reported so far, in order. */
public interface KernelReports {

    List<KernelReport> all();

    default <T extends KernelReport> List<T> of(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    default List<KernelReport.CfiFailure> cfiFailures() {
        return of(KernelReport.CfiFailure.class);
    }

    default List<KernelReport.Oops> oopses() {
        return of(KernelReport.Oops.class);
    }

    default List<KernelReport.Warning> warnings() {
        return of(KernelReport.Warning.class);
    }

    default List<KernelReport.Violation> violations() {
        return of(KernelReport.Violation.class);
    }

    default List<KernelReport.Violation> violations(String kind) {
        return violations().stream().filter(v -> v.kind().equals(kind)).toList();
    }
}
