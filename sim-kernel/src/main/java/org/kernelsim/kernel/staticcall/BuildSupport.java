package org.kernelsim.kernel.staticcall;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.kernel.JavaFunction;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.EmitContext;
import org.kernelsim.api.staticcall.StaticCallBackend;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.kernel.link.ObjectBuilder;
import org.kernelsim.kernel.trap.JavaServices;

/** Builds one object: the {@link ModuleBuildContext} modules see and the {@link EmitContext} backends see. */
public final class BuildSupport implements ModuleBuildContext, EmitContext {

    private final ObjectBuilder builder;
    private final StaticCallCore core;
    private final JavaServices services;
    private final StaticCallBackend backend;
    private final Map<String, StaticCallKeyDef> local = new HashMap<>();
    private final List<StaticCallKeyDef> definedHere = new ArrayList<>();

    public BuildSupport(ObjectBuilder builder, StaticCallCore core, JavaServices services) {
        this.builder = requireNonNull(builder, "builder");
        this.core = requireNonNull(core, "core");
        this.services = requireNonNull(services, "services");
        this.backend = core.backendImpl();
        backend.emitObjectSupport(this);
        builder.section(Sections.TEXT);
    }

    public ObjectBuilder builder() {
        return builder;
    }

    public List<StaticCallKeyDef> definedHere() {
        return List.copyOf(definedHere);
    }

    @Override
    public CodeEmitter emitter() {
        return builder;
    }

    @Override
    public org.kernelsim.api.kernel.KernelFeatures features() {
        return builder.features();
    }

    @Override
    public String objectName() {
        return builder.objectName();
    }

    @Override
    public String backendName() {
        return backend.name();
    }

    @Override
    public org.kernelsim.api.staticcall.Semantics staticCallSemantics() {
        return backend.semantics();
    }

    @Override
    public void defineStaticCall(StaticCallKeyDef key) {
        core.defined(key, builder.objectName());
        local.put(key.name(), key);
        definedHere.add(key);
        String section = builder.currentSection();
        builder.section(Sections.DATA).align(8).beginObject(key.keySymbol(), true);
        backend.initialKeyFunc(this, key).ifPresentOrElse(f -> builder.quad(f, 0), () -> builder.quad(0));
        builder.endObject();
        backend.emitKey(this, key);
        if (key.exported()) {
            // EXPORT_STATIC_CALL: the key and, when the backend has one, the trampoline.
            builder.export(key.keySymbol());
            if (builder.defines(key.trampolineSymbol())) {
                builder.export(key.trampolineSymbol());
            }
        }
        builder.section(section);
    }

    @Override
    public void declareStaticCall(StaticCallKeyDef key) {
        local.putIfAbsent(key.name(), key);
    }

    @Override
    public void staticCall(String keyName, CallKind kind) {
        StaticCallKeyDef def = local.get(keyName);
        if (def == null) {
            def = core.knownDef(keyName).orElseThrow(() -> new IllegalStateException(
                    builder.objectName() + ": static_call(" + keyName + ") of an undeclared key"));
        }
        // Marks the site so the kernel can probe its first instruction once it is linked.
        String label = builder.uniqueLabel("sc_site");
        builder.label(label);
        core.callProbes().siteEmitted(builder.unitName(), label, def.name());
        backend.emitCall(this, def, kind);
    }

    @Override
    public void javaFunction(String name, FunctionType type, JavaFunction fn, boolean export) {
        int id = services.register(name, type, fn);
        String section = builder.currentSection();
        builder.section(Sections.TEXT);
        builder.beginFunction(name, type, true);
        builder.insn(A64.BTI_C).insn(A64.hvc(id)).insn(A64.RET);
        builder.endFunction();
        if (export) {
            builder.export(name);
        }
        builder.section(section);
    }

    @Override
    public void recordSite(StaticCallKeyDef key, boolean tail) {
        String label = builder.uniqueLabel("scs");
        builder.label(label);
        String section = builder.currentSection();
        builder.section(Sections.STATIC_CALL_SITES).align(4);
        builder.prel32(label, 0).prel32(key.keySymbol(), tail ? 1 : 0);
        builder.section(section);
    }
}
