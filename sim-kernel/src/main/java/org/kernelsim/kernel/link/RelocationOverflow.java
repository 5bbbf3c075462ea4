package org.kernelsim.kernel.link;

import org.kernelsim.cpu.obj.RelocationType;

/** A relocation whose value does not fit its field: the kernel's {@code -ERANGE} from {@code reloc_insn_*}. */
public final class RelocationOverflow extends RuntimeException {

    private final RelocationType type;
    private final long value;

    public RelocationOverflow(RelocationType type, long value) {
        super(null, null, false, false);
        this.type = type;
        this.value = value;
    }

    public RelocationType type() {
        return type;
    }

    /** S+A, as the kernel prints it ("val %Lx"). */
    public long value() {
        return value;
    }

    /** {@code module %s: overflow in relocation type %d val %Lx}. */
    public String kernelMessage(String module) {
        return String.format("module %s: overflow in relocation type %d val %x", module, type.elfNumber(), value);
    }

    @Override
    public String getMessage() {
        return kernelMessage("?");
    }
}
