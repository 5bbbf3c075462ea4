package org.kernelsim.cpu.disasm;

import static java.util.Objects.requireNonNull;

import org.kernelsim.cpu.decode.Decoder;
import org.kernelsim.cpu.decode.Form;

/**
 * objdump-exact disassembly of A64 words, from the one {@code DecodeTable}. The text uses
 * objdump's tab between mnemonic and operands; PC-relative targets print as
 * {@code <hex-address>} followed by {@code " <symbol>"} when the {@link Symbolizer} names it.
 * An UNDEFINED word prints as {@code .inst\t0x%08x ; undefined}.
 */
public final class Disassembler {

    private final Symbolizer symbolizer;

    public Disassembler() {
        this(Symbolizer.NONE);
    }

    public Disassembler(Symbolizer symbolizer) {
        this.symbolizer = requireNonNull(symbolizer, "symbolizer");
    }

    /** The text of {@code word} located at address {@code pc}. */
    public String disassemble(int word, long pc) {
        Form f = Decoder.formOf(word);
        if (f == null) {
            return String.format(".inst\t0x%08x ; undefined", word);
        }
        return f.render(word, pc, this::target);
    }

    private String target(long address) {
        String sym = symbolizer.symbolize(address);
        return Long.toHexString(address) + (sym != null ? " <" + sym + ">" : "");
    }

    /** One objdump line: {@code addr:\tword \ttext}. */
    public String line(int word, long pc) {
        return String.format("%x:\t%08x \t%s", pc, word, disassemble(word, pc));
    }

    /** Static convenience without symbols. */
    public static String text(int word, long pc) {
        return new Disassembler().disassemble(word, pc);
    }
}
