package org.kernelsim.api.module;

import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.JavaFunction;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;

/** What a {@link KernelModule} builds its object with. */
public interface ModuleBuildContext {

    CodeEmitter emitter();

    default KernelFeatures features() {
        return emitter().features();
    }

    /** The selected backend's name (modules normally need not care). */
    String backendName();

    /**
     * The static-call configuration code is compiled for: C code such as the tracepoint macros
     * tests {@code IS_ENABLED(CONFIG_HAVE_STATIC_CALL)}, i.e. anything but {@link Semantics#GENERIC}.
     */
    Semantics staticCallSemantics();

    /** {@code DEFINE_STATIC_CALL*}: key storage plus the backend's trampoline/stubs, in this object. */
    void defineStaticCall(StaticCallKeyDef key);

    /** {@code DECLARE_STATIC_CALL}: makes a key defined elsewhere (vmlinux or an earlier module) callable from here. */
    void declareStaticCall(StaticCallKeyDef key);

    /**
     * Emits {@code static_call(name)(...)} (or the tail / cond form) at the current position of
     * the current text section, with arguments already in x0..x7.
     */
    void staticCall(String keyName, CallKind kind);

    /**
     * A Java-implemented function: emits {@code [kcfi word] name: bti c; hvc #id; ret} in this
     * object's text, exported when {@code export}. Guest calls to it run {@code fn}.
     */
    void javaFunction(String name, FunctionType type, JavaFunction fn, boolean export);
}
