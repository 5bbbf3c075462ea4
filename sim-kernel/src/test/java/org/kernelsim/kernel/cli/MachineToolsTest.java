package org.kernelsim.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelsim.kernel.run.PlanOnlyRunner;

/** {@code ./sim disasm} and {@code ./sim exec} in-process: output, exit status, no stack traces. */
class MachineToolsTest {

    private static final Path ELF = MainTest.ROOT.resolve("sim-cpu-aarch64/src/test/resources/golden/elf");

    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int sim(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = new Main(new CliEnvironment(getClass().getClassLoader(), tmp, new PlanOnlyRunner()))
                .execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return status;
    }

    @Test
    void disasmPrintsObjdumpLinesFromTheBase() {
        assertEquals(0, sim("disasm", "--base", "0xffff800080000000", "d503245f", "90000010", "f9400210", "d61f0200",
                "b85fc110", "d4304500"));
        assertEquals("""
                ffff800080000000:\td503245f \tbti\tc
                ffff800080000004:\t90000010 \tadrp\tx16, ffff800080000000
                ffff800080000008:\tf9400210 \tldr\tx16, [x16]
                ffff80008000000c:\td61f0200 \tbr\tx16
                ffff800080000010:\tb85fc110 \tldur\tw16, [x8, #-4]
                ffff800080000014:\td4304500 \tbrk\t#0x8228
                """, out);
        assertEquals("", err);
    }

    @Test
    void disasmRejectsABadWordWithStatus2() {
        assertEquals(2, sim("disasm", "d503245f", "zz"));
        assertEquals("disasm: 'zz' is not a 32-bit hex word (e.g. d503245f)\n", err);
        assertEquals(2, sim("disasm", "--base", "nothex", "d503245f"));
        assertTrue(err.contains("'nothex' is not a hex address"), err);
    }

    @Test
    void execRunsAStaticElfAndReturnsItsStatus() {
        assertEquals(0, sim("exec", ELF.resolve("hello.elf").toString()));
        assertEquals("Hello, kernelsim!\nanswer=0x000000000000002a\nminus=-7\n", out);
        assertEquals(42, sim("exec", ELF.resolve("exit42.elf").toString()));
    }

    @Test
    void execStatsGoToStderr() {
        assertEquals(0, sim("exec", "--stats", ELF.resolve("hello.elf").toString()));
        assertTrue(err.contains("instructions:     432\n"), err);
        assertTrue(err.contains("guest MIPS:"), err);
    }

    @Test
    void execMissingFileIsAUsageError() {
        assertEquals(2, sim("exec", tmp.resolve("nope.elf").toString()));
        assertEquals("kernelsim: " + tmp.resolve("nope.elf") + ": no such file\n", err);
        assertFalse(err.contains("\tat "), err);
    }
}
