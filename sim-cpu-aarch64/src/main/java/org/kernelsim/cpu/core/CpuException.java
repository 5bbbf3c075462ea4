package org.kernelsim.cpu.core;

import static java.util.Objects.requireNonNull;

import org.kernelsim.cpu.memory.Fault;

/**
 * An exception taken by a CPU, as a value: the architectural syndrome (ESR_ELx) it produces and
 * what the handler needs to know. Never a Java exception. ELR semantics follow the Arm ARM:
 * BRK, BTI, aborts and UNDEFINED leave ELR at the faulting instruction (or the branch target for
 * BTI); SVC/HVC/SMC leave ELR at the next instruction.
 */
public sealed interface CpuException {

    /** The value the CPU writes to ESR_EL1 (EC[31:26], IL[25], ISS[24:0]). */
    int esr();

    int IL = 1 << 25;

    static int ec(int esr) {
        return esr >>> 26;
    }

    /** UNDEFINED instruction: EC 0x00 (IL set for A64). */
    record Undefined(int word) implements CpuException {
        public int esr() { return IL; }
    }

    /** BRK #imm16: EC 0x3C, ISS = imm16. e.g. brk #0x8228 -> 0xf2008228. */
    record Breakpoint(int imm16) implements CpuException {
        public int esr() { return 0x3C << 26 | IL | (imm16 & 0xffff); }
    }

    /** SVC #imm16 (EC 0x15). */
    record SupervisorCall(int imm16) implements CpuException {
        public int esr() { return 0x15 << 26 | IL | (imm16 & 0xffff); }
    }

    /** HVC #imm16 (EC 0x16). The simulated kernel uses HVC to trap from guest stubs into Java services. */
    record HypervisorCall(int imm16) implements CpuException {
        public int esr() { return 0x16 << 26 | IL | (imm16 & 0xffff); }
    }

    /** SMC #imm16 (EC 0x17). */
    record SecureMonitorCall(int imm16) implements CpuException {
        public int esr() { return 0x17 << 26 | IL | (imm16 & 0xffff); }
    }

    /** Branch Target exception: EC 0x0D, ISS[1:0] = BTYPE; ELR = the branch target. */
    record BranchTarget(int btype) implements CpuException {
        public int esr() { return 0x0D << 26 | IL | (btype & 3); }
    }

    /**
     * Instruction abort: EC 0x20 from EL0, 0x21 from EL1; IFSC from the fault. FAR = fault address.
     */
    record InstructionAbort(Fault fault, int fromEl) implements CpuException {
        public InstructionAbort {
            requireNonNull(fault, "fault");
        }

        public int esr() { return (fromEl == 0 ? 0x20 : 0x21) << 26 | IL | fault.statusCode(); }
    }

    /**
     * Data abort: EC 0x24 from EL0, 0x25 from EL1; WnR = bit 6; DFSC from the fault. An EL1 store
     * to read-only text gives 0x9600004f.
     */
    record DataAbort(Fault fault, int fromEl) implements CpuException {
        public DataAbort {
            requireNonNull(fault, "fault");
        }

        public int esr() {
            boolean write = fault.access() == Fault.Access.WRITE;
            return (fromEl == 0 ? 0x24 : 0x25) << 26 | IL | (write ? 1 << 6 : 0) | fault.statusCode();
        }
    }

    /** An asynchronous IRQ taken at an instruction boundary (no syndrome). */
    record Interrupt() implements CpuException {
        public int esr() { return 0; }
    }
}
