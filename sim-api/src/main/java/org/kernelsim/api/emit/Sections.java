package org.kernelsim.api.emit;

/** The section names the kernel gives meaning to. */
public final class Sections {
    public static final String TEXT = ".text";
    public static final String INIT_TEXT = ".init.text";
    public static final String RODATA = ".rodata";
    public static final String DATA = ".data";
    public static final String BSS = ".bss";
    /** Out-of-line trampolines ({@code STATIC_CALL_TEXT} in vmlinux.lds.S). */
    public static final String STATIC_CALL_TEXT = ".static_call.text";
    /** {@code struct static_call_site { s32 addr; s32 key; }} entries, key low bits TAIL=1, INIT=2. */
    public static final String STATIC_CALL_SITES = ".static_call_sites";
    /** One ABS64 per exported symbol; the loader resolves modules' undefined symbols against these. */
    public static final String KSYMTAB = "__ksymtab";

    private Sections() {
    }
}
