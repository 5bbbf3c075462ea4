package org.kernelsim.cpu.disasm;

import java.io.PrintStream;
import java.util.List;

/**
 * Command-line disassembly of hex words ({@code ./sim disasm}): one objdump-format line per
 * word, {@code ffff800080000000:\td503245f \tbti\tc}, addresses counting up by 4 from base.
 */
public final class DisasmTool {
    private DisasmTool() {
    }

    /** Returns 0, or 2 (after a message on {@code err}) when a word is not 1-8 hex digits. */
    public static int run(long base, List<String> hexWords, PrintStream out, PrintStream err) {
        int[] words = new int[hexWords.size()];
        for (int i = 0; i < words.length; i++) {
            String s = hexWords.get(i).trim();
            if (s.startsWith("0x") || s.startsWith("0X")) {
                s = s.substring(2);
            }
            if (s.isEmpty() || s.length() > 8 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                err.println("disasm: '" + hexWords.get(i) + "' is not a 32-bit hex word (e.g. d503245f)");
                return 2;
            }
            words[i] = (int) Long.parseLong(s, 16);
        }
        Disassembler d = new Disassembler();
        for (int i = 0; i < words.length; i++) {
            out.println(d.line(words[i], base + 4L * i));
        }
        return 0;
    }
}
