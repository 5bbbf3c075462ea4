package org.kernelsim.modules.workloads;

import java.util.List;
import java.util.Optional;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.modules.selftest.SelftestModule;

/** The kernel's static_call selftest table: rows (none, 2→3), (func_b, 2→4), (func_a, 2→3). */
public final class SelftestWorkload implements WorkloadPlugin {

    /** No parameters: the table is the kernel's. */
    public record Parameters() {
    }

    /** One row of {@code static_call_tests[]}. */
    public record Row(Optional<String> func, int val, int expect) {
    }

    public static final List<Row> TABLE = List.of(new Row(Optional.empty(), 2, 3), new Row(Optional.of("func_b"), 2, 4),
            new Row(Optional.of("func_a"), 2, 3));

    @Override
    public String name() {
        return "selftest";
    }

    @Override
    public String description() {
        return "the kernel's static_call selftest table (func_a(x)=x+1, func_b(x)=x+2)";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<String> requiredModules(Record parameters) {
        return List.of(SelftestModule.NAME);
    }

    @Override
    public Workload create(Record parameters) {
        return ctx -> {
            Kernel k = ctx.kernel();
            long failures = 0;
            for (int i = 0; i < TABLE.size(); i++) {
                Row row = TABLE.get(i);
                row.func().ifPresent(f -> k.staticCalls().update(SelftestModule.KEY.name(), f));
                ctx.recordKeyTarget(SelftestModule.KEY.name());
                long got;
                try {
                    got = (int) k.call(0, SelftestModule.CALLER, row.val());
                } catch (GuestCallFailed e) {
                    got = Long.MIN_VALUE;
                }
                ctx.addMetric("row" + i, got);
                if (got != row.expect()) {
                    failures++;
                    k.printk(String.format("static_call selftest row %d: static_call(sc_selftest)(%d) = %d, expected %d",
                            i, row.val(), got, row.expect()));
                }
                if (k.panicked()) {
                    break;
                }
            }
            ctx.addMetric("failures", failures);
        };
    }
}
