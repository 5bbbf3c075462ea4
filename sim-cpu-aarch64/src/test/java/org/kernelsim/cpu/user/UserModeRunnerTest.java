package org.kernelsim.cpu.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kernelsim.cpu.asm.Reg.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kernelsim.cpu.asm.Assembler;
import org.kernelsim.cpu.asm.LinkedImage;
import org.kernelsim.cpu.asm.Linker;
import org.kernelsim.cpu.elf.ElfExecutable;
import org.kernelsim.cpu.elf.ElfFormatException;

class UserModeRunnerTest {

    /** A one-segment RWX "executable" at 0x400000 built with the assembler (no ELF file needed). */
    static ElfExecutable program(Consumer<Assembler> body) {
        Assembler a = new Assembler("p.o").section(".text");
        a.globalFunction("_start");
        body.accept(a);
        a.endFunction();
        LinkedImage img = Linker.link(List.of(a.finish()), Linker.Layout.at(0x400000));
        byte[] text = img.sections().get(0).data();
        return new ElfExecutable("p", 0x400000, List.of(new ElfExecutable.Segment(0, 0x400000, text.length, text.length, 5)),
                false, List.of(new ElfExecutable.ElfSymbol("_start", 0x400000, text.length)), text);
    }

    static UserModeRunner.Result run(ElfExecutable exe, long max, ByteArrayOutputStream out) {
        return new UserModeRunner(exe, out, new ByteArrayOutputStream()).run(max);
    }

    @Test
    void writeAndExitGroup() {
        var exe = program(a -> a.mov(X0, 1).adr(X1, "msg").mov(X2, 3).mov(X8, 64).svc(0)
                .mov(X0, 300).mov(X8, 94).svc(0).label("msg").ascii("hi\n").align(4));
        var out = new ByteArrayOutputStream();
        var r = run(exe, 0, out);
        assertEquals("hi\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(300 & 0xff, r.status());
        assertEquals(new UserModeRunner.Termination.Exited(44), r.termination());
        assertEquals(8, r.counters().instructions());
    }

    @Test
    void unsupportedSyscallNamesNumberAndPc() {
        var r = run(program(a -> a.nop().mov(X8, 222).svc(0)), 0, new ByteArrayOutputStream());
        assertEquals("kernelsim: unsupported syscall 222 (mmap) at pc 0x400008 <_start+0x8>", r.message());
        assertEquals(125, r.status());
    }

    @Test
    void unknownSyscallNumberIsEnosys() {
        var r = run(program(a -> a.mov(X8, 4095).svc(0).mov(X8, 93).svc(0)), 0, new ByteArrayOutputStream());
        assertEquals(-38 & 0xff, r.status());
    }

    @Test
    void faultsBecomeSignals() {
        var segv = run(program(a -> a.mov(X1, 16).ldr(X0, X1)), 0, new ByteArrayOutputStream());
        assertEquals(139, segv.status());
        assertEquals("kernelsim: SIGSEGV: data abort: translation fault on read at address 0x10, pc 0x400004 <_start+0x4> "
                + "(ESR 0x92000007)", segv.message());
        assertEquals(132, run(program(a -> a.udf(0)), 0, new ByteArrayOutputStream()).status());
        var trap = run(program(a -> a.brk(0x8228)), 0, new ByteArrayOutputStream());
        assertEquals(133, trap.status());
        assertTrue(trap.message().contains("brk #0x8228"), trap.message());
        // writing to the read-only text segment
        var ro = run(program(a -> a.adr(X1, "_start").str(X0, X1)), 0, new ByteArrayOutputStream());
        assertEquals(139, ro.status());
        assertTrue(ro.message().contains("permission fault on write"), ro.message());
    }

    @Test
    void instructionLimitStopsCleanly() {
        var r = run(program(a -> a.label("spin").b("spin")), 1000, new ByteArrayOutputStream());
        assertEquals(124, r.status());
        assertEquals(1000, r.counters().instructions());
        assertEquals("kernelsim: stopped after 1000 instructions (--max-insns) at pc 0x400000 <_start+0x0>", r.message());
    }

    @Test
    void execToolRunsAGoldenElfWithStats(@TempDir Path dir) throws Exception {
        Path elf = dir.resolve("hello.elf");
        try (var in = getClass().getResourceAsStream("/golden/elf/hello.elf")) {
            Files.write(elf, in.readAllBytes());
        }
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = ExecTool.run(elf, 0, true, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).length() > 0);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("instructions:") && e.contains("guest MIPS:") && e.contains("cycles (model):"), e);
    }

    @Test
    void elfErrorsAreClear(@TempDir Path dir) throws Exception {
        assertEquals("x: not an ELF file (bad magic)",
                assertThrows(ElfFormatException.class, () -> ElfExecutable.parse("x", new byte[100])).getMessage());
        byte[] elf;
        try (var in = getClass().getResourceAsStream("/golden/elf/hello.elf")) {
            elf = in.readAllBytes();
        }
        byte[] x86 = elf.clone();
        x86[18] = 62;
        assertEquals("y: wrong machine EM_X86_64 (62), need EM_AARCH64 (183)",
                assertThrows(ElfFormatException.class, () -> ElfExecutable.parse("y", x86)).getMessage());
        byte[] c32 = elf.clone();
        c32[4] = 1;
        assertEquals("z: ELF class ELFCLASS32 (32-bit), need ELFCLASS64",
                assertThrows(ElfFormatException.class, () -> ElfExecutable.parse("z", c32)).getMessage());
        byte[] dyn = elf.clone();
        dyn[16] = 3;
        assertTrue(assertThrows(ElfFormatException.class, () -> ElfExecutable.parse("w", dyn)).getMessage().contains("ET_DYN"));
        Path bad = dir.resolve("bad.elf");
        Files.write(bad, new byte[10]);
        var err = new ByteArrayOutputStream();
        assertEquals(126, ExecTool.run(bad, 0, false, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true)));
        assertEquals("kernelsim: bad.elf: not an ELF file (bad magic)\n", err.toString());
    }

    @Test
    void readsSegmentsBssAndBtiNote() throws Exception {
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("/golden/elf/bti-guarded.elf")) {
            bytes = in.readAllBytes();
        }
        ElfExecutable e = ElfExecutable.parse("bti-guarded.elf", bytes);
        assertTrue(e.bti());
        assertEquals(0x400000, e.segments().get(0).vaddr() & ~0xfffL);
        assertTrue(e.segments().get(0).executable() && !e.segments().get(0).writable());
        try (var in = getClass().getResourceAsStream("/golden/elf/hello.elf")) {
            assertTrue(!ElfExecutable.parse("hello.elf", in.readAllBytes()).bti());
        }
    }
}
