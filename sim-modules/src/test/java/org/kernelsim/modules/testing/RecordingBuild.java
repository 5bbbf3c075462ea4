package org.kernelsim.modules.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.kernel.CfiMode;
import org.kernelsim.api.kernel.JavaFunction;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.module.ModuleBuildContext;
import org.kernelsim.api.staticcall.CallKind;
import org.kernelsim.api.staticcall.Semantics;
import org.kernelsim.api.staticcall.StaticCallKeyDef;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.obj.RelocationType;

/**
 * A hand-written fake of the kernel's build services: a {@link ModuleBuildContext} and its
 * {@link CodeEmitter} that record what a module builds (functions with their types, instruction
 * words with relocations, static-call keys and sites, Java functions, exports, init/exit) instead
 * of assembling an object. A static-call site is recorded with the function it is emitted in.
 */
public final class RecordingBuild implements ModuleBuildContext, CodeEmitter {

    /** A function as {@link CodeEmitter#beginFunction} declared it; {@code type} null for untyped asm. */
    public record Function(String name, FunctionType type, boolean global) {
    }

    /** An emitted word, in the function (or data object) it belongs to; {@code symbol} empty without a relocation. */
    public record Word(String in, String section, int word, Optional<RelocationType> reloc, Optional<String> symbol) {
    }

    /** A {@code static_call()} site emitted inside {@code function}. */
    public record Site(String function, String key, CallKind kind) {
    }

    /** A Java-implemented function. */
    public record Java(String name, FunctionType type, boolean export, JavaFunction fn) {
    }

    private final String objectName;
    private final KernelFeatures features;
    private final Semantics semantics;
    private String section = ".text";
    private String current = "";
    private int labels;
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    public final Map<String, Function> functions = new LinkedHashMap<>();
    public final List<String> objects = new ArrayList<>();
    public final List<Word> words = new ArrayList<>();
    public final List<StaticCallKeyDef> defined = new ArrayList<>();
    public final List<StaticCallKeyDef> declared = new ArrayList<>();
    public final List<Site> sites = new ArrayList<>();
    public final Map<String, Java> javaFunctions = new LinkedHashMap<>();
    public final List<String> exports = new ArrayList<>();
    public final List<String> labelsDefined = new ArrayList<>();
    public String init;
    public String exit;

    public RecordingBuild(String objectName, KernelFeatures features, Semantics semantics) {
        this.objectName = requireNonNull(objectName, "objectName");
        this.features = requireNonNull(features, "features");
        this.semantics = requireNonNull(semantics, "semantics");
    }

    /** vmlinux, kCFI enforcing, BTI on, out-of-line static calls. */
    public static RecordingBuild vmlinux() {
        return new RecordingBuild("vmlinux", new KernelFeatures(CfiMode.ENFORCING, true), Semantics.OUT_OF_LINE);
    }

    public static RecordingBuild module(String name) {
        return new RecordingBuild(name, new KernelFeatures(CfiMode.ENFORCING, true), Semantics.OUT_OF_LINE);
    }

    /** The sites emitted in {@code function}, in order. */
    public List<Site> sitesIn(String function) {
        return sites.stream().filter(s -> s.function().equals(function)).toList();
    }

    /** The words emitted in {@code function}, in order. */
    public List<Word> wordsIn(String function) {
        return words.stream().filter(w -> w.in().equals(function)).toList();
    }

    /** The symbols {@code function} references with {@code reloc}, in order. */
    public List<String> references(String function, RelocationType reloc) {
        return wordsIn(function).stream().filter(w -> w.reloc().equals(Optional.of(reloc)))
                .map(w -> w.symbol().orElseThrow()).toList();
    }

    public Function function(String name) {
        Function f = functions.get(name);
        if (f == null) {
            throw new AssertionError("no function " + name + " in " + functions.keySet());
        }
        return f;
    }

    // ---- ModuleBuildContext ----

    @Override
    public CodeEmitter emitter() {
        return this;
    }

