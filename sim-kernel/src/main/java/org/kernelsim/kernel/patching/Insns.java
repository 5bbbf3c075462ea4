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

    public static String describe(int w, long pc) {
        String text = Disassembler.text(w, pc);
        int comment = text.indexOf("//");
        return (comment < 0 ? text : text.substring(0, comment).stripTrailing()).replace('\t', ' ');
    }
}
