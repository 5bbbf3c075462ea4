package org.kernelsim.kernel.run;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kernelsim.api.plugin.ParameterInfo;
import org.kernelsim.kernel.config.KernelConfig;
import org.kernelsim.kernel.config.MachineConfig;
import org.kernelsim.kernel.config.TimelineEvent;

/**
 * The runner until the simulated machine is wired into the CLI: prints the plan and says plainly
 * that nothing ran. It never invents results.
 */
public final class PlanOnlyRunner implements SimulationRunner {

    @Override
    public RunResult run(RunPlan plan, PrintWriter out) {
        MachineConfig m = plan.config().machine();
        KernelConfig k = plan.config().kernel();
        out.printf("Plan for %s (seed %d):%n", plan.configFile(), plan.config().seed());
        out.printf("  machine   %d CPUs, slice %d instructions, BTI %s, scheduler %s%n", m.cpus(), m.slice(),
                m.bti() ? "on" : "off", ParameterInfo.configName(m.scheduler()));
        out.printf("  kernel    text %s, module placement %s, CFI %s, CMODX %s%n", k.textSize(),
                ParameterInfo.configName(k.modules().placement()), ParameterInfo.configName(k.cfi()),
                ParameterInfo.configName(k.cmodx()));
        out.printf("  modules   %s%n", plan.config().modules().isEmpty() ? "(none)"
                : String.join(", ", plan.config().modules()));
        WorkloadRun w = plan.workload();
        out.printf("  workload  %s (%s)%s%n", w.type(), w.source().describe(), withSettings(w.parameters()));
        for (TimelineEvent e : w.timeline()) {
            out.printf("    at %d: %s%n", e.at(), e.load().map(x -> "load " + x).orElseGet(() -> "unload "
                    + e.unload().orElseThrow()));
        }
        out.printf("  backends  %d run%s%s%n", plan.backends().size(), plan.backends().size() == 1 ? "" : "s",
                plan.baseline().map(b -> ", baseline " + b).orElse(""));
        for (BackendRun b : plan.backends()) {
            String variant = b.name().equals(b.implementation()) ? "" : b.implementation() + ", ";
            out.printf("    %s (%s%s)%s%n", b.name(), variant, b.source().describe(), withSettings(b.options()));
        }
        out.println("Not run: the simulated machine is not wired into the CLI yet, so nothing was simulated "
                + "and no report was written.");
        out.flush();
        return RunResult.notSimulated();
    }

    /** ": key=value, ..." in config spelling, or nothing for an empty record. */
    static String withSettings(Record record) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                parts.add(c.getName() + "=" + spell(accessor.invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
    }

    private static String spell(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(PlanOnlyRunner::spell).orElse("null");
        }
        if (value instanceof Enum<?> e) {
            return ParameterInfo.configName(e);
        }
        return String.valueOf(value);
    }
}
