package org.kernelsim.modules.tracepoint;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.modules.code.Guest;
import org.kernelsim.modules.perf.PerfCore;

/**
 * A loadable module with one {@code sched_switch} probe, {@code void <name>_probe(void *data, ...)},
 * that counts its hits per CPU in {@code <name>_hits[NR_CPUS]}. Init registers it with
 * {@code tracepoint_probe_register}; exit unregisters it and waits in
 * {@code tracepoint_synchronize_unregister()} (a grace period) before the text can go.
 */
public abstract class TracepointProbeModule implements KernelModule {

    private final String name;

    protected TracepointProbeModule(String name) {
        this.name = requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a sched_switch tracepoint probe (" + probeSymbol(name) + ") registered while loaded";
    }

    public static String probeSymbol(String module) {
        return module + "_probe";
    }

    /** {@code u64 <module>_hits[NR_CPUS]}. */
    public static String hitsSymbol(String module) {
        return module + "_hits";
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        var e = ctx.emitter();
        e.section(".bss").align(64);
        e.beginObject(hitsSymbol(name), true).space(8L * PerfCore.NR_CPUS).endObject();
        Guest g = new Guest(e);
        g.function(probeSymbol(name), "void(void *, " + TracepointCore.ARGS + ")", true)
                .cpuId(9).addressOf(10, hitsSymbol(name)).insn(A64.ldrXIndexed(11, 10, 9))
                .insn(A64.addImmX(11, 11, 1)).insn(A64.strXIndexed(11, 10, 9)).insn(A64.RET).end();
        g.function(name + "_init", "int(void)", false).prologue(16)
                .addressOf(0, TracepointCore.TRACEPOINT).addressOf(1, probeSymbol(name)).movImm(2, 0)
                .bl(TracepointCore.REGISTER).epilogue(16).end();
        g.function(name + "_exit", "void(void)", false).prologue(16)
                .addressOf(0, TracepointCore.TRACEPOINT).addressOf(1, probeSymbol(name)).movImm(2, 0)
                .bl(TracepointCore.UNREGISTER).bl("synchronize_rcu").epilogue(16).end();
        e.moduleInit(name + "_init");
        e.moduleExit(name + "_exit");
    }

    /** {@code tp_probe_a}. */
    public static final class A extends TracepointProbeModule {
        public A() {
            super("tp_probe_a");
        }
    }

    /** {@code tp_probe_b}. */
    public static final class B extends TracepointProbeModule {
        public B() {
            super("tp_probe_b");
        }
    }

    /** {@code tp_probe_c}. */
    public static final class C extends TracepointProbeModule {
        public C() {
            super("tp_probe_c");
        }
    }
}
