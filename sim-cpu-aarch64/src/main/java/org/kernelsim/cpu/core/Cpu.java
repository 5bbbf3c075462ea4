package org.kernelsim.cpu.core;

import org.kernelsim.cpu.memory.Memory;

/**
 * One simulated AArch64 processing element. Single-threaded: a machine interleaves its CPUs in
 * slices on one host thread, so nothing here is synchronised.
 *
 * <p>Guest behaviour never escapes as a Java exception: faults, BRK, BTI, UNDEFINED, SVC/HVC and
 * IRQs all go through {@link ExceptionHandler}.
 *
 * <p>Each CPU executes from its own instruction cache, which is also its pre-decoded cache: a
 * write to code (by any CPU or by the host, through any alias) is seen by this CPU only after the
 * writer's cache maintenance (DC CVAU, DSB, IC IVAU, DSB) <em>and</em> this CPU's next
 * context-synchronisation event (ISB, exception entry, exception return). Executing a cached
 * instruction whose memory has changed is reported to the {@link HazardListener}.
 */
public interface Cpu {

    int id();

    Memory memory();

    // ---- registers ----

    /** X0..X30; register 31 reads as zero (XZR). */
    long x(int n);

    /** X0..X30; writing register 31 is ignored. */
    void setX(int n, long value);

    /** The stack pointer of the current exception level (SP_EL0 or SP_EL1). */
    long sp();

    void setSp(long value);

    long pc();

    void setPc(long value);

    /** NZCV in bits [31:28], as MRS NZCV reads it. */
    int nzcv();

    void setNzcv(int value);

    /** 0 or 1. */
    int currentEl();

    void setCurrentEl(int el);

    /** PSTATE.DAIF in bits [9:6], as MRS DAIF reads it. */
    int daif();

    void setDaif(int value);

    /** PSTATE.BTYPE (0..3). */
    int btype();

    long sysreg(SystemRegister register);

    void setSysreg(SystemRegister register, long value);

    // ---- execution ----

    /**
     * Executes until {@code maxInstructions} have retired, {@link #halt()} or
     * {@link #requestStop()} is called (from a handler or a service), whichever is first.
     * Returns the number of instructions retired. A halted CPU returns 0 at once.
     */
    long run(long maxInstructions);

    /** Executes one instruction (or takes one pending exception). */
    default long step() {
        return run(1);
    }

    /** Ends the current {@link #run} at the next instruction boundary. */
    void requestStop();

    /** Stops this CPU until {@link #resume()}: the kernel's idle/dead state. */
    void halt();

    void resume();

    boolean halted();

    /** Raises or clears the IRQ line; taken at an instruction boundary when PSTATE.I is clear. */
    void setInterruptPending(boolean pending);

    boolean interruptPending();

    /** ERET: PC = ELR_EL1, PSTATE from SPSR_EL1; a context-synchronisation event. */
    void exceptionReturn();

    // ---- host-side cache maintenance, performed by this CPU (as the kernel's caches_clean_inval_pou) ----

    /** DC CVAU on the line containing va. */
    void cleanDataCacheToPou(long va);

    /** IC IVAU on the line containing va (broadcast to the inner-shareable domain). */
    void invalidateInstructionCache(long va);

    /** DSB ISH: completes this CPU's outstanding maintenance. */
    void dataSynchronizationBarrier();

    /** ISB: a context-synchronisation event on this CPU. */
    void instructionSynchronizationBarrier();

    // ---- accounting ----

    /** Live counters of this CPU. */
    CpuCounters counters();

    /** Charges modelled cycles for work done on this CPU's behalf outside guest code (e.g. stop_machine stalls). */
    void addCycles(long cycles);

    void setHazardListener(HazardListener listener);
}
