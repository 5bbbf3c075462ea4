package org.kernelsim.api.patching;

/**
 * arm64 {@code patching.c}: every write goes through the FIX_TEXT_POKE0 fixmap alias (the text
 * mapping stays read-only) under the patch lock. Results are 0 or a negative {@link Errno}, as
 * in the kernel.
 */
public interface TextPatcher {

    /**
     * {@code aarch64_insn_patch_text_nosync}: -EINVAL if {@code addr & 3}; otherwise writes the
     * word and runs {@code caches_clean_inval_pou} on the patching CPU. No IPI, no stop_machine.
     * The CMODX checker examines it when other CPUs may be executing the code.
     */
    int patchNosync(long addr, int insn);

    /**
     * {@code aarch64_insn_patch_text}: -EINVAL if empty or lengths differ; otherwise runs
     * {@code aarch64_insn_patch_text_cb} under stop_machine (the last CPU to arrive patches each
     * instruction with nosync, stopping at the first error; the others wait, then ISB).
     */
    int patch(long[] addrs, int[] insns);

    /** {@code aarch64_insn_write_literal_u64}: one aligned 8-byte write, no cache maintenance. -EINVAL if misaligned. */
    int writeLiteral64(long addr, long value);

    /** {@code aarch64_insn_read}: the word currently in memory at {@code addr}. */
    int read(long addr);

    /**
     * Patch counts by kind, disjoint: {@code nosync} counts direct {@link #patchNosync} calls,
     * {@code stopMachine} counts {@link #patch} calls (whose rewrites are not also counted as nosync),
     * {@code literalWrites} counts {@link #writeLiteral64} calls.
     */
    PatchStats stats();

    record PatchStats(long nosync, long stopMachine, long literalWrites) {
    }
}
