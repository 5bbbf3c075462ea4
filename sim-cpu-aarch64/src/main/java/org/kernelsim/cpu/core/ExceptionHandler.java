package org.kernelsim.cpu.core;

/**
 * Receives every exception a CPU takes, after architectural exception entry: ESR_EL1, ELR_EL1,
 * SPSR_EL1 (and FAR_EL1 for aborts) are written, PSTATE.EL = 1, DAIF fully masked, BTYPE = 0,
 * and the entry was a context-synchronisation event.
 *
 * <p>The handler decides how the CPU continues: typically it adjusts registers or ELR_EL1 and
 * calls {@link Cpu#exceptionReturn()} (ERET semantics), or it points the PC somewhere else, or
 * it calls {@link Cpu#halt()}. If it does nothing, the CPU continues at the current PC (the
 * vector, i.e. VBAR_EL1 + the architectural offset).
 */
@FunctionalInterface
public interface ExceptionHandler {

    void handle(Cpu cpu, CpuException exception);
}
