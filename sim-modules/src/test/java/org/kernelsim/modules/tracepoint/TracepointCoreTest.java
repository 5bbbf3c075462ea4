package org.kernelsim.modules.tracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.modules.testing.RecordingBuild;
import org.kernelsim.modules.testing.RecordingBuild.Site;

class TracepointCoreTest {

    private static RecordingBuild build(Semantics semantics) {
        RecordingBuild b = new RecordingBuild("vmlinux", new KernelFeatures(CfiMode.ENFORCING, true), semantics);
        new TracepointCore().build(b);
        return b;
    }

    @Test
    void keyAndIteratorHaveTheIteratorType() {
        RecordingBuild b = build(Semantics.OUT_OF_LINE);
        assertEquals("int(void *, bool, struct task_struct *, struct task_struct *, unsigned int)",
                TracepointCore.ITERATOR_TYPE.c());
        assertEquals(List.of(TracepointCore.KEY), b.defined);
        assertEquals(new StaticCallKeyDef.Initial.Func(TracepointCore.ITERATOR), b.defined.get(0).initial());
        assertEquals(TracepointCore.ITERATOR_TYPE, b.function(TracepointCore.ITERATOR).type());
        assertEquals(TracepointCore.ITERATOR_TYPE, TracepointCore.KEY.type());
    }

    @Test
    void iteratorChecksEachProbeCallWithTheProbeType() {
        int id = TracepointCore.PROBE_TYPE.kcfiId();
        List<Integer> words = build(Semantics.OUT_OF_LINE).wordsIn(TracepointCore.ITERATOR).stream()
                .map(RecordingBuild.Word::word).toList();
        int at = words.indexOf(A64.movkW(17, id & 0xffff, 0));
        assertTrue(at > 0, "kCFI check with the probe type");
        assertEquals(List.of(A64.ldurW(16, 8, -4), A64.movkW(17, id & 0xffff, 0), A64.movkW(17, id >>> 16, 16),
                A64.cmpW(16, 17), A64.bcond(A64.EQ, 8), A64.brk(A64.kcfiBrkImm(17, 8)), A64.blr(8)),
                words.subList(at - 1, at + 6));
    }

    @Test
    void scheduleUsesTheStaticCallOnlyWithHaveStaticCall() {
        RecordingBuild ool = build(Semantics.OUT_OF_LINE);
        assertEquals(List.of(new Site(TracepointCore.SCHEDULE, TracepointCore.KEY.name(), CallKind.CALL)), ool.sites);
        assertTrue(ool.references(TracepointCore.SCHEDULE, RelocationType.CALL26).isEmpty());
        RecordingBuild generic = build(Semantics.GENERIC);
        assertTrue(generic.sites.isEmpty());
        assertEquals(List.of(TracepointCore.ITERATOR), generic.references(TracepointCore.SCHEDULE, RelocationType.CALL26));
    }

    @Test
    void probeModulesHaveTheProbeType() {
        RecordingBuild b = RecordingBuild.module("tp_probe_a");
        new TracepointProbeModule.A().build(b);
        assertEquals(TracepointCore.PROBE_TYPE, b.function("tp_probe_a_probe").type());
        assertEquals("tp_probe_a_init", b.init);
        assertEquals("tp_probe_a_exit", b.exit);
        assertEquals(List.of(TracepointCore.REGISTER), b.references("tp_probe_a_init", RelocationType.CALL26));
        assertEquals(List.of(TracepointCore.UNREGISTER, "synchronize_rcu"),
                b.references("tp_probe_a_exit", RelocationType.CALL26));
        assertEquals(List.of(TracepointProbeModule.hitsSymbol("tp_probe_a")), b.objects);
    }
}
