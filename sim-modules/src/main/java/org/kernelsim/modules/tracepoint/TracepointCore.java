package org.kernelsim.modules.tracepoint;

import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.GuestContext;
import org.kernelsim.api.kernel.Kernel;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.modules.code.Guest;
import org.kernelsim.modules.perf.PerfCore;

/**
 * The {@code sched_switch} tracepoint (static-call.md §9.3; {@code include/linux/tracepoint.h},
 * {@code kernel/tracepoint.c}), built into the image, hit from {@code __schedule} on every context
 * switch of the workload's tasks.
 *
 * <ul>
 *   <li>{@code DEFINE_STATIC_CALL(tp_func_sched_switch, __traceiter_sched_switch)}: the iterator is
 *   {@code int(void *data, bool preempt, struct task_struct *prev, struct task_struct *next,
 *   unsigned int prev_state)}; probes are {@code void(void *data, ...)} with the same arguments.</li>
 *   <li>{@code trace_sched_switch()} in {@code __schedule}: the static branch
 *   ({@code static_key_false(&__tracepoint_sched_switch.key)}) is modelled as a flag word the site
 *   loads and tests ({@code ldr; cbz}), not as a patched NOP/B, so it costs two instructions when
 *   off. When on: {@code HAVE_STATIC_CALL} (backends with out-of-line or inline semantics) reads
 *   {@code tp->funcs}, passes {@code funcs[0].data} and makes {@code static_call(tp_func_sched_switch)};
 *   GENERIC calls {@code __traceiter_sched_switch(NULL, args)} directly (no static call).</li>
 *   <li>The iterator calls each probe of the NULL-terminated {@code funcs} array indirectly,
 *   kCFI-checked with the probe type when kCFI is on.</li>
 *   <li>{@code tracepoint_probe_register/unregister} (Java halves, guest wrappers) follow
 *   {@code tracepoint_add_func/remove_func}: a new funcs array is published each time; one probe →
 *   {@code tracepoint_update_call} points the key at it; 0 or several → at the iterator; 0→1
 *   enables the static branch, 1→0 disables it; 2→1 publishes the array, waits for a grace
 *   period ({@code synchronize_rcu} in guest code), then updates the call, so no CPU calls the
 *   remaining probe with the departed one's data.</li>
 * </ul>
 * All state lives in guest memory, so one module object serves any number of machines.
 */
public final class TracepointCore implements KernelModule {

