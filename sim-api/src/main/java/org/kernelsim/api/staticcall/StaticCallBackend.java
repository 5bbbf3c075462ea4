package org.kernelsim.api.staticcall;

import java.util.Optional;

/**
 * An arm64 implementation of static calls. It owns every machine-code decision: what the
 * trampoline, per-key stubs and a call site look like, and how an update rewrites them
 * ({@code arch_static_call_transform}). The core owns the C-level semantics ({@link #semantics()}),
 * the key storage ({@code __SCK__<name>: .quad func}, 8-byte aligned in .data), the site registry
 * and the locking, and calls back here.
 *
 * <p>Calling convention of an emitted call site: arguments are in x0..x7, the result in x0; the
 * sequence may clobber x9..x17 and x30 (for CALL/COND), like any call. For {@link CallKind#TAIL}
 * the caller has already torn down its frame and the sequence must transfer control for good
 * (through x16/x17 so BTI lets it land on {@code bti c}).
 */
public interface StaticCallBackend {

    /** The name configs select it by, e.g. {@code ool-literal}. */
    String name();

    Semantics semantics();

    /**
     * The symbol {@code key->func} initially holds, or empty for NULL. Default: the named
     * function, NULL → empty, RET0 → {@code __static_call_return0}.
     */
    default Optional<String> initialKeyFunc(EmitContext ctx, StaticCallKeyDef key) {
        if (key.initial() instanceof StaticCallKeyDef.Initial.Func f) {
            return Optional.of(f.symbol());
        }
        return key.initial() instanceof StaticCallKeyDef.Initial.Ret0
                ? Optional.of(StaticCallNames.RETURN0) : Optional.empty();
    }

    /** Emits once per object, before any key or call (shared stubs, if any). Default: nothing. */
    default void emitObjectSupport(EmitContext ctx) {
    }

    /**
     * DEFINE_STATIC_CALL*: emits the arch part of a key defined in this object: trampoline
     * ({@code __SCT__<name>}, usually in {@code .static_call.text}), literals, typed stubs. The
     * core has already emitted {@code __SCK__<name>}.
     */
    void emitKey(EmitContext ctx, StaticCallKeyDef key);

    /** Emits a call site in the current text section. */
    void emitCall(EmitContext ctx, StaticCallKeyDef key, CallKind kind);

    /**
     * What {@code key->func} holds after {@code static_call_update(key, func)}; e.g. cfi-ret0 maps
     * {@code __static_call_return0} to the key's typed stub. Default: {@code func}.
     */
    default long keyFuncValue(TransformContext ctx, StaticCallKey key, long func) {
        return func;
    }

    /** {@code static_call_query}: maps the stored {@code key->func} back to what was asked for. Default: identity. */
    default long queryValue(TransformContext ctx, StaticCallKey key, long storedFunc) {
        return storedFunc;
    }

    /**
     * {@code arch_static_call_transform(site, tramp, func, tail)}; either {@code site} or
     * {@code tramp} may be 0. Called after {@code key->func} is written, for OUT_OF_LINE and
     * INLINE semantics. A thrown exception aborts the update: the core restores the key and
     * reports the failure.
     */
    void transform(TransformContext ctx, StaticCallKey key, long site, long tramp, long func, boolean tail);

    /** Called once per key after its object is linked (boot or module COMING), before any call. Default: nothing. */
    default void init(TransformContext ctx, StaticCallKey key) {
    }
}
