package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import org.kernelsim.api.plugin.Param;

/** The simulated kernel ({@code kernel} in the config). */
public record KernelConfig(
        @Param(description = "size of the kernel image's text; images past 128MiB push modules out of BL range",
                defaultValue = "32MiB", min = 1L << 20, max = 2L << 30)
        Size textSize,
        @Param(description = "module loading", defaultValue = "{}")
        ModulesConfig modules,
        @Param(description = "kernel Control Flow Integrity: off, permissive (report and go on) or "
                + "enforcing (report and kill the task, panic in IRQ context)", defaultValue = "enforcing")
        CfiMode cfi,
        @Param(description = "what an unsafe concurrent code modification does: report it, fault, or go unchecked",
                defaultValue = "report")
        CmodxPolicy cmodx) {

    /** Text is mapped in pages; a partial page would be a different image. */
    public static final long PAGE = 4096;

    public KernelConfig {
        requireNonNull(textSize, "textSize");
        requireNonNull(modules, "modules");
        requireNonNull(cfi, "cfi");
        requireNonNull(cmodx, "cmodx");
        if (textSize.bytes() % PAGE != 0) {
            throw new IllegalArgumentException("textSize: must be a multiple of 4KiB (the page size); got " + textSize);
        }
    }

    /** {@code kernel.modules}. */
    public record ModulesConfig(
            @Param(description = "where modules go: auto (within 128MiB of the image when they fit, else "
                    + "anywhere in the 2GiB module region), near (always in BL range) or far (always out of it, "
                    + "so calls go through PLTs)", defaultValue = "auto")
            Placement placement) {

        public ModulesConfig {
            requireNonNull(placement, "placement");
        }
    }

    public enum Placement { AUTO, NEAR, FAR }

    public enum CfiMode { OFF, PERMISSIVE, ENFORCING }

    public enum CmodxPolicy { REPORT, FAULT, OFF }
}
