package org.kernelsim.kernel.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.kernelsim.api.emit.A64;

/** Report text is objdump's, on one line: single spaces, no trailing annotation. */
class InsnsTest {

    @Test
    void objdumpTextOnOneLine() {
        assertEquals("add x21, x21, #0x1", Insns.describe(A64.addImmX(21, 21, 1), 0x1000));
        assertEquals("mov x0, #0x2", Insns.describe(A64.movzX(0, 2, 0), 0x1000));
        assertEquals("mov x21, x2", Insns.describe(A64.movX(21, 2), 0x1000));
        assertEquals("b 1010", Insns.describe(A64.b(0x10), 0x1000));
        assertEquals("bti c", Insns.describe(A64.BTI_C, 0x1000));
        assertEquals("brk #0x800", Insns.describe(A64.brk(0x800), 0x1000));
        assertEquals(".inst 0x02000000 ; undefined", Insns.describe(0x02000000, 0x1000));
        assertEquals("udf #0", Insns.describe(0, 0x1000));
    }
}
