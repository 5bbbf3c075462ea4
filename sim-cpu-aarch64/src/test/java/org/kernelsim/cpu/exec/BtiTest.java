package org.kernelsim.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.memory.Permissions;

/** aarch64.md §2: every BTYPE against every landing pad, guarded and unguarded. */
class BtiTest {

    static final int BR_X16 = 0xd61f0200, BR_X17 = 0xd61f0220, BR_X9 = 0xd61f0120, BLR_X9 = 0xd63f0120, RET_X9 = 0xd65f0120;
    static final int BTI = 0xd503241f, BTI_C = 0xd503245f, BTI_J = 0xd503249f, BTI_JC = 0xd50324df, PACIASP = 0xd503233f,
            PACIBSP = 0xd503237f, BRK_55 = 0xd4200aa0, HLT = 0xd4400000, NOP = 0xd503201f;

    /** {branch, btype}: what the branch sets when executed from a guarded page. */
    static final int[][] BRANCHES = {{BR_X16, 1}, {BR_X17, 1}, {BR_X9, 3}, {BLR_X9, 2}};
    /** {pad, allowed-btype bitmask (bit n = BTYPE n passes)}, with SCTLR.BT1 = 0. */
    static final int[][] PADS = {{BTI, 0}, {BTI_C, 0b0110}, {BTI_J, 0b1010}, {BTI_JC, 0b1110}, {PACIASP, 0b1110},
        {PACIBSP, 0b1110}, {BRK_55, 0b1110}, {HLT, 0b1110}, {NOP, 0}};

    static Stream<Arguments> matrix() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int[] br : BRANCHES) {
            for (int[] pad : PADS) {
                b.add(Arguments.of(Integer.toHexString(br[0]), br[1], Integer.toHexString(pad[0]), (pad[1] >> br[1] & 1) != 0));
            }
        }
        return b.build();
    }

    /** Runs {@code branch} (x9/x16/x17 = target) from a page with codePerms onto {@code pad} in a page with targetPerms. */
    private static TestMachine jump(int branch, int pad, Permissions codePerms, Permissions targetPerms, long sctlr) {
        TestMachine m = new TestMachine(1, codePerms);
        long target = 0xffff800088000000L;
        m.memory.map(target, 0x1000, targetPerms);
        m.code(branch);
        m.code(target, pad, 0xd4200020); // pad ; brk #1
        Aarch64Cpu cpu = m.cpu();
        cpu.setSysreg(SystemRegister.SCTLR_EL1, sctlr);
        for (int r : new int[] {9, 16, 17}) {
            cpu.setX(r, target);
        }
        m.run(10);
        return m;
    }

    @ParameterizedTest(name = "{0} (BTYPE {1}) onto {2}: passes={3}")
    @MethodSource("matrix")
    void guardedTargets(String branch, int btype, String pad, boolean passes) {
        int br = (int) Long.parseLong(branch, 16);
        int p = (int) Long.parseLong(pad, 16);
        TestMachine m = jump(br, p, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 0);
        long target = 0xffff800088000000L;
        CpuException e = m.exceptions.get(0);
        if (passes) {
            if (p == BRK_55) {
                assertEquals(new CpuException.Breakpoint(0x55), e);
            } else if (p == HLT) {
                assertEquals(new CpuException.Undefined(HLT), e);
            } else {
                assertEquals(new CpuException.Breakpoint(1), e);
            }
        } else {
            assertEquals(new CpuException.BranchTarget(btype), e);
            assertEquals(0x36000000 | btype, e.esr());
            assertEquals(target, (long) m.elrs.get(0), "ELR = the target, which does not execute");
            assertEquals(btype, (m.cpu().sysreg(SystemRegister.SPSR_EL1) >> 10) & 3, "BTYPE saved in SPSR");
            assertEquals(0, m.cpu().btype());
        }
    }

    @ParameterizedTest
    @MethodSource("matrix")
    void unguardedTargetsNeverTrap(String branch, int btype, String pad, boolean passesIfGuarded) {
        int p = (int) Long.parseLong(pad, 16);
        TestMachine m = jump((int) Long.parseLong(branch, 16), p, Permissions.RX_GUARDED, Permissions.RX, 0);
        CpuException e = m.exceptions.get(0);
        assertEquals(false, e instanceof CpuException.BranchTarget, e.toString());
    }

    @Test
    void brX9FromUnguardedPageIsBtype1() {
        TestMachine m = jump(BR_X9, BTI_C, Permissions.RX, Permissions.RX_GUARDED, 0);
        assertEquals(new CpuException.Breakpoint(1), m.exceptions.get(0)); // BTYPE 01 lands on bti c
        m = jump(BR_X9, BTI_C, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 0);
        assertEquals(0x36000003, m.exceptions.get(0).esr());
        m = jump(BLR_X9, BTI_J, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 0);
        assertEquals(0x36000002, m.exceptions.get(0).esr());
    }

    @Test
    void paciaspWithBtypeThreeDependsOnSctlrBt() {
        assertEquals(0x36000003, jump(BR_X9, PACIASP, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 1L << 36).exceptions.get(0).esr());
        assertEquals(new CpuException.Breakpoint(1),
                jump(BR_X9, PACIASP, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 1L << 35).exceptions.get(0)); // BT0 is EL0's
    }

    @Test
    void retAndDirectBranchesSetBtypeZero() {
        assertEquals(new CpuException.Undefined(0xd4400000),
                jump(RET_X9, HLT, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 0).exceptions.get(0));
        assertEquals(new CpuException.Breakpoint(1),
                jump(RET_X9, NOP, Permissions.RX_GUARDED, Permissions.RX_GUARDED, 0).exceptions.get(0));
    }

    @Test
    void btypeSurvivesAnInterruptAndIsCheckedAfterEret() {
        TestMachine m = new TestMachine(1);
        long target = 0xffff800088000000L;
        m.memory.map(target, 0x1000, Permissions.RX_GUARDED);
        m.code(BR_X9);
        m.code(target, NOP, 0xd4200020);
        Aarch64Cpu cpu = m.cpu();
        cpu.setX(9, target);
        m.haltOnException = false;
        cpu.step(); // br x9: BTYPE = 3
        assertEquals(3, cpu.btype());
        cpu.setInterruptPending(true);
        cpu.step(); // IRQ taken before the target
        assertEquals(3, (cpu.sysreg(SystemRegister.SPSR_EL1) >> 10) & 3);
        cpu.setInterruptPending(false);
        cpu.exceptionReturn();
        assertEquals(3, cpu.btype());
        cpu.step();
        assertEquals(new CpuException.BranchTarget(3), m.last());
    }
}
