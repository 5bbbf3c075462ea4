package org.kernelsim.plugins.oolbranch;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.plugin.Param;

/**
 * {@code staticCall.options.ool-branch}.
 *
 * @param nullAs  what the slot at +4 holds for a NULL key
 * @param rewrite how the slot at +4 is rewritten on an update
 */
public record OolBranchOptions(
        @Param(description = "NULL key: ret = RET in the slot (Mark's design; B/NOP<->RET leaves the CMODX set), "
                + "stub = B to the trampoline's own 'bti c; ret' stub (every rewrite stays B/NOP)", defaultValue = "ret")
        NullAs nullAs,
        @Param(description = "slot rewrite: nosync = aarch64_insn_patch_text_nosync, "
                + "stop-machine = aarch64_insn_patch_text under stop_machine", defaultValue = "nosync")
        Rewrite rewrite) {

    public OolBranchOptions {
        requireNonNull(nullAs, "nullAs");
        requireNonNull(rewrite, "rewrite");
    }

    /** The defaults: {@code {nullAs: ret, rewrite: nosync}}. */
    public static OolBranchOptions defaults() {
        return new OolBranchOptions(NullAs.RET, Rewrite.NOSYNC);
    }

    public enum NullAs { RET, STUB }

    public enum Rewrite { NOSYNC, STOP_MACHINE }
}
