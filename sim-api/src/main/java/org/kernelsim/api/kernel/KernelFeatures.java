package org.kernelsim.api.kernel;

import static java.util.Objects.requireNonNull;

/**
 * The build configuration code is generated for, as backends and modules see it: whether
 * kCFI checks and type words are emitted (and what a failure does), and whether kernel text is
 * BTI-guarded (CONFIG_ARM64_BTI_KERNEL), so indirect targets need landing pads.
 */
public record KernelFeatures(CfiMode cfi, boolean bti) {

    public KernelFeatures {
        requireNonNull(cfi, "cfi");
    }

    public static KernelFeatures defaults() {
        return new KernelFeatures(CfiMode.OFF, false);
    }
}
