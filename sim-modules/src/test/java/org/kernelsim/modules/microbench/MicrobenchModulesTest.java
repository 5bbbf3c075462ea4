package org.kernelsim.modules.microbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.modules.testing.RecordingBuild;
import org.kernelsim.modules.testing.RecordingBuild.Site;

class MicrobenchModulesTest {

    private static RecordingBuild core(CallKind kind) {
        RecordingBuild b = RecordingBuild.vmlinux();
        MicrobenchModules.core(2, kind).build(b);
        return b;
    }

    @Test
    void callSitesSitInTheLoopAndTheBaselineHasNone() {
        assertEquals(List.of(new Site(MicrobenchModules.LOOP, "mb_key_0", CallKind.CALL),
                new Site(MicrobenchModules.LOOP, "mb_key_1", CallKind.CALL)), core(CallKind.CALL).sites);
        assertEquals("void(long)", core(CallKind.COND).defined.get(0).type().c());
    }

    @Test
    void tailSitesAreTheBodiesOfTheTailCallers() {
        RecordingBuild b = core(CallKind.TAIL);
        assertEquals(List.of(new Site("mb_tail_0", "mb_key_0", CallKind.TAIL),
                new Site("mb_tail_1", "mb_key_1", CallKind.TAIL)), b.sites);
        assertEquals(1, b.wordsIn("mb_tail_0").size(), "bti c, then the backend's tail sequence");
        assertEquals(List.of("mb_tail_0", "mb_tail_1", "mb_update"),
                b.references(MicrobenchModules.LOOP, RelocationType.CALL26));
        assertTrue(b.references(MicrobenchModules.BASELINE, RelocationType.CALL26).isEmpty());
        assertEquals("long(long)", b.function("mb_tail_0").type().c());
    }
}
