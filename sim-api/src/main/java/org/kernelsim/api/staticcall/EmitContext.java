package org.kernelsim.api.staticcall;

import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.KernelFeatures;

/** What a backend gets while code is generated for one object (vmlinux or a module). */
public interface EmitContext {

    /** The object being built; the backend appends to its current section (and may switch sections, restoring afterwards). */
    CodeEmitter emitter();

    default KernelFeatures features() {
        return emitter().features();
    }

    /** "vmlinux" or the module's name. */
    default String objectName() {
        return emitter().objectName();
    }

    /**
     * Records a {@code .static_call_sites} entry (objtool's job) for the instruction about to be
     * emitted at the current position of the current section, against {@code key}. Inline-style
     * backends call it so the core can hand the site to {@code transform}.
     */
    void recordSite(StaticCallKeyDef key, boolean tail);
}