    public static final String NAME = "tracepoint";
    public static final String ARGS = "bool, struct task_struct *, struct task_struct *, unsigned int";
    public static final FunctionType ITERATOR_TYPE = FunctionType.parse("int(void *, " + ARGS + ")");
    public static final FunctionType PROBE_TYPE = FunctionType.parse("void(void *, " + ARGS + ")");
    public static final String ITERATOR = "__traceiter_sched_switch";
    public static final StaticCallKeyDef KEY = StaticCallKeyDef.of("tp_func_sched_switch", ITERATOR_TYPE, ITERATOR)
            .exportedKey();
    /** {@code struct tracepoint { u64 key_enabled; struct tracepoint_func *funcs; }}. */
    public static final String TRACEPOINT = "__tracepoint_sched_switch";
    /** {@code void __schedule(struct task_struct *prev, struct task_struct *next)}: counts the switch, fires the tracepoint. */
    public static final String SCHEDULE = "__schedule";
    /** {@code long sched_worker(long switches, long work)}: a task that switches {@code switches} times, {@code work} loop iterations apart. */
    public static final String WORKER = "sched_worker";
    /** {@code u64 sched_switch_count[NR_CPUS]}. */
    public static final String SWITCH_COUNT = "sched_switch_count";
    public static final String REGISTER = "tracepoint_probe_register";
    public static final String UNREGISTER = "tracepoint_probe_unregister";
    /** At most this many probes at once (the kernel allocates; the simulated kernel keeps a pool). */
    public static final int MAX_PROBES = 7;
    /**
     * Funcs arrays are taken round-robin from a pool of this many; an array is reused only after
     * POOL-1 later updates, each of which passed the caller's grace period (module exit waits), so
     * no reader can still hold it.
     */
    private static final int POOL = 16;
    private static final int ENTRY = 16;
    private static final int ARRAY = (MAX_PROBES + 1) * ENTRY;
    private static final String POOL_SYM = "tp_sched_switch_funcs_pool";
    private static final String POOL_NEXT = "tp_sched_switch_funcs_next";
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;
    private static final int ENOMEM = 12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the sched_switch tracepoint: tp_func_sched_switch static call, __traceiter_sched_switch, probe (un)registration";
    }

    @Override
    public boolean builtIn() {
        return true;
    }

    @Override
    public void build(ModuleBuildContext ctx) {
        CodeEmitter e = ctx.emitter();
        e.section(".data").align(8);
        e.beginObject(TRACEPOINT, true).quad(0).quad(0).endObject();
        e.export(TRACEPOINT);
        e.beginObject(POOL_NEXT, false).quad(0).endObject();
        e.section(".bss").align(64);
        e.beginObject(SWITCH_COUNT, true).space(8L * PerfCore.NR_CPUS).endObject();
        e.beginObject(POOL_SYM, false).space((long) POOL * ARRAY).endObject();
        Guest g = new Guest(e);
        emitIterator(g);
        ctx.defineStaticCall(KEY);
        emitSchedule(ctx, g);
        emitWorker(g);
        ctx.javaFunction("__tracepoint_add_func", FunctionType.parse("int(struct tracepoint *, void *, void *)"),
                TracepointCore::addFunc, false);
        ctx.javaFunction("__tracepoint_remove_func", FunctionType.parse("int(struct tracepoint *, void *, void *)"),
                TracepointCore::removeFunc, false);
        ctx.javaFunction("__tracepoint_update_call", FunctionType.parse("void(struct tracepoint *)"),
                c -> {
                    updateCall(c.kernel(), funcs(c.kernel().memory(), c.arg(0)).size());
                    return 0;
                }, false);
        // int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data)
        g.function(REGISTER, "int(struct tracepoint *, void *, void *)", true).prologue(16)
                .bl("__tracepoint_add_func").epilogue(16).end();
        e.export(REGISTER);
        // int tracepoint_probe_unregister(tp, probe, data): 2→1 needs a grace period before the call is updated.
        String out = g.newLabel("out");
        g.function(UNREGISTER, "int(struct tracepoint *, void *, void *)", true).prologue(32)
                .insn(A64.strX(19, A64.SP, 16)).insn(A64.movX(19, 0))
                .bl("__tracepoint_remove_func").cbz(0, false, out)
                .bl("synchronize_rcu").insn(A64.movX(0, 19)).bl("__tracepoint_update_call").movImm(0, 0)
                .label(out).insn(A64.ldrX(19, A64.SP, 16)).epilogue(32).end();
        e.export(UNREGISTER);
    }

    /** {@code int __traceiter_sched_switch(void *__data, args...)}: each probe in turn, kCFI-checked. */
    private static void emitIterator(Guest g) {
        String loop = g.newLabel("it");
        String done = g.newLabel("itdone");
        g.function(ITERATOR, "int(void *, " + ARGS + ")", true).prologue(64)
                .insn(A64.stpOff(19, 20, A64.SP, 16)).insn(A64.stpOff(21, 22, A64.SP, 32)).insn(A64.strX(23, A64.SP, 48))
                .insn(A64.movX(19, 1)).insn(A64.movX(20, 2)).insn(A64.movX(21, 3)).insn(A64.movX(22, 4))
                .addressOf(9, TRACEPOINT).insn(A64.ldrX(23, 9, 8)) // it_func_ptr = rcu_dereference_raw(tp->funcs)
                .cbz(23, true, done)
                .label(loop).insn(A64.ldrX(8, 23, 0)).cbz(8, true, done)
                .insn(A64.ldrX(0, 23, 8)).insn(A64.movX(1, 19)).insn(A64.movX(2, 20)).insn(A64.movX(3, 21))
                .insn(A64.movX(4, 22))
                .checkedCall(8, PROBE_TYPE)
                .insn(A64.addImmX(23, 23, ENTRY)).b(loop)
                .label(done).movImm(0, 0)
                .insn(A64.ldrX(23, A64.SP, 48)).insn(A64.ldpOff(21, 22, A64.SP, 32)).insn(A64.ldpOff(19, 20, A64.SP, 16))
                .epilogue(64).end();
    }

    /** {@code __schedule(prev, next)}: this CPU's switch count, then {@code trace_sched_switch(false, prev, next, 0)}. */
    private static void emitSchedule(ModuleBuildContext ctx, Guest g) {
        String out = g.newLabel("out");
        g.function(SCHEDULE, "void(struct task_struct *, struct task_struct *)", true).prologue(16)
                .cpuId(9).addressOf(10, SWITCH_COUNT).insn(A64.ldrXIndexed(11, 10, 9)).insn(A64.addImmX(11, 11, 1))
                .insn(A64.strXIndexed(11, 10, 9))
                .addressOf(9, TRACEPOINT).insn(A64.ldrX(10, 9, 0)).cbz(10, true, out) // static_key_false(&tp->key)
                .insn(A64.movX(3, 1)).insn(A64.movX(2, 0)).movImm(1, 0).movImm(4, 0);
        if (ctx.staticCallSemantics() == Semantics.GENERIC) {
            g.movImm(0, 0).bl(ITERATOR); // __traceiter_sched_switch(NULL, args)
        } else {
            g.insn(A64.ldrX(0, 9, 8)).cbz(0, true, out).insn(A64.ldrX(0, 0, 8)); // __data = it_func_ptr->data
            ctx.staticCall(KEY.name(), CallKind.CALL);
        }
        g.label(out).epilogue(16).end();
    }

    private static void emitWorker(Guest g) {
        String outer = g.newLabel("outer");
        String inner = g.newLabel("inner");
        String sw = g.newLabel("switch");
        String done = g.newLabel("done");
        g.function(WORKER, "long(long, long)", true).prologue(48)
                .insn(A64.stpOff(19, 20, A64.SP, 16)).insn(A64.strX(21, A64.SP, 32))
                .insn(A64.movX(19, 0)).insn(A64.movX(20, 1)).cbz(19, true, done)
                .label(outer).insn(A64.movX(21, 20))
                .label(inner).cbz(21, true, sw).insn(A64.subImmX(21, 21, 1)).b(inner)
                .label(sw).insn(A64.movX(0, 19)).insn(A64.addImmX(1, 19, 1)).bl(SCHEDULE)
                .insn(A64.subsImmX(19, 19, 1)).bcond(1 /* NE */, outer)
                .label(done).movImm(0, 0)
                .insn(A64.ldrX(21, A64.SP, 32)).insn(A64.ldpOff(19, 20, A64.SP, 16)).epilogue(48).end();
    }

    // ---- the Java halves (kernel/tracepoint.c) ----

    private record Func(long func, long data) {
    }

    private static List<Func> funcs(Memory m, long tp) {
        List<Func> list = new ArrayList<>();
        long a = m.read64(tp + 8);
        while (a != 0 && m.read64(a) != 0) {
            list.add(new Func(m.read64(a), m.read64(a + 8)));
            a += ENTRY;
        }
        return list;
    }

    /** A fresh funcs array holding {@code list} (NULL-terminated), or 0 for an empty list. */
    private static long publishable(Kernel k, List<Func> list) {
        if (list.isEmpty()) {
            return 0;
        }
        Memory m = k.memory();
        long nextVar = k.kallsyms().addressOf(POOL_NEXT);
        long n = m.read64(nextVar);
        m.write64(nextVar, n + 1);
        long a = k.kallsyms().addressOf(POOL_SYM) + (n % POOL) * ARRAY;
        for (int i = 0; i < list.size(); i++) {
            m.write64(a + (long) i * ENTRY, list.get(i).func());
            m.write64(a + (long) i * ENTRY + 8, list.get(i).data());
        }
        m.write64(a + (long) list.size() * ENTRY, 0);
        m.write64(a + (long) list.size() * ENTRY + 8, 0);
        return a;
    }

    /** {@code tracepoint_update_call}: one probe → the probe, otherwise the iterator (raw {@code __static_call_update}). */
    private static void updateCall(Kernel k, int probes) {
        long tp = k.kallsyms().addressOf(TRACEPOINT);
        long func = probes == 1 ? funcs(k.memory(), tp).get(0).func() : k.kallsyms().addressOf(ITERATOR);
        k.staticCalls().updateAddress(KEY.name(), func);
    }

    private static long addFunc(GuestContext ctx) {
        Kernel k = ctx.kernel();
        Memory m = k.memory();
        long tp = ctx.arg(0);
        Func f = new Func(ctx.arg(1), ctx.arg(2));
        List<Func> list = funcs(m, tp);
        if (list.contains(f)) {
            return -EEXIST;
        }
        if (list.size() == MAX_PROBES) {
            return -ENOMEM;
        }
        list.add(f);
        long array = publishable(k, list);
        if (list.size() == 1) { // 0→1: call the probe, publish, enable the static branch
            k.staticCalls().updateAddress(KEY.name(), f.func());
            m.write64(tp + 8, array);
            m.write64(tp, 1);
        } else if (list.size() == 2) { // 1→2: the iterator first, then the array it iterates
            k.staticCalls().updateAddress(KEY.name(), k.kallsyms().addressOf(ITERATOR));
            m.write64(tp + 8, array);
        } else {
            m.write64(tp + 8, array);
        }
        return 0;
    }

    /** Returns 1 when the caller must wait for a grace period and then call {@code __tracepoint_update_call} (2→1). */
    private static long removeFunc(GuestContext ctx) {
        Kernel k = ctx.kernel();
        Memory m = k.memory();
        long tp = ctx.arg(0);
        List<Func> list = funcs(m, tp);
        if (!list.remove(new Func(ctx.arg(1), ctx.arg(2)))) {
            return -ENOENT;
        }
        if (list.isEmpty()) { // 1→0: branch off, iterator back, funcs NULL
            m.write64(tp, 0);
            k.staticCalls().updateAddress(KEY.name(), k.kallsyms().addressOf(ITERATOR));
            m.write64(tp + 8, 0);
            return 0;
        }
        m.write64(tp + 8, publishable(k, list));
        return list.size() == 1 ? 1 : 0;
    }
}
