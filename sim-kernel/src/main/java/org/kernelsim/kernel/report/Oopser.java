package org.kernelsim.kernel.report;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.kernelsim.api.symbols.Kallsyms;
import org.kernelsim.cpu.core.Cpu;
import org.kernelsim.cpu.memory.Memory;

/**
 * Formats what arm64's {@code __show_regs()} and {@code dump_backtrace()} print: the register
 * dump and the frame-pointer call trace (each frame record is {@code [x29] = caller's fp},
 * {@code [x29+8] = return address}).
 */
public final class Oopser {

    private static final int MAX_FRAMES = 64;

    private final Kallsyms kallsyms;
    private final Memory memory;

    @Inject
    public Oopser(Kallsyms kallsyms, Memory memory) {
        this.kallsyms = requireNonNull(kallsyms, "kallsyms");
        this.memory = requireNonNull(memory, "memory");
    }

    /** The "CPU: / pc : / lr : / sp : / x29: ..." block and the call trace starting at {@code pc}. */
    public List<String> regsAndTrace(Cpu cpu, int pid, String comm, long pc) {
        List<String> out = new ArrayList<>();
        out.add(String.format("CPU: %d PID: %d Comm: %s Not tainted", cpu.id(), pid, comm));
        out.add("pc : " + kallsyms.format(pc));
        out.add("lr : " + kallsyms.format(cpu.x(30)));
        out.add(String.format("sp : %016x", cpu.sp()));
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (int r = 29; r >= 0; r--) {
            if (col > 0) {
                line.append(' ');
            }
            line.append(String.format("x%-2d: %016x", r, cpu.x(r)));
            if (++col == 3 || r == 0) {
                out.add(line.toString());
                line.setLength(0);
                col = 0;
            }
        }
        out.add("Call trace:");
        out.addAll(backtrace(pc, cpu.x(29)));
        return out;
    }

    /** " sym+0xoff/0xlen" lines: the faulting pc, then each frame record's return address. */
    public List<String> backtrace(long pc, long fp) {
        List<String> out = new ArrayList<>();
        out.add(" " + kallsyms.format(pc));
        for (int i = 0; i < MAX_FRAMES && fp != 0 && (fp & 0xf) == 0; i++) {
            long next;
            long lr;
            try {
                if (!memory.isMapped(fp) || !memory.isMapped(fp + 8)) {
                    break;
                }
                next = memory.read64(fp);
                lr = memory.read64(fp + 8);
            } catch (RuntimeException e) {
                break;
            }
            if (lr == 0 || kallsyms.symbolAt(lr).isEmpty()) {
                break;
            }
            out.add(" " + kallsyms.format(lr));
            if (Long.compareUnsigned(next, fp) <= 0) {
                break;
            }
            fp = next;
        }
        return out;
    }
}
