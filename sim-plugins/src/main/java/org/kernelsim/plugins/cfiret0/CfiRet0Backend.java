package org.kernelsim.plugins.cfiret0;

import java.util.Optional;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.StaticCallNames;
import org.kernelsim.api.staticcall.TransformContext;
import org.kernelsim.plugins.generic.GenericBackend;

/**
 * Generic static calls plus a typed return-0 stub per key (Josh Poimboeuf 2023 / Carlos Llamas
 * 2026; static-call.md §8): every key gets
 *
 * <pre>
 *   .word  &lt;kCFI id of the key's prototype&gt;     (when kCFI is on)
 *   __SCR__name:  d503245f  bti c
 *                 aa1f03e0  mov x0, xzr
 *                 d65f03c0  ret
 * </pre>
 *
 * so a RET0 key's kCFI-checked indirect call finds the id it expects. {@code DEFINE_STATIC_CALL_RET0}
 * and {@code static_call_update(key, __static_call_return0)} store the stub in {@code key->func};
 * {@code static_call_query} maps it back to {@code __static_call_return0}. NULL is as generic.
 */
public final class CfiRet0Backend extends GenericBackend {

    public CfiRet0Backend() {
        super("cfi-ret0");
    }

    @Override
    public Optional<String> initialKeyFunc(EmitContext ctx, StaticCallKeyDef key) {
        if (key.initial() instanceof StaticCallKeyDef.Initial.Ret0) {
            return Optional.of(StaticCallNames.ret0Stub(key.name()));
        }
        return super.initialKeyFunc(ctx, key);
    }

    @Override
    public void emitKey(EmitContext ctx, StaticCallKeyDef key) {
        CodeEmitter e = ctx.emitter();
        String section = e.currentSection();
        e.section(Sections.TEXT);
        e.beginFunction(StaticCallNames.ret0Stub(key.name()), key.type(), true);
        e.insn(A64.BTI_C).insn(A64.movX(0, A64.XZR)).insn(A64.RET);
        e.endFunction();
        e.section(section);
    }

    /** The key's stub; it lives in the key's own object (vmlinux or the defining module). */
    static long stub(TransformContext ctx, StaticCallKey key) {
        return ctx.kallsyms().addressOf(StaticCallNames.ret0Stub(key.name()));
    }

    @Override
    public long keyFuncValue(TransformContext ctx, StaticCallKey key, long func) {
        return func != 0 && func == ctx.return0() ? stub(ctx, key) : func;
    }

    @Override
    public long queryValue(TransformContext ctx, StaticCallKey key, long storedFunc) {
        return storedFunc != 0 && storedFunc == stub(ctx, key) ? ctx.return0() : storedFunc;
    }
}
