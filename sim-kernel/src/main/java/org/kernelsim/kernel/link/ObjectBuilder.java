package org.kernelsim.kernel.link;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.emit.Sections;
import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.obj.ObjectFile;
import org.kernelsim.cpu.obj.Relocation;
import org.kernelsim.cpu.obj.RelocationType;
import org.kernelsim.cpu.obj.Section;
import org.kernelsim.cpu.obj.Symbol;

/** The kernel's {@link CodeEmitter}: accumulates sections, symbols and relocations into an {@link ObjectFile}. */
public final class ObjectBuilder implements CodeEmitter {

    private final String objectName;
    private final KernelFeatures features;
    private final Map<String, Buf> sections = new LinkedHashMap<>();
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final List<Relocation> relocations = new ArrayList<>();
    private final List<String> exports = new ArrayList<>();
    private final Map<String, FunctionType> prototypes = new HashMap<>();
    private Buf current;
    private String openFunction;
    private long openStart;
    private String openFunctionSection;
    private boolean openIsObject;
    private int labelCounter;
    private String init;
    private String exit;

    private static final class Buf {
        final String name;
        final Section.Kind kind;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long bssSize;
        int alignment = 4;

        Buf(String name, Section.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        long size() {
            return kind == Section.Kind.BSS ? bssSize : bytes.size();
        }
    }

    private final String unitName;

    /** @param objectName "vmlinux" or the module name; {@code unitName} names the ObjectFile (unique per image part). */
    public ObjectBuilder(String objectName, String unitName, KernelFeatures features) {
        this.objectName = requireNonNull(objectName, "objectName");
        this.unitName = requireNonNull(unitName, "unitName");
        this.features = requireNonNull(features, "features");
        section(Sections.TEXT);
    }

    public static Section.Kind kindOf(String name) {
        if (name.startsWith(".text") || name.equals(Sections.INIT_TEXT) || name.equals(Sections.STATIC_CALL_TEXT)
                || name.endsWith(".text")) {
            return Section.Kind.TEXT;
        }
        if (name.startsWith(".rodata")) {
            return Section.Kind.RODATA;
        }
        if (name.startsWith(".bss")) {
            return Section.Kind.BSS;
        }
        return Section.Kind.DATA;
    }

    @Override
    public String objectName() {
        return objectName;
    }

    /** The name of the ObjectFile this builds (unique per image part). */
    public String unitName() {
        return unitName;
    }

    @Override
    public KernelFeatures features() {
        return features;
    }

    @Override
    public CodeEmitter section(String name) {
        current = sections.computeIfAbsent(name, n -> new Buf(n, kindOf(n)));
        return this;
    }

    @Override
    public String currentSection() {
        return current.name;
    }

    @Override
    public long position() {
        return current.size();
    }

    @Override
    public CodeEmitter align(int bytes) {
        if (Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + bytes);
        }
        current.alignment = Math.max(current.alignment, bytes);
        while (position() % bytes != 0) {
            if (current.kind == Section.Kind.TEXT && position() % 4 == 0) {
                insn(A64.NOP);
            } else if (current.kind == Section.Kind.BSS) {
                current.bssSize++;
            } else {
                current.bytes.write(0);
            }
        }
        return this;
    }

    @Override
    public CodeEmitter label(String name) {
        define(new Symbol(name, current.name, position(), 0, Symbol.Binding.LOCAL, Symbol.Type.NOTYPE, OptionalInt.empty()));
        return this;
    }

    @Override
    public String uniqueLabel(String prefix) {
        return ".L" + prefix + (labelCounter++);
    }

    private void define(Symbol s) {
        Symbol prev = symbols.get(s.name());
        if (prev != null && prev.isDefined()) {
            throw new IllegalStateException(objectName + ": symbol defined twice: " + s.name());
        }
        symbols.put(s.name(), s);
    }

    @Override
    public CodeEmitter beginFunction(String name, FunctionType type, boolean global) {
        if (openFunction != null) {
            throw new IllegalStateException(objectName + ": function " + openFunction + " still open");
        }
        if (current.kind != Section.Kind.TEXT) {
            throw new IllegalStateException(objectName + ": function " + name + " outside text (" + current.name + ")");
        }
        align(4);
        OptionalInt id = OptionalInt.empty();
        if (type != null) {
            prototypes.put(name, type);
            if (features.cfi().enabled()) {
                id = OptionalInt.of(type.kcfiId());
                insn(type.kcfiId());
            }
        }
        openFunction = name;
        openStart = position();
        openFunctionSection = current.name;
        openIsObject = false;
        define(new Symbol(name, current.name, position(), 0, global ? Symbol.Binding.GLOBAL : Symbol.Binding.LOCAL,
                Symbol.Type.FUNC, id));
        return this;
    }

