package org.kernelsim.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.patching.Errno;
import org.kernelsim.api.patching.TextPatcher;
import org.kernelsim.api.plugin.BackendPlugin;
import org.kernelsim.api.plugin.NoOptions;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKey;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.staticcall.TransformContext;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.plugins.cfiret0.CfiRet0Backend;
import org.kernelsim.plugins.generic.GenericBackend;
import org.kernelsim.plugins.oolbranch.OolBranchBackend;
import org.kernelsim.plugins.oolbranch.OolBranchOptions;
import org.kernelsim.plugins.oolliteral.OolLiteralBackend;
import org.mockito.InOrder;

/** Emitted words, decoding and update sequences of the backends, against fakes (no kernel). */
class BackendUnitTest {

    static final StaticCallKeyDef KEY = StaticCallKeyDef.of("k", FunctionType.parse("int(int)"), "f");

    /** A CodeEmitter that records every instruction word. */
    static final class Recording {
        final CodeEmitter e = mock(CodeEmitter.class, RETURNS_SELF);
        final List<Integer> words = new ArrayList<>();
        final EmitContext ctx = mock(EmitContext.class);

        Recording(CfiMode cfi) {
            when(e.insn(anyInt())).thenAnswer(i -> {
                words.add(i.getArgument(0));
                return e;
            });
            when(e.insn(anyInt(), any(), anyString(), anyLong())).thenAnswer(i -> {
                words.add(i.getArgument(0));
                return e;
            });
            when(e.insn(anyInt(), any(), anyString())).thenAnswer(i -> {
                words.add(i.getArgument(0));
                return e;
            });
            when(e.currentSection()).thenReturn(".text");
            when(ctx.emitter()).thenReturn(e);
            when(ctx.features()).thenReturn(new KernelFeatures(cfi, true));
        }

