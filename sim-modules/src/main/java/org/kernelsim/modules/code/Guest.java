package org.kernelsim.modules.code;

import static java.util.Objects.requireNonNull;
import static org.kernelsim.cpu.obj.RelocationType.ADD_ABS_LO12_NC;
import static org.kernelsim.cpu.obj.RelocationType.ADR_PREL_PG_HI21;
import static org.kernelsim.cpu.obj.RelocationType.CALL26;
import static org.kernelsim.cpu.obj.RelocationType.CONDBR19;
import static org.kernelsim.cpu.obj.RelocationType.JUMP26;

import org.kernelsim.api.emit.A64;
import org.kernelsim.api.emit.CodeEmitter;
import org.kernelsim.api.types.FunctionType;

/**
 * A thin assembler over {@link CodeEmitter} for the simulated kernel's C functions, written as
 * the A64 a compiler would emit for them: only what these modules need, each encoder named after
 * its instruction. Branches to labels and symbols are relocations, so nothing here knows addresses.
 */
public final class Guest {

    /** {@code struct pt_regs} as the simulated IRQ entry lays it out: regs[31], sp, pc, pstate. */
    public static final int PT_REGS_SP = 248;
    public static final int PT_REGS_PC = 256;
    public static final int PT_REGS_PSTATE = 264;

    private final CodeEmitter e;

    public Guest(CodeEmitter e) {
        this.e = requireNonNull(e, "e");
    }

    public CodeEmitter emitter() {
        return e;
    }

    /** A C function: kCFI type word (when kCFI is on), symbol, {@code bti c} landing pad. */
    public Guest function(String name, String prototype, boolean global) {
        e.section(".text");
        e.beginFunction(name, FunctionType.parse(prototype), global);
        e.insn(A64.BTI_C);
        return this;
    }

    public Guest end() {
        e.endFunction();
        return this;
    }

    /** {@code stp x29, x30, [sp, #-frame]!; mov x29, sp}. */
    public Guest prologue(int frame) {
        e.insn(A64.stpPre(29, 30, A64.SP, -frame)).insn(A64.MOV_FP_SP);
        return this;
    }

    /** {@code ldp x29, x30, [sp], #frame; ret}. */
    public Guest epilogue(int frame) {
        e.insn(A64.ldpPost(29, 30, A64.SP, frame)).insn(A64.RET);
        return this;
    }

    public Guest insn(int word) {
        e.insn(word);
        return this;
    }

    public Guest label(String name) {
        e.label(name);
        return this;
    }

    public String newLabel(String prefix) {
        return e.uniqueLabel(prefix);
    }

    /** {@code adrp xd, sym; add xd, xd, :lo12:sym}. */
    public Guest addressOf(int rd, String symbol) {
        e.insn(A64.adrp(rd, 0), ADR_PREL_PG_HI21, symbol);
        e.insn(A64.addImmX(rd, rd, 0), ADD_ABS_LO12_NC, symbol);
        return this;
    }

    public Guest bl(String symbol) {
        e.insn(A64.bl(0), CALL26, symbol);
        return this;
    }

    public Guest b(String label) {
        e.insn(A64.b(0), JUMP26, label);
        return this;
    }

    public Guest cbz(int rt, boolean x, String label) {
        e.insn(A64.cbz(rt, 0, x), CONDBR19, label);
        return this;
    }

    public Guest cbnz(int rt, boolean x, String label) {
        e.insn(A64.cbnz(rt, 0, x), CONDBR19, label);
        return this;
    }

    public Guest bcond(int cond, String label) {
        e.insn(A64.bcond(cond, 0), CONDBR19, label);
        return this;
    }

    /** {@code mov xd, #imm} for 0..0xffff. */
    public Guest movImm(int rd, int imm16) {
        e.insn(A64.movzX(rd, imm16, 0));
        return this;
    }

    /** {@code mov xd, #imm} for any 64-bit value (movz + movk). */
    public Guest movImm64(int rd, long value) {
        e.insn(A64.movzX(rd, (int) (value & 0xffff), 0));
        for (int shift = 16; shift < 64; shift += 16) {
            int part = (int) (value >>> shift) & 0xffff;
            if (part != 0) {
                e.insn(A64.movkX(rd, part, shift));
            }
        }
        return this;
    }

    /** {@code mrs xd, mpidr_el1; and xd, xd, #0xff}: this CPU's number (smp_processor_id()). */
    public Guest cpuId(int rd) {
        e.insn(A64.mrsMpidr(rd));
        e.insn(A64.andMaskX(rd, rd, 8));
        return this;
    }

    /**
     * An indirect call through {@code xTarget} as clang emits it with kCFI on: the type word at
     * target-4 is compared with {@code type}'s id, a mismatch is {@code brk #(0x8000|17<<5|t)}.
     */
    public Guest checkedCall(int target, FunctionType type) {
        if (e.features().cfi().enabled()) {
            int id = type.kcfiId();
            int a = target == 16 ? 9 : 16;
            e.insn(A64.ldurW(a, target, -4));
            e.insn(A64.movkW(17, id & 0xffff, 0));
            e.insn(A64.movkW(17, id >>> 16, 16));
            e.insn(A64.cmpW(a, 17));
            e.insn(A64.bcond(A64.EQ, 8));
            e.insn(A64.brk(A64.kcfiBrkImm(17, target)));
        }
        e.insn(A64.blr(target));
        return this;
    }
}
