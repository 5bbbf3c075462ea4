package org.kernelsim.kernel.patching;

import org.kernelsim.cpu.disasm.Disassembler;

/**
 * One-line instruction text for the kernel's reports (CMODX violations, stale fetches, the oops
 * {@code Code:} line): the CPU module's objdump-exact {@link Disassembler}, with objdump's tabs
 * turned into single spaces and its trailing {@code // ...} annotation dropped so the text sits
 * inside a message, e.g. {@code mov x0, #0x1} for objdump's {@code mov\tx0, #0x1  \t// #1}.
 */
public final class Insns {

    private Insns() {
    }

    /**
     * As {@link #describe(int, long)}, with a direct branch's (B, BL) target symbolised as objdump
     * does: {@code b ffff8000800000a0 <cc_func_0>}, {@code <sym+0x10>} inside a symbol.
     */
    public static String describe(int w, long pc, org.kernelsim.api.symbols.Kallsyms kallsyms) {
        String text = describe(w, pc);
        if ((w & 0x7c000000) != 0x14000000) {
            return text;
        }
        long target = pc + ((long) (w << 6 >> 6) << 2);
        return kallsyms.symbolAt(target).map(s -> text + " <" + s.name()
                + (target == s.address() ? "" : "+0x" + Long.toHexString(target - s.address())) + ">").orElse(text);
    }

    public static String describe(int w, long pc) {
        String text = Disassembler.text(w, pc);
        int comment = text.indexOf("//");
        return (comment < 0 ? text : text.substring(0, comment).stripTrailing()).replace('\t', ' ');
    }
}
