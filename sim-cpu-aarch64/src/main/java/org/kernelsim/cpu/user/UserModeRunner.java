package org.kernelsim.cpu.user;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.kernelsim.cpu.cache.CoherenceDomain;
import org.kernelsim.cpu.core.CostModel;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.core.CpuCounters;
import org.kernelsim.cpu.core.CpuException;
import org.kernelsim.cpu.core.SystemRegister;
import org.kernelsim.cpu.elf.ElfExecutable;
import org.kernelsim.cpu.exec.Aarch64Cpu;
import org.kernelsim.cpu.memory.Fault;
import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.MemoryFault;
import org.kernelsim.cpu.memory.Permissions;
import org.kernelsim.cpu.memory.SparseMemory;

/**
 * Runs a static AArch64 Linux executable at EL0 on one simulated CPU, with the smallest Linux
 * personality that the differential programs need: a 1 MiB stack below
 * {@link #STACK_TOP} holding argc = 0 and empty argv/envp/auxv, and a syscall layer on
 * {@code svc #0} (x8 = number): write (64) to fd 1 and 2, exit (93), exit_group (94).
 *
 * <p>Error behaviour follows Linux where the programs can observe it: write to another fd is
 * -EBADF, a buffer that faults is -EFAULT, a zero-length write returns 0, a number Linux does not
 * have at all (&ge; {@link #NR_SYSCALLS}) is -ENOSYS. A real Linux syscall that this layer does not
 * implement stops the run with a clear message instead of pretending (a program calling mmap
 * would otherwise silently misbehave). Faults, UNDEFINED, BTI and BRK kill the process as Linux
 * does, with status 128 + signal: SIGSEGV 139, SIGILL 132, SIGTRAP 133.
 *
 * <p>The runner's own diagnostics are returned in {@link Result#message()}, never written to the
 * program's stderr, so program output can be compared byte for byte with qemu's.
 */
public final class UserModeRunner {

    /** Top of the user stack (the stack grows down from here). */
    public static final long STACK_TOP = 0x0000_7fff_ffff_0000L;
    public static final long STACK_SIZE = 1L << 20;
    /** One past the highest arm64 syscall number in Linux 6.13 (asm-generic/unistd.h __NR_syscalls). */
    public static final int NR_SYSCALLS = 464;
    /** Where exceptions "vector" to; never executed: the handler always resolves the exception in Java. */
    private static final long VBAR = 0xffff_8000_0000_0000L;
    /** SCTLR_EL1.BT0 (bit 35): Linux sets it when BTI is in use, so PACIxSP is no landing pad for BTYPE 11 at EL0. */
    private static final long SCTLR_BT0 = 1L << 35;

    static final int SIGILL = 4, SIGTRAP = 5, SIGSEGV = 11;
    static final int EBADF = 9, EFAULT = 14, ENOSYS = 38;

    private static final Map<Integer, String> KNOWN = Map.ofEntries(
            Map.entry(56, "openat"), Map.entry(57, "close"), Map.entry(63, "read"), Map.entry(66, "writev"),
            Map.entry(78, "readlinkat"), Map.entry(80, "fstat"), Map.entry(96, "set_tid_address"),
            Map.entry(98, "futex"), Map.entry(99, "set_robust_list"), Map.entry(113, "clock_gettime"),
            Map.entry(124, "sched_yield"), Map.entry(129, "kill"), Map.entry(131, "tgkill"),
            Map.entry(134, "rt_sigaction"), Map.entry(135, "rt_sigprocmask"), Map.entry(160, "uname"),
            Map.entry(172, "getpid"), Map.entry(174, "getuid"), Map.entry(178, "gettid"), Map.entry(214, "brk"),
            Map.entry(215, "munmap"), Map.entry(222, "mmap"), Map.entry(226, "mprotect"), Map.entry(261, "prlimit64"),
            Map.entry(278, "getrandom"), Map.entry(293, "rseq"));

