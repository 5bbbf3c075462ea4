package org.kernelsim.kernel.machine;

import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.SystemRegister;

/** The registers of interrupted code (struct pt_regs): saved on IRQ entry when a guest handler runs, restored before ERET. */
public record SavedContext(long[] x, long sp, long elr, long spsr, int nzcv) {

    public static SavedContext save(Cpu cpu) {
        long[] x = new long[31];
        for (int i = 0; i < 31; i++) {
            x[i] = cpu.x(i);
        }
        return new SavedContext(x, cpu.sp(), cpu.sysreg(SystemRegister.ELR_EL1), cpu.sysreg(SystemRegister.SPSR_EL1),
                cpu.nzcv());
    }

    public void restore(Cpu cpu) {
        for (int i = 0; i < 31; i++) {
            cpu.setX(i, x[i]);
        }
        cpu.setSp(sp);
        cpu.setNzcv(nzcv);
        cpu.setSysreg(SystemRegister.ELR_EL1, elr);
        cpu.setSysreg(SystemRegister.SPSR_EL1, spsr);
    }
}
