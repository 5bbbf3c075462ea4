package org.kernelsim.kernel.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.kernel.boot.TestModules.module;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.MachineSpec;
import org.kernelsim.api.kernel.Task;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.report.KernelReport;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.kernel.boot.SimKernel;
import org.kernelsim.kernel.boot.TestModules;
import org.kernelsim.kernel.layout.Layout;

class TextPatcherTest {

    private static MachineSpec countSpec(int cpus, MachineSpec.CmodxPolicy cmodx) {
        return MachineSpec.defaults().withCpus(cpus).withSlice(50).withCmodx(cmodx).withModules(List.of(module("t", true, ctx -> {
            var e = ctx.emitter();
            e.section(".text");
            e.beginFunction("count", FunctionType.parse("long(long)"), true);
            e.insn(A64.BTI_C).insn(A64.movX(19, 0)).insn(A64.movzX(20, 0, 0));
            e.label("count_top");
            e.insn(A64.cbz(19, 0, true), CONDBR19, "count_done", 0);
            e.endFunction();
            // Each patch target is its own 4-byte symbol (kCFI is off here, so no type words split the loop).
            e.beginFunction("count_insn", null, true).insn(A64.movzX(0, 1, 0)).endFunction();
            e.beginFunction("count_body", null, true).insn(A64.addRegX(20, 20, 0)).endFunction();
            e.beginFunction("count_add", null, true).insn(A64.addImmX(21, 21, 1)).endFunction();
            e.beginFunction("count_slot", null, true).insn(A64.NOP).endFunction();
            e.beginFunction("count_tail", null, true);
            e.insn(A64.subImmX(19, 19, 1));
            e.insn(A64.b(0), org.kernelsim.cpu.obj.RelocationType.JUMP26, "count_top", 0);
            e.label("count_done");
            e.insn(A64.movX(0, 20)).insn(A64.RET);
            e.endFunction();
        })));
    }

    @Test
    void nosyncRejectsMisalignmentAndPatchRejectsEmpty() {
        SimKernel k = TestModules.boot(countSpec(1, MachineSpec.CmodxPolicy.REPORT));
        assertEquals(Errno.EINVAL, k.patcher().patchNosync(k.kallsyms().addressOf("count_slot") + 2, A64.NOP));
        assertEquals(Errno.EINVAL, k.patcher().patch(new long[0], new int[0]));
        assertEquals(Errno.EINVAL, k.patcher().writeLiteral64((k.kallsyms().addressOf("count_slot") & ~7L) + 4, 0));
    }

    @Test
    void writesGoThroughThePokeAliasAndTextStaysReadOnly() {
        SimKernel k = TestModules.boot(countSpec(1, MachineSpec.CmodxPolicy.REPORT));
        long slot = k.kallsyms().addressOf("count_slot");
        assertEquals(0, k.patcher().patchNosync(slot, A64.b(4)));
        assertEquals(A64.b(4), k.memory().read32(slot));
        assertFalse(k.memory().permissionsAt(slot).write(), "the text mapping never becomes writable");
        assertFalse(k.memory().isMapped(Layout.FIX_TEXT_POKE0), "the fixmap slot is unmapped after each poke");
        assertEquals(new org.kernelsim.api.patching.TextPatcher.PatchStats(1, 0, 0), k.patcher().stats());
        assertEquals(5, k.call(0, "count", 5));
    }

    @Test
    void addToMovWhileAnotherCpuRunsItIsACmodxViolationButBToNopIsNot() {
        SimKernel k = TestModules.boot(countSpec(2, MachineSpec.CmodxPolicy.REPORT));
        Task t = k.spawn(1, "counter", k.kallsyms().addressOf("count"), 1_000_000);
        k.run(500);
        assertEquals(Task.State.RUNNING, t.state());
        long slot = k.kallsyms().addressOf("count_slot");
        assertEquals(0, k.patcher().patchNosync(slot, A64.b(4)));
        assertEquals(0, k.patcher().patchNosync(slot, A64.NOP));
        assertEquals(List.of(), k.reports().violations("cmodx"), "B <-> NOP is in the CMODX set");
        long add = k.kallsyms().addressOf("count_add");
        assertEquals(0, k.patcher().patchNosync(add, A64.movX(21, 2)));
        var v = k.reports().violations("cmodx");
        assertEquals(1, v.size());
        assertEquals("nosync patch at count_add+0x0/0x4 while CPUs [1] may execute it: add x21, x21, #0x1 -> mov x21, x2",
                v.get(0).detail());
    }