    /** How the run ended. */
    public sealed interface Termination {
        /** exit/exit_group with the status (low 8 bits). */
        record Exited(int status) implements Termination {
        }

        /** Killed by a signal, as Linux would deliver it. */
        record Killed(int signal, String signalName) implements Termination {
        }

        /** The instruction limit was reached before the program exited. */
        record InstructionLimit(long limit) implements Termination {
        }

        /** A real Linux syscall the runner does not implement. */
        record UnsupportedSyscall(long number, long pc) implements Termination {
        }
    }

    /**
     * The outcome: the exit status a shell would report (128 + signal when killed; 124 when the
     * instruction limit stopped it; 125 for an unsupported syscall), the termination, a
     * diagnostic message (empty for a normal exit), the CPU counters and host time.
     */
    public record Result(int status, Termination termination, String message, CpuCounters.Snapshot counters,
                         long hostNanos) {
        public Result {
            requireNonNull(termination, "termination");
            requireNonNull(message, "message");
            requireNonNull(counters, "counters");
        }

        /** Guest instructions per host second, in millions. */
        public double mips() {
            return hostNanos == 0 ? 0 : counters.instructions() * 1e3 / hostNanos;
        }
    }

    private final ElfExecutable elf;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final CostModel costModel;

    private final SparseMemory memory = new SparseMemory();
    private final Aarch64Cpu cpu;
    private Termination termination;
    private String message = "";

    public UserModeRunner(ElfExecutable elf, OutputStream stdout, OutputStream stderr) {
        this(elf, stdout, stderr, CostModel.defaults());
    }

    public UserModeRunner(ElfExecutable elf, OutputStream stdout, OutputStream stderr, CostModel costModel) {
        this.elf = requireNonNull(elf, "elf");
        this.stdout = requireNonNull(stdout, "stdout");
        this.stderr = requireNonNull(stderr, "stderr");
        this.costModel = requireNonNull(costModel, "costModel");
        CoherenceDomain domain = new CoherenceDomain(memory);
        this.cpu = new Aarch64Cpu(0, memory, domain, this.costModel, this::handle);
        elf.load(memory);
        long stackBase = STACK_TOP - STACK_SIZE;
        memory.map(stackBase, STACK_SIZE, new Permissions(true, true, false, false, true));
        // argc = 0, argv[0] = NULL, envp[0] = NULL, auxv = { AT_NULL, 0 }: all zero on fresh pages.
        long sp = STACK_TOP - 64;
        cpu.setSysreg(SystemRegister.VBAR_EL1, VBAR);
        cpu.setSysreg(SystemRegister.SCTLR_EL1, elf.bti() ? SCTLR_BT0 : 0);
        cpu.setSysreg(SystemRegister.SP_EL0, sp);
        cpu.setCurrentEl(0);
        cpu.setDaif(0);
        cpu.setSp(sp);
        cpu.setPc(elf.entry());
    }

    public Cpu cpu() {
        return cpu;
    }

    public Memory memory() {
        return memory;
    }

    /** Runs until the program exits, is killed, or {@code maxInstructions} have retired (&le; 0: no limit). */
    public Result run(long maxInstructions) {
        long limit = maxInstructions <= 0 ? Long.MAX_VALUE : maxInstructions;
        long start = System.nanoTime();
        long done = 0;
        while (termination == null && done < limit) {
            long n = cpu.run(Math.min(limit - done, 1L << 30));
            done += n;
            if (n == 0 && termination == null && cpu.halted()) {
                throw new IllegalStateException("CPU halted without a termination");
            }
        }
        long nanos = System.nanoTime() - start;
        flush();
        if (termination == null) {
            termination = new Termination.InstructionLimit(limit);
            message = "kernelsim: stopped after " + limit + " instructions (--max-insns) at pc " + place(cpu.pc());
        }
        int status;
        if (termination instanceof Termination.Exited e) {
            status = e.status();
        } else if (termination instanceof Termination.Killed k) {
            status = 128 + k.signal();
        } else if (termination instanceof Termination.InstructionLimit) {
            status = 124;
        } else {
            status = 125;
        }
        return new Result(status, termination, message, cpu.counters().snapshot(), nanos);
    }

