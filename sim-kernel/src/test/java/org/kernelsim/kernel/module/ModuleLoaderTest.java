package org.kernelsim.kernel.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.kernel.boot.TestModules.function;
import static org.kernelsim.kernel.boot.TestModules.module;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.GuestCallFailed;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.module.KernelModule;
import org.kernelsim.api.module.LoadedModule;
import org.kernelsim.api.module.ModuleLoadException;
import org.kernelsim.api.module.ModuleState;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;
import org.kernelsim.kernel.layout.Layout;

class ModuleLoaderTest {

    private static final KernelModule BASE = module("base", true, ctx -> {
        function(ctx.emitter(), "add_one", "long(long)", A64.addImmX(0, 0, 1), A64.RET);
        function(ctx.emitter(), "add_two", "long(long)", A64.addImmX(0, 0, 2), A64.RET);
        ctx.emitter().export("add_one").export("add_two");
    });

    /** {@code caller(x) = add_two(add_one(x))} with two BLs to vmlinux: two distinct PLT targets. */
    private static final KernelModule CALLER = module("caller", false, ctx -> {
        var e = ctx.emitter();
        e.section(".text");
        e.beginFunction("caller", FunctionType.parse("long(long)"), true);
        e.insn(A64.BTI_C).insn(A64.STP_FP_LR_PRE).insn(A64.MOV_FP_SP);
        e.insn(A64.bl(0), CALL26, "add_one", 0);
        e.insn(A64.bl(0), CALL26, "add_two", 0);
        e.insn(A64.bl(0), CALL26, "add_one", 0);
        e.insn(A64.LDP_FP_LR_POST).insn(A64.RET);
        e.endFunction();
    });

    private static MachineSpec spec() {
        return MachineSpec.defaults().withBti(true).withModules(List.of(BASE, CALLER,
                module("unknown", false, ctx -> {
                    var e = ctx.emitter();
                    e.section(".text").beginFunction("u", null, true).insn(A64.bl(0), CALL26, "no_such_function", 0)
                            .endFunction();
                }),
                module("prel", false, ctx -> {
                    ctx.emitter().section(".data").prel32("add_one", 0x100000000L);
                })));
    }

    @Test
    void nearModuleCallsDirectly() {
        SimKernel k = TestModules.boot(spec());
        LoadedModule m = k.modules().load("caller");
        assertTrue(m.near());
        assertEquals(0, m.plts());
        assertEquals(14, k.call(0, "caller", 10));
        assertEquals("caller+0x0/0x20 [caller]", k.kallsyms().format(m.sections().get(".text")));
    }

    @Test
    void blBeyond128MiBLinksThroughPlts() {
        for (MachineSpec s : List.of(spec().withPlacement(MachineSpec.Placement.FAR),
                spec().withTextSize(256L << 20))) { // a big image leaves no room within BL range
            SimKernel k = TestModules.boot(s);
            LoadedModule m = k.modules().load("caller");
            assertFalse(m.near());
            assertEquals(2, m.plts(), "one veneer per distinct target, reused");
            assertTrue(k.kallsyms().addressOf("add_one") - m.base() > Layout.BRANCH_RANGE);
            assertEquals(14, k.call(0, "caller", 10));
            assertEquals(List.of(), k.reports().all());
        }
    }

    @Test
    void prel32OverflowFailsTheLoadAndLeavesNothing() {
        SimKernel k = TestModules.boot(spec());
        long resident = k.memory().residentPages();
        var e = assertThrows(ModuleLoadException.class, () -> k.modules().load("prel"));
        long val = k.kallsyms().addressOf("add_one") + 0x100000000L;
        assertEquals(String.format("module prel: overflow in relocation type 261 val %x", val), e.getMessage());
        assertEquals(-8, e.errno());
        assertTrue(k.log().contains(e.getMessage()));
        assertEquals(resident, k.memory().residentPages());
        assertEquals(1, k.moduleLoader().area().fragments());
        assertEquals(List.of(), k.modules().loaded());
    }

    @Test
    void unknownSymbolFailsCleanly() {
        SimKernel k = TestModules.boot(spec());
        int symbols = k.kallsymsImpl().size();
        var e = assertThrows(ModuleLoadException.class, () -> k.modules().load("unknown"));
        assertEquals("unknown: Unknown symbol no_such_function (err -2)", e.getMessage());
        assertEquals(-2, e.errno());
        assertEquals(symbols, k.kallsymsImpl().size());
        assertEquals(1, k.moduleLoader().area().fragments());
        assertTrue(k.kallsyms().lookup("u").isEmpty());
    }

    @Test
    void notifierSeesComingLiveGoing() {
        SimKernel k = TestModules.boot(spec());
        List<String> events = new ArrayList<>();
        k.modules().addNotifier((state, m) -> events.add(state + " " + m.name()));
        k.modules().load("caller");
        assertEquals(0, k.modules().unload("caller"));
        assertEquals(-2, k.modules().unload("caller"));
        assertEquals(List.of("COMING caller", "LIVE caller", "GOING caller"), events);
        assertEquals(List.of(ModuleState.values()).size(), 3);
    }

    @Test
    void tenThousandLoadUnloadCyclesLeakNothing() {
        SimKernel k = TestModules.boot(spec().withPlacement(MachineSpec.Placement.FAR));
        k.modules().load("caller");
        assertEquals(14, k.call(0, "caller", 10)); // warm up: CPU 0's stack page gets written once
        k.modules().unload("caller");
        assertEquals(1, k.moduleLoader().area().fragments(), k.moduleLoader().area().toString());
        long resident = k.memory().residentPages();
        int symbols = k.kallsymsImpl().size();
        for (int i = 0; i < 10_000; i++) {
            LoadedModule m = k.modules().load("caller");
            if (i % 1000 == 0) {
                assertEquals(14, k.call(0, "caller", 10));
            }
            assertEquals(0, k.modules().unload("caller"));
            assertFalse(k.memory().isMapped(m.base()));
        }
        assertEquals(resident, k.memory().residentPages());
        assertEquals(symbols, k.kallsymsImpl().size());
        assertEquals(1, k.moduleLoader().area().fragments());
        assertEquals(List.of(), k.reports().all());
    }

    @Test
    void runningFreedModuleTextIsAFreedTextViolationAndAnOops() {
        // A task stuck in the module (a loop) while it is unloaded: the next instruction fetch faults.
        KernelModule spinner = module("spinner", false, ctx -> {
            var e = ctx.emitter();
            e.section(".text").beginFunction("spin", FunctionType.parse("void(void)"), true);
            e.insn(A64.BTI_C).insn(A64.b(0));
            e.endFunction();
        });
        SimKernel k = TestModules.boot(MachineSpec.defaults().withCpus(2).withModules(List.of(spinner)));
        k.modules().load("spinner");
        Task t = k.spawn(1, "spinner", k.kallsyms().addressOf("spin"));
        k.run(100);
        assertEquals(0, k.modules().unload("spinner"));
        k.run(100);
        assertEquals(Task.State.KILLED, t.state());
        assertEquals(1, k.reports().violations("freed-text").size());
        assertTrue(k.reports().oopses().get(0).message().startsWith("Unable to handle kernel paging request at virtual address ffff8000"),
                k.reports().oopses().get(0).message());
    }
}
