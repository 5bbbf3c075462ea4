package org.kernelsim.cpu.memory;

/**
 * Stage-1 permissions of one page as the simulator models them: read, write, execute, and the
 * BTI guarded bit (PTE bit 50, {@code PTE_GP}). Execute implies privileged execute; the
 * simulator does not model separate EL0/EL1 permissions except through {@link #user}.
 */
public record Permissions(boolean read, boolean write, boolean execute, boolean guarded, boolean user) {

    public static final Permissions NONE = new Permissions(false, false, false, false, false);
    /** Kernel data: read-write, never executable. */
    public static final Permissions RW = new Permissions(true, true, false, false, false);
    /** Kernel read-only data (.rodata). */
    public static final Permissions RO = new Permissions(true, false, false, false, false);
    /** Kernel text without BTI. */
    public static final Permissions RX = new Permissions(true, false, true, false, false);
    /** Kernel text with CONFIG_ARM64_BTI_KERNEL: BTI-guarded. */
    public static final Permissions RX_GUARDED = new Permissions(true, false, true, true, false);
    /** User pages, as `sim exec` maps ELF segments. */
    public static final Permissions USER_RWX = new Permissions(true, true, true, false, true);

    public Permissions withGuarded(boolean g) {
        return new Permissions(read, write, execute, g, user);
    }

    /** "r-x g" style, for messages and page dumps. */
    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (execute ? "x" : "-") + (guarded ? " gp" : "") + (user ? " user" : "");
    }
}
