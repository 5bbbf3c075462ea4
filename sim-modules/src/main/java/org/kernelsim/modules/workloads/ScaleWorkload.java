package org.kernelsim.modules.workloads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleLoadException;
import org.kernelsim.api.plugin.Param;
import org.kernelsim.api.workload.Workload;
import org.kernelsim.api.workload.WorkloadContext;
import org.kernelsim.api.workload.WorkloadPlugin;
import org.kernelsim.modules.scale.ScaleModules;

/**
 * Many keys, many sites, many modules, many CPUs: {@code keys} keys and {@code sites} call sites
 * in vmlinux (generated units of 100 keys), {@code modules} loadable modules with
 * {@code moduleSites} sites each, loaded one after another and unloaded {@code resident} loads
 * later (so every module is loaded and unloaded once), and {@code updates} key updates spread
 * over the run, while every CPU runs the units' call-site functions. Metrics: {@code loads},
 * {@code unloads}, {@code updates}, {@code failedUpdates}, {@code tasks}.
 */
public final class ScaleWorkload implements WorkloadPlugin {

    public record Parameters(
            @Param(description = "static-call keys in vmlinux", defaultValue = "10000", min = 1, max = 100000)
            int keys,
            @Param(description = "static-call sites in vmlinux", defaultValue = "10000", min = 1, max = 1000000)
            int sites,
            @Param(description = "loadable modules, each loaded and unloaded once", defaultValue = "100", min = 0,
                    max = 1000)
            int modules,
            @Param(description = "call sites per module", defaultValue = "10", min = 1, max = 1000)
            int moduleSites,
            @Param(description = "modules loaded at once (a module is unloaded this many loads after its own)",
                    defaultValue = "10", min = 1)
            int resident,
            @Param(description = "key updates spread over the run", defaultValue = "1000", min = 0)
            int updates,
            @Param(description = "modelled cycles (of CPU 0) the run lasts", defaultValue = "300000", min = 1)
            long duration) {
    }

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "many keys, sites, modules and CPUs: boot, module churn and updates at scale";
    }

    @Override
    public Class<? extends Record> parametersType() {
        return Parameters.class;
    }

    @Override
    public List<KernelModule> generatedModules(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ScaleModules.generate(p.keys(), p.sites(), p.modules(), p.moduleSites());
    }

    @Override
    public Workload create(Record parameters) {
        Parameters p = (Parameters) parameters;
        return ctx -> new Run(p, ctx).run();
    }

    /** One scheduled action: load or unload module {@code index}, or update key {@code index}. */
    private record Event(long at, int order, Kind kind, int index) {
        enum Kind { LOAD, UNLOAD, UPDATE }
    }

    private static final class Run {
        private final Parameters p;
        private final WorkloadContext ctx;
        private final Kernel k;
        private final TimelineRun workers;
        private final long[] unitFunctions;
        private long spawned;

        Run(Parameters p, WorkloadContext ctx) {
            this.p = p;
            this.ctx = ctx;
            this.k = ctx.kernel();
            this.workers = new TimelineRun(ctx);
            int units = ScaleModules.units(p.keys());
            this.unitFunctions = new long[units];
            for (int u = 0; u < units; u++) {
                unitFunctions[u] = k.kallsyms().addressOf(ScaleModules.unitFunction(u));
            }
        }

        void run() {
            // Times count from the end of boot: initialising 10,000 trampolines can cost CPU 0 a
            // million cycles under a patching backend, which must not eat the run.
            long start = ctx.now();
            List<Event> events = schedule(start);
            long loads = 0;
            long unloads = 0;
            long updates = 0;
            long failed = 0;
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (!ctx.runUntil(e.at(), this::between)) {
                    break;
                }
                switch (e.kind()) {
                    case LOAD -> {
                        try {
                            k.modules().load(ScaleModules.module(e.index()));
                            loads++;
                        } catch (ModuleLoadException ex) {
                            k.printk(ex.getMessage());
                        }
                    }
                    case UNLOAD -> unloads += k.modules().unload(ScaleModules.module(e.index())) == 0 ? 1 : 0;
                    case UPDATE -> {
                        int key = (int) ((long) e.index() * 7919 % p.keys());
                        int unit = key / ScaleModules.KEYS_PER_UNIT;
                        String now = k.kallsyms().symbolAt(k.staticCalls().query(ScaleModules.key(key)))
                                .map(s -> s.name()).orElse("");
                        String to = ScaleModules.target(unit, now.equals(ScaleModules.target(unit, 0)) ? 1 : 0);
                        if (k.staticCalls().update(ScaleModules.key(key), to) == 0) {
                            updates++;
                        } else {
                            failed++;
                        }
                    }
                }
                ctx.progress((double) (i + 1) / (events.size() + 1));
            }
            if (!k.panicked()) {
                ctx.runUntil(start + p.duration(), this::between);
            }
            ctx.addMetric("loads", loads);
            ctx.addMetric("unloads", unloads);
            ctx.addMetric("updates", updates);
            ctx.addMetric("failedUpdates", failed);
            ctx.addMetric("tasks", spawned);
        }

        /**
         * Module m loads at slot m and unloads at slot m + resident, in slots spread over the
         * first 90% of the run; updates are spread evenly over the whole run.
         */
        private List<Event> schedule(long start) {
            List<Event> events = new ArrayList<>();
            long span = p.duration() * 9 / 10;
            int slots = p.modules() + p.resident();
            for (int m = 0; m < p.modules(); m++) {
                events.add(new Event(start + span * (m + 1) / (slots + 1), 1, Event.Kind.LOAD, m));
                events.add(new Event(start + span * (m + 1 + p.resident()) / (slots + 1), 0, Event.Kind.UNLOAD, m));
            }
            for (int u = 0; u < p.updates(); u++) {
                events.add(new Event(start + p.duration() * (u + 1) / (p.updates() + 1), 2, Event.Kind.UPDATE, u));
            }
            events.sort(Comparator.comparingLong(Event::at).thenComparingInt(Event::order)
                    .thenComparingInt(Event::index));
            return events;
        }

        /** Keeps every CPU calling the units' site functions, unit by unit. */
        private void between() {
            workers.keepBusy(cpu -> {
                long fn = unitFunctions[(int) (spawned % unitFunctions.length)];
                return k.spawn(cpu, "scale/" + cpu, fn, spawned++);
            });
        }
    }
}