        int[] words() {
            return words.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Test
    void genericCallSiteWithKcfi() {
        Recording r = new Recording(CfiMode.ENFORCING);
        new GenericBackend().emitCall(r.ctx, KEY, CallKind.CALL);
        assertArrayEquals(new int[] {A64.adrp(8, 0), A64.ldrX(8, 8, 0), 0xb85fc110, 0x7280f291, 0x72a000b1, 0x6b11021f,
                0x54000040, 0xd4304500, 0xd63f0100}, r.words(), "aarch64.md §3.1's example for x8 and int(int)");
        Recording t = new Recording(CfiMode.OFF);
        new GenericBackend().emitCall(t.ctx, KEY, CallKind.TAIL);
        assertArrayEquals(new int[] {A64.adrp(16, 0), A64.ldrX(16, 16, 0), 0xd61f0200}, t.words());
    }

    @Test
    void kcfiScratchRegistersAvoidTheTarget() {
        Recording r = new Recording(CfiMode.OFF);
        GenericBackend.emitKcfiCheck(r.e, 17, 0);
        assertEquals(A64.ldurW(16, 17, -4), r.words().length > 0 ? r.words()[0] : 0);
        assertEquals(A64.brk(0x8131), r.words()[5], "x17 target: type in w9, brk #0x8131");
    }

    @Test
    void oolLiteralTrampolineAndCallSites() {
        Recording r = new Recording(CfiMode.ENFORCING);
        new OolLiteralBackend().emitKey(r.ctx, KEY);
        assertArrayEquals(new int[] {0xd503245f, 0x90000010, 0xf9400210, 0xd61f0200}, r.words());
        verify(r.e).align(16);
        verify(r.e).beginFunction("__SCT__k", null, true);
        verify(r.e).quad("f", 0);
        Recording n = new Recording(CfiMode.OFF);
        new OolLiteralBackend().emitKey(n.ctx, StaticCallKeyDef.ofNull("n", FunctionType.parse("void(void)")));
        verify(n.e).quad("__static_call_return0", 0);
        Recording c = new Recording(CfiMode.ENFORCING);
        new OolLiteralBackend().emitCall(c.ctx, KEY, CallKind.CALL);
        new OolLiteralBackend().emitCall(c.ctx, KEY, CallKind.TAIL);
        assertArrayEquals(new int[] {0x94000000, 0x14000000}, c.words(), "bl/b __SCT__k, no kCFI check");
    }

    @Test
    void oolLiteralDecodesTheLiteralAddress() {
        long tramp = 0xffff800080001ff0L; // the ADRP at +4 is on the next page
        long lit = 0xffff800080a43128L;
        long pageDelta = (lit >> 12) - ((tramp + 4) >> 12);
        int adrp = A64.adrp(16, pageDelta);
        int ldr = A64.ldrX(16, 16, (int) (lit & 0xfff));
        assertEquals(lit, OolLiteralBackend.literalAddress(tramp, adrp, ldr));
        assertEquals(lit - 0x2000000, OolLiteralBackend.literalAddress(tramp, A64.adrp(16, pageDelta - 0x2000), ldr));
    }

    private static TransformContext context(TextPatcher patcher, Memory memory) {
        TransformContext ctx = mock(TransformContext.class);
        when(ctx.patcher()).thenReturn(patcher);
        when(ctx.memory()).thenReturn(memory);
        when(ctx.return0()).thenReturn(0xffff800080000100L);
        Kallsyms ks = mock(Kallsyms.class);
        when(ks.format(anyLong())).thenReturn("sym+0x0/0x10");
        when(ctx.kallsyms()).thenReturn(ks);
        return ctx;
    }

    @Test
    void oolLiteralTransformIsOneLiteralWriteAndWarnsOnce() {
        long tramp = 0xffff800080010000L;
        Memory mem = mock(Memory.class);
        when(mem.read32(tramp + 4)).thenReturn(A64.adrp(16, 2));
        when(mem.read32(tramp + 8)).thenReturn(A64.ldrX(16, 16, 0x18));
        TextPatcher p = mock(TextPatcher.class);
        TransformContext ctx = context(p, mem);
        StaticCallKey key = mock(StaticCallKey.class);
        OolLiteralBackend b = new OolLiteralBackend();
        b.transform(ctx, key, 0, tramp, 0, true);
        verify(p).writeLiteral64(tramp + 0x2018, 0xffff800080000100L);
        when(p.writeLiteral64(anyLong(), anyLong())).thenReturn(Errno.EINVAL);
        b.transform(ctx, key, 0, tramp, 0x1234, false);
        b.transform(ctx, key, 0, tramp, 0x1234, false);
        verify(ctx, times(1)).warn(anyString());
        verify(p, never()).patchNosync(anyLong(), anyInt());
        verify(p, never()).patch(any(), any());
    }

    @Test
    void oolBranchSlotRange() {
        long tramp = 0x1_0000_0000L;
        long slot = tramp + 4;
        OolBranchBackend ret = new OolBranchBackend(OolBranchOptions.defaults());
        OolBranchBackend stub = new OolBranchBackend(new OolBranchOptions(OolBranchOptions.NullAs.STUB,
                OolBranchOptions.Rewrite.NOSYNC));
        assertEquals(0x15ffffff, ret.slotFor(tramp, slot + 0x7fffffc));
        assertEquals(A64.NOP, ret.slotFor(tramp, slot + 0x8000000));
        assertEquals(0x16000000, ret.slotFor(tramp, slot - 0x8000000));
        assertEquals(A64.NOP, ret.slotFor(tramp, slot - 0x8000004));
        assertEquals(A64.RET, ret.slotFor(tramp, 0));
        assertEquals(A64.b(20), stub.slotFor(tramp, 0), "B __SCN__ at +24");
    }

    @Test
    void oolBranchWritesTheLiteralThenTheSlot() {
        long tramp = 0xffff800080020000L;
        Memory mem = mock(Memory.class);
        when(mem.read32(tramp + 8)).thenReturn(OolBranchBackend.LDR_X16_LITERAL);
        for (OolBranchOptions.Rewrite rw : OolBranchOptions.Rewrite.values()) {
            TextPatcher p = mock(TextPatcher.class);
            TransformContext ctx = context(p, mem);
            new OolBranchBackend(new OolBranchOptions(OolBranchOptions.NullAs.RET, rw))
                    .transform(ctx, mock(StaticCallKey.class), 0, tramp, tramp + 0x1000, false);
            InOrder order = inOrder(p);
            order.verify(p).writeLiteral64(tramp + 16, tramp + 0x1000);
            if (rw == OolBranchOptions.Rewrite.NOSYNC) {
                order.verify(p).patchNosync(tramp + 4, A64.b(0xffc));
                verify(p, never()).patch(any(), any());
            } else {
                order.verify(p).patch(eq(new long[] {tramp + 4}), eq(new int[] {A64.b(0xffc)}));
                verify(p, never()).patchNosync(anyLong(), anyInt());
            }
        }
        // NULL: the literal points at the trampoline's own bti c; ret stub.
        TextPatcher p = mock(TextPatcher.class);
        new OolBranchBackend(OolBranchOptions.defaults()).transform(context(p, mem), mock(StaticCallKey.class), 0, tramp, 0,
                false);
        verify(p).writeLiteral64(tramp + 16, tramp + 24);
        verify(p).patchNosync(tramp + 4, A64.RET);
        // A failed write aborts the update (the core restores the key).
        TextPatcher bad = mock(TextPatcher.class);
        when(bad.writeLiteral64(anyLong(), anyLong())).thenReturn(Errno.EINVAL);
        assertThrows(IllegalStateException.class, () -> new OolBranchBackend(OolBranchOptions.defaults())
                .transform(context(bad, mem), mock(StaticCallKey.class), 0, tramp, 0x40, false));
        verify(bad, never()).patchNosync(anyLong(), anyInt());
    }

    @Test
    void cfiRet0MapsReturn0ToTheKeysStubAndBack() {
        TransformContext ctx = context(mock(TextPatcher.class), mock(Memory.class));
        Kallsyms ks = ctx.kallsyms();
        when(ks.addressOf("__SCR__k")).thenReturn(0x5000L);
        StaticCallKey key = mock(StaticCallKey.class);
        when(key.name()).thenReturn("k");
        CfiRet0Backend b = new CfiRet0Backend();
        assertEquals(0x5000L, b.keyFuncValue(ctx, key, ctx.return0()));
        assertEquals(0x40L, b.keyFuncValue(ctx, key, 0x40));
        assertEquals(0L, b.keyFuncValue(ctx, key, 0));
        assertEquals(ctx.return0(), b.queryValue(ctx, key, 0x5000L));
        assertEquals(0L, b.queryValue(ctx, key, 0));
        Recording r = new Recording(CfiMode.ENFORCING);
        b.emitKey(r.ctx, KEY);
        verify(r.e).beginFunction("__SCR__k", KEY.type(), true);
        assertArrayEquals(new int[] {0xd503245f, 0xaa1f03e0, 0xd65f03c0}, r.words());
    }

    @Test
    void pluginsAreFoundAndBindTheirBackend() {
        List<String> names = new ArrayList<>();
        for (BackendPlugin p : ServiceLoader.load(BackendPlugin.class)) {
            names.add(p.name());
            Record options = p.optionsType() == NoOptions.class ? new NoOptions() : OolBranchOptions.defaults();
            StaticCallBackend b = Guice.createInjector(p.module(options)).getInstance(StaticCallBackend.class);
            assertEquals(p.name(), b.name());
        }
        assertEquals(List.of("generic", "cfi-ret0", "ool-literal", "ool-branch"), names);
        BackendPlugin ob = ServiceLoader.load(BackendPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("ool-branch")).findFirst().orElseThrow();
        assertEquals(OolBranchOptions.class, ob.optionsType());
        assertEquals(List.of("ret", "nosync"), ob.options().stream().map(o -> o.defaultValue().orElseThrow()).toList());
        assertInstanceOf(OolBranchBackend.class,
                Guice.createInjector(ob.module(OolBranchOptions.defaults())).getInstance(StaticCallBackend.class));
    }
}