    @Test
    void withoutIcInvalidateAnotherCpuKeepsRunningTheOldInstruction() {
        SimKernel k = TestModules.boot(countSpec(2, MachineSpec.CmodxPolicy.OFF));
        Task t = k.spawn(1, "counter", k.kallsyms().addressOf("count"), 10_000);
        k.run(500);
        k.textPatcher().setSkipCacheMaintenance(true);
        k.patcher().patchNosync(k.kallsyms().addressOf("count_insn"), A64.movzX(0, 2, 0));
        k.runUntil(() -> t.state() == Task.State.DONE, 10_000_000);
        assertEquals(10_000, t.result().orElseThrow(), "CPU 1 executed the stale movz x0, #1 every time");
        // One report, counting every execution after the patch: the writer never invalidated, so
        // this is the bug (the CPU may never see the new word), not the sync window.
        var stale = k.reports().violations("stale-fetch");
        assertEquals(List.of(new KernelReport.Violation("stale-fetch",
                "CPU 1 executed stale mov x0, #0x1 at count_insn+0x0/0x4 (memory holds mov x0, #0x2)", 9_929)), stale);
        assertEquals(0, k.reports().staleWindowFetches());
        assertEquals(1, k.log().stream().filter(l -> l.startsWith("stale-fetch: ")).count(), "printed once");
    }

    @Test
    void withCacheMaintenanceTheNewInstructionIsSeenAfterTheNextContextSynchronisation() {
        // patch_text_nosync sends no IPI: CPU 1 picks the new word up at its next exception entry (the timer).
        SimKernel k = TestModules.boot(countSpec(2, MachineSpec.CmodxPolicy.OFF).withTimerPeriod(1000));
        Task t = k.spawn(1, "counter", k.kallsyms().addressOf("count"), 10_000);
        k.run(500);
        k.patcher().patchNosync(k.kallsyms().addressOf("count_insn"), A64.movzX(0, 2, 0));
        k.runUntil(() -> t.state() == Task.State.DONE, 10_000_000);
        assertTrue(t.result().orElseThrow() > 10_000, "the new movz x0, #2 ran");
        // Until that timer interrupt CPU 1 runs the old word: the permitted window, not a violation.
        assertEquals(List.of(), k.reports().violations());
        assertEquals(72, k.reports().staleWindowFetches());
        assertEquals(1, k.reports().staleWindowSites());
    }

    @Test
    void patchUnderStopMachineIsNotACmodxViolation() {
        SimKernel k = TestModules.boot(countSpec(4, MachineSpec.CmodxPolicy.REPORT));
        k.spawn(1, "counter", k.kallsyms().addressOf("count"), 1_000_000);
        k.run(300);
        long add = k.kallsyms().addressOf("count_add");
        assertEquals(0, k.patcher().patch(new long[] {add}, new int[] {A64.addImmX(21, 21, 2)}));
        assertEquals(List.of(), k.reports().violations("cmodx"));
        assertEquals(new org.kernelsim.api.patching.TextPatcher.PatchStats(0, 1, 0), k.patcher().stats());
        assertEquals(List.of(org.kernelsim.kernel.stopmachine.StopMachineImpl.State.PREPARE,
                org.kernelsim.kernel.stopmachine.StopMachineImpl.State.DISABLE_IRQ,
                org.kernelsim.kernel.stopmachine.StopMachineImpl.State.RUN,
                org.kernelsim.kernel.stopmachine.StopMachineImpl.State.EXIT), k.stopMachineImpl().lastTrace());
    }
}