    @Override
    public CodeEmitter endFunction() {
        return close(false);
    }

    private CodeEmitter close(boolean object) {
        if (openFunction == null || openIsObject != object) {
            throw new IllegalStateException(objectName + ": no open " + (object ? "object" : "function"));
        }
        Buf b = sections.get(openFunctionSection);
        Symbol s = symbols.get(openFunction);
        symbols.put(openFunction, new Symbol(s.name(), s.section(), s.value(), b.size() - openStart, s.binding(), s.type(),
                s.kcfiTypeId()));
        openFunction = null;
        return this;
    }

    @Override
    public CodeEmitter beginObject(String name, boolean global) {
        if (openFunction != null) {
            throw new IllegalStateException(objectName + ": " + openFunction + " still open");
        }
        openFunction = name;
        openStart = position();
        openFunctionSection = current.name;
        openIsObject = true;
        define(new Symbol(name, current.name, position(), 0, global ? Symbol.Binding.GLOBAL : Symbol.Binding.LOCAL,
                Symbol.Type.OBJECT, OptionalInt.empty()));
        return this;
    }

    @Override
    public CodeEmitter endObject() {
        return close(true);
    }

    @Override
    public CodeEmitter export(String symbol) {
        if (!exports.contains(symbol)) {
            exports.add(symbol);
        }
        return this;
    }

    public boolean defines(String symbol) {
        Symbol s = symbols.get(symbol);
        return s != null && s.isDefined();
    }

    private void put32(int v) {
        if (current.kind == Section.Kind.BSS) {
            throw new IllegalStateException(objectName + ": data in NOBITS section " + current.name);
        }
        current.bytes.write(v);
        current.bytes.write(v >>> 8);
        current.bytes.write(v >>> 16);
        current.bytes.write(v >>> 24);
    }

    @Override
    public CodeEmitter insn(int word) {
        put32(word);
        return this;
    }

    @Override
    public CodeEmitter insn(int word, RelocationType type, String symbol, long addend) {
        relocations.add(new Relocation(current.name, position(), type, symbol, addend));
        put32(word);
        return this;
    }

    @Override
    public CodeEmitter quad(long value) {
        put32((int) value);
        put32((int) (value >>> 32));
        return this;
    }

    @Override
    public CodeEmitter quad(String symbol, long addend) {
        relocations.add(new Relocation(current.name, position(), RelocationType.ABS64, symbol, addend));
        return quad(0);
    }

    @Override
    public CodeEmitter prel32(String symbol, long addend) {
        relocations.add(new Relocation(current.name, position(), RelocationType.PREL32, symbol, addend));
        put32(0);
        return this;
    }

    @Override
    public CodeEmitter space(long bytes) {
        if (current.kind == Section.Kind.BSS) {
            current.bssSize += bytes;
        } else {
            for (long i = 0; i < bytes; i++) {
                current.bytes.write(0);
            }
        }
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

    /** The finished object: undefined symbols are those referenced by relocations but never defined. */
    public BuiltObject build() {
        if (openFunction != null) {
            throw new IllegalStateException(objectName + ": " + openFunction + " not ended");
        }
        List<Section> out = new ArrayList<>();
        for (Buf b : sections.values()) {
            if (b.size() == 0) {
                continue;
            }
            out.add(b.kind == Section.Kind.BSS ? new Section(b.name, b.kind, null, b.bssSize, b.alignment)
                    : new Section(b.name, b.kind, b.bytes.toByteArray(), b.bytes.size(), b.alignment));
        }
        Map<String, Symbol> syms = new LinkedHashMap<>(symbols);
        for (Relocation r : relocations) {
            syms.putIfAbsent(r.symbol(), Symbol.undefined(r.symbol()));
        }
        for (String e : exports) {
            if (!defines(e)) {
                throw new IllegalStateException(objectName + ": EXPORT_SYMBOL(" + e + ") of an undefined symbol");
            }
        }
        ObjectFile obj = new ObjectFile(unitName, out, List.copyOf(syms.values()), relocations);
        return new BuiltObject(obj, exports, prototypes, Optional.ofNullable(init), Optional.ofNullable(exit));
    }
}
