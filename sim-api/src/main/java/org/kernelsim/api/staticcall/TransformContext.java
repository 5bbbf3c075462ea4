package org.kernelsim.api.staticcall;

import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.stopmachine.StopMachine;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.memory.Memory;

/** The kernel services {@code arch_static_call_transform} may use. */
public interface TransformContext {

    TextPatcher patcher();

    StopMachine stopMachine();

    Kallsyms kallsyms();

    /**
     * Host view of kernel memory, for reading (decoding the ADRP/LDR of a trampoline, the
     * current literal). Text and rodata must be changed through {@link #patcher()} only.
     */
    Memory memory();

    KernelFeatures features();

    /** Address of {@code __static_call_return0}. */
    long return0();

    /** {@code WARN_ON_ONCE(cond)}-style report: prints {@code WARNING: CPU: ... at <caller>} with the message. */
    void warn(String message);
}
