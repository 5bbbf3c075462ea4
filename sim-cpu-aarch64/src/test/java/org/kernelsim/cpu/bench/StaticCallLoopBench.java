package org.kernelsim.cpu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import org.kernelsim.cpu.elf.ElfExecutable;
import org.kernelsim.cpu.user.UserModeRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = one complete run of a golden static-call loop program (10,000,000 calls of
 * {@code x + 1}) on a fresh user-mode machine, single-threaded. The main class
 * {@link StaticCallLoopBenchMain} turns the time per run into guest MIPS.
 * Not a unit test: surefire does not pick it up (the name does not end in Test).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StaticCallLoopBench {

    /** Calls each program makes (the fixtures' N). */
    public static final long CALLS = 10_000_000L;

    @Param({"bench-generic-kcfi", "bench-tramp-branch", "bench-tramp-nop-literal"})
    public String loop;

    private ElfExecutable exe;

    @Setup(Level.Trial)
    public void load() throws IOException {
        exe = load(loop);
    }

    static ElfExecutable load(String name) throws IOException {
        try (InputStream in = StaticCallLoopBench.class.getResourceAsStream("/golden/elf/" + name + ".elf")) {
            if (in == null) {
                throw new IOException("missing golden/elf/" + name + ".elf on the test classpath");
            }
            return ElfExecutable.parse(name + ".elf", in.readAllBytes());
        }
    }

    /** Runs the program to completion; returns the retired instruction count (consumed by JMH). */
    static long runOnce(ElfExecutable exe) {
        UserModeRunner.Result r = new UserModeRunner(exe, OutputStream.nullOutputStream(), OutputStream.nullOutputStream())
                .run(0);
        if (r.status() != 128) {
            throw new IllegalStateException(exe.name() + " exited with " + r.status() + ": " + r.message());
        }
        return r.counters().instructions();
    }

    @Benchmark
    public long run() {
        return runOnce(exe);
    }
}
