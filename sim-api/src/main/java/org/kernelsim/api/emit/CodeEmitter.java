package org.kernelsim.api.emit;

import org.kernelsim.api.kernel.KernelFeatures;
import org.kernelsim.api.types.FunctionType;
import org.kernelsim.cpu.obj.RelocationType;

/**
 * What backends and kernel modules need to build one relocatable object (vmlinux's built-in
 * objects or a loadable module): sections, symbols, instruction words and RELA relocations.
 * The kernel implements it and turns the result into an {@link org.kernelsim.cpu.obj.ObjectFile}
 * that its linker or module loader places and relocates.
 *
 * <p>Every label is a symbol of the object (local unless made global), and every reference to
 * a label is a relocation, so nothing here needs to know final addresses: the loader applies
 * the relocations with the kernel's own overflow checks, PLT veneers included. Instruction
 * words come from {@link A64} (or any encoder); the relocation fills in the immediate.
 *
 * <p>Section kinds follow their names: {@code .text*}, {@code .init.text},
 * {@code .static_call.text} are text; {@code .rodata*} read-only; {@code .bss*} zero-fill;
 * anything else ({@code .data}, {@code .static_call_sites}, {@code __ksymtab}) data.
 */
public interface CodeEmitter {

    /** "vmlinux" for the image's objects, else the module's name. */
    String objectName();

    /** The kernel configuration the code is built for (kCFI, BTI). */
    KernelFeatures features();

    /** Switches to {@code name}, creating it on first use. */
    CodeEmitter section(String name);

    String currentSection();

    /** Offset of the next byte within the current section. */
    long position();

    /** Pads the current section to a multiple of {@code bytes} (NOPs in text, zeros elsewhere). */
    CodeEmitter align(int bytes);

    /** Defines a local label at the current position. Names must be unique within the object. */
    CodeEmitter label(String name);

    /** A fresh local label name, {@code .L<prefix><n>}. */
    String uniqueLabel(String prefix);

    /**
     * Starts a function: aligns to 4, emits the kCFI type word of {@code type} when kCFI is
     * enabled (so the word sits at entry-4, where the check sequence loads it), then defines a
     * FUNC symbol, global when {@code global}. {@code type} may be null for untyped asm
     * functions (no type word: every kCFI-checked call to it fails, as for real asm).
     */
    CodeEmitter beginFunction(String name, FunctionType type, boolean global);

    /** Ends the current function, fixing its symbol size (kallsyms' {@code /0xlen}). */
    CodeEmitter endFunction();

    /** Starts a data object symbol (size fixed by {@link #endObject()}). */
    CodeEmitter beginObject(String name, boolean global);

    CodeEmitter endObject();

    /** EXPORT_SYMBOL: makes a defined global symbol resolvable by modules loaded later. */
    CodeEmitter export(String symbol);

    /** A 32-bit instruction word (or data word) verbatim. */
    CodeEmitter insn(int word);

    /** An instruction word whose immediate the loader fills from {@code symbol + addend}. */
    CodeEmitter insn(int word, RelocationType type, String symbol, long addend);

    default CodeEmitter insn(int word, RelocationType type, String symbol) {
        return insn(word, type, symbol, 0);
    }

    /** A 64-bit constant. */
    CodeEmitter quad(long value);

    /** A 64-bit absolute address of {@code symbol + addend} (R_AARCH64_ABS64). */
    CodeEmitter quad(String symbol, long addend);

    /** A 32-bit place-relative offset to {@code symbol + addend} (R_AARCH64_PREL32), as in {@code .static_call_sites}. */
    CodeEmitter prel32(String symbol, long addend);

    /** {@code bytes} zero bytes (NOBITS in .bss). */
    CodeEmitter space(long bytes);

    /** Marks the object's module_init / module_exit functions ({@code init_module}, {@code cleanup_module}). */
    CodeEmitter moduleInit(String function);

    CodeEmitter moduleExit(String function);
}
