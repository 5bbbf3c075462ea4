package org.kernelsim.kernel.layout;

/**
 * The arm64 48-bit, 4 KiB-page kernel address space (aarch64.md §7, Documentation/arch/arm64/memory.rst).
 * No KASLR: the simulator wants reproducible addresses.
 */
public final class Layout {

    public static final long PAGE_SIZE = 4096;
    /** KIMAGE_VADDR: the image's first byte (.text). */
    public static final long KIMAGE_VADDR = 0xffff800080000000L;
    /** The 2 GiB module region, directly below the image. */
    public static final long MODULES_VADDR = 0xffff800000000000L;
    public static final long MODULES_END = KIMAGE_VADDR;
    /** BL/B reach (±128 MiB): the "near" module window ends here below the image end. */
    public static final long BRANCH_RANGE = 128L << 20;
    /** vmalloc space for per-CPU stacks (above the image, well clear of it). */
    public static final long STACKS_VADDR = 0xffff900000000000L;
    public static final long STACK_SIZE = 16 * 1024;
    /** Stacks are spaced with an unmapped guard page between them. */
    public static final long STACK_STRIDE = STACK_SIZE + PAGE_SIZE;
    /** fixmap: FIX_TEXT_POKE0, the alias through which text is written. */
    public static final long FIXMAP_START = 0xfffffbfff0000000L;
    public static final long FIX_TEXT_POKE0 = FIXMAP_START + 0x100000;

    private Layout() {
    }

    public static long pageAlignUp(long v) {
        return (v + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    public static long pageAlignDown(long v) {
        return v & -PAGE_SIZE;
    }

    public static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    public static long stackTop(int cpu) {
        return STACKS_VADDR + cpu * STACK_STRIDE + STACK_SIZE;
    }

    public static boolean inModules(long addr) {
        return Long.compareUnsigned(addr, MODULES_VADDR) >= 0 && Long.compareUnsigned(addr, MODULES_END) < 0;
    }
}