    // ------------------------------------------------------------------ exceptions

    private void handle(Cpu c, CpuException ex) {
        long elr = c.sysreg(SystemRegister.ELR_EL1);
        if (ex instanceof CpuException.SupervisorCall) {
            syscall(c, elr);
            return;
        }
        if (ex instanceof CpuException.Interrupt) {
            c.exceptionReturn();
            return;
        }
        String esr = String.format("ESR 0x%08x", ex.esr());
        if (ex instanceof CpuException.Breakpoint b) {
            kill(SIGTRAP, "SIGTRAP", String.format("brk #0x%x at pc %s (%s)", b.imm16(), place(elr), esr));
        } else if (ex instanceof CpuException.Undefined u) {
            kill(SIGILL, "SIGILL", String.format("undefined instruction 0x%08x at pc %s (%s)", u.word(), place(elr), esr));
        } else if (ex instanceof CpuException.BranchTarget bt) {
            kill(SIGILL, "SIGILL", String.format("BTI violation (BTYPE %d) at pc %s (%s)", bt.btype(), place(elr), esr));
        } else if (ex instanceof CpuException.DataAbort d) {
            kill(SIGSEGV, "SIGSEGV", faultText("data abort", d.fault(), elr, esr));
        } else if (ex instanceof CpuException.InstructionAbort i) {
            kill(SIGSEGV, "SIGSEGV", faultText("instruction abort", i.fault(), elr, esr));
        } else {
            // HVC/SMC are UNDEFINED at EL0 on Linux
            kill(SIGILL, "SIGILL", ex.getClass().getSimpleName() + " at EL0, pc " + place(elr) + " (" + esr + ")");
        }
        c.halt();
    }

    private String faultText(String what, Fault f, long elr, String esr) {
        return String.format("%s: %s fault on %s at address 0x%x, pc %s (%s)", what,
                f.kind().name().toLowerCase(java.util.Locale.ROOT), f.access().name().toLowerCase(java.util.Locale.ROOT),
                f.address(), place(elr), esr);
    }

    private void kill(int signal, String name, String detail) {
        termination = new Termination.Killed(signal, name);
        message = "kernelsim: " + name + ": " + detail;
    }

    private void syscall(Cpu c, long elr) {
        long nr = c.x(8);
        long result;
        switch ((int) Math.min(nr, Integer.MAX_VALUE)) {
            case 64 -> result = write(c, c.x(0), c.x(1), c.x(2));
            case 93, 94 -> {
                termination = new Termination.Exited((int) (c.x(0) & 0xff));
                c.halt();
                return;
            }
            default -> {
                if (nr < 0 || nr >= NR_SYSCALLS) {
                    result = -ENOSYS;
                } else {
                    termination = new Termination.UnsupportedSyscall(nr, elr - 4);
                    String name = KNOWN.containsKey((int) nr) ? " (" + KNOWN.get((int) nr) + ")" : "";
                    message = "kernelsim: unsupported syscall " + nr + name + " at pc " + place(elr - 4);
                    c.halt();
                    return;
                }
            }
        }
        c.setX(0, result);
        c.exceptionReturn();
    }

    private long write(Cpu c, long fd, long buf, long len) {
        OutputStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) {
            return -EBADF;
        }
        if (len == 0) {
            return 0;
        }
        if (len < 0 || len > Integer.MAX_VALUE) {
            return -EFAULT;
        }
        try {
            memory.checkAccess(buf, (int) len, Fault.Access.READ, false);
        } catch (MemoryFault f) {
            return -EFAULT;
        }
        byte[] data = new byte[(int) len];
        memory.readBytes(buf, data, 0, data.length);
        try {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return len;
    }

    private void flush() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String place(long pc) {
        return "0x" + Long.toHexString(pc) + elf.symbolize(pc).map(s -> " <" + s + ">").orElse("");
    }
}