    @Override
    public String backendName() {
        return "recording";
    }

    @Override
    public Semantics staticCallSemantics() {
        return semantics;
    }

    @Override
    public void defineStaticCall(StaticCallKeyDef key) {
        defined.add(key);
    }

    @Override
    public void declareStaticCall(StaticCallKeyDef key) {
        declared.add(key);
    }

    @Override
    public void staticCall(String keyName, CallKind kind) {
        if (!section.startsWith(".text") || current.isEmpty()) {
            throw new IllegalStateException("static_call(" + keyName + ") outside a function");
        }
        sites.add(new Site(current, keyName, kind));
    }

    @Override
    public void javaFunction(String name, FunctionType type, JavaFunction fn, boolean export) {
        if (javaFunctions.put(name, new Java(name, type, export, fn)) != null || functions.containsKey(name)) {
            throw new IllegalStateException("duplicate symbol " + name);
        }
    }

    // ---- CodeEmitter ----

    @Override
    public String objectName() {
        return objectName;
    }

    @Override
    public KernelFeatures features() {
        return features;
    }

    @Override
    public CodeEmitter section(String name) {
        section = requireNonNull(name, "name");
        return this;
    }

    @Override
    public String currentSection() {
        return section;
    }

    @Override
    public long position() {
        return sizes.getOrDefault(section, 0L);
    }

    private void advance(long bytes) {
        sizes.merge(section, bytes, Long::sum);
    }

    @Override
    public CodeEmitter align(int bytes) {
        long p = position();
        advance((bytes - p % bytes) % bytes);
        return this;
    }

    @Override
    public CodeEmitter label(String name) {
        labelsDefined.add(name);
        return this;
    }

    @Override
    public String uniqueLabel(String prefix) {
        return ".L" + prefix + labels++;
    }

    @Override
    public CodeEmitter beginFunction(String name, FunctionType type, boolean global) {
        if (!current.isEmpty()) {
            throw new IllegalStateException("function " + name + " begun inside " + current);
        }
        if (functions.put(name, new Function(name, type, global)) != null) {
            throw new IllegalStateException("duplicate function " + name);
        }
        current = name;
        return this;
    }

    @Override
    public CodeEmitter endFunction() {
        if (current.isEmpty()) {
            throw new IllegalStateException("endFunction without a function");
        }
        current = "";
        return this;
    }

    @Override
    public CodeEmitter beginObject(String name, boolean global) {
        objects.add(name);
        current = name;
        return this;
    }

    @Override
    public CodeEmitter endObject() {
        current = "";
        return this;
    }

    @Override
    public CodeEmitter export(String symbol) {
        exports.add(symbol);
        return this;
    }

    @Override
    public CodeEmitter insn(int word) {
        words.add(new Word(current, section, word, Optional.empty(), Optional.empty()));
        advance(4);
        return this;
    }

    @Override
    public CodeEmitter insn(int word, RelocationType type, String symbol, long addend) {
        words.add(new Word(current, section, word, Optional.of(type), Optional.of(symbol)));
        advance(4);
        return this;
    }

    @Override
    public CodeEmitter quad(long value) {
        advance(8);
        return this;
    }

    @Override
    public CodeEmitter quad(String symbol, long addend) {
        words.add(new Word(current, section, 0, Optional.of(RelocationType.ABS64), Optional.of(symbol)));
        advance(8);
        return this;
    }

    @Override
    public CodeEmitter prel32(String symbol, long addend) {
        words.add(new Word(current, section, 0, Optional.of(RelocationType.PREL32), Optional.of(symbol)));
        advance(4);
        return this;
    }

    @Override
    public CodeEmitter space(long bytes) {
        advance(bytes);
        return this;
    }

    @Override
    public CodeEmitter moduleInit(String function) {
        init = function;
        return this;
    }

    @Override
    public CodeEmitter moduleExit(String function) {
        exit = function;
        return this;
    }
}
