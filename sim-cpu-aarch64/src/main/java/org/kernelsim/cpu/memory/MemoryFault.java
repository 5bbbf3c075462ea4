package org.kernelsim.cpu.memory;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by checked {@link Memory} accesses when the MMU would fault. The CPU catches it at the
 * instruction boundary and raises the architectural abort; host code (the simulated kernel's Java
 * services) catches it to report the fault the way the kernel would. It never reaches a user.
 * Stack traces are not filled in: faults are values on a hot path, not bugs.
 */
public final class MemoryFault extends RuntimeException {

    private final Fault fault;

    public MemoryFault(Fault fault) {
        super(null, null, false, false);
        this.fault = requireNonNull(fault, "fault");
    }

    public Fault fault() {
        return fault;
    }

    @Override
    public String getMessage() {
        return fault.kind() + " fault on " + fault.access() + " at 0x" + Long.toHexString(fault.address());
    }
}
