package org.kernelsim.cpu.memory;

/**
 * A 64-bit virtual address space over sparse 4 KiB physical pages, little-endian.
 *
 * <p>Mapping is cheap: a physical page costs heap only once it is written (a 512 MiB kernel
 * image that is mostly padding costs almost nothing). Two virtual ranges may name the same
 * physical pages ({@link #alias}), which is how the kernel's fixmap poke alias writes read-only
 * text. Every write, through whatever alias, is seen by the instruction-cache model (see
 * {@code org.kernelsim.cpu.cache}) at the physical level.
 *
 * <p>Two families of accessors:
 * <ul>
 *   <li>{@code read*}/{@code write*}: host accesses by the simulator itself (ELF loading, the
 *   module loader, the kernel's Java services). No permission check, but the page must be
 *   mapped; an unmapped address throws {@link MemoryFault} with kind TRANSLATION.</li>
 *   <li>{@code load*}/{@code store*}: accesses checked exactly as a guest access at the given
 *   privilege would be; a violation throws {@link MemoryFault}.</li>
 * </ul>
 */
public interface Memory {

    int PAGE_SHIFT = 12;
    long PAGE_SIZE = 1L << PAGE_SHIFT;
    long PAGE_MASK = PAGE_SIZE - 1;

    /** Maps page-aligned [va, va+size) to fresh zero-filled physical pages. Remapping a mapped page is an error. */
    void map(long va, long size, Permissions permissions);

    /** Maps page-aligned [va, va+size) to the physical pages currently behind [targetVa, targetVa+size). */
    void alias(long va, long targetVa, long size, Permissions permissions);

    /** Changes the permissions of mapped pages. */
    void protect(long va, long size, Permissions permissions);

    /** Removes the mappings; physical pages no longer mapped anywhere are freed. */
    void unmap(long va, long size);

    /** The permissions at {@code va}, or {@code null} if unmapped. */
    Permissions permissionsAt(long va);

    default boolean isMapped(long va) {
        return permissionsAt(va) != null;
    }

    /** The physical address behind {@code va}, or -1 if unmapped. */
    long translate(long va);

    /** Number of physical pages that hold data (written at least once): the heap the memory costs. */
    long residentPages();

    // ---- host accesses: mapped pages only, no permission check ----

    byte read8(long va);

    short read16(long va);

    int read32(long va);

    long read64(long va);

    void write8(long va, byte value);

    void write16(long va, short value);

    void write32(long va, int value);

    void write64(long va, long value);

    void readBytes(long va, byte[] dst, int offset, int length);

    void writeBytes(long va, byte[] src, int offset, int length);

    // ---- checked accesses, as a guest access at EL0 (privileged=false) or EL1 would be ----

    long load64(long va, boolean privileged);

    int load32(long va, boolean privileged);

    void store64(long va, long value, boolean privileged);

    void store32(long va, int value, boolean privileged);

    // ---- additions (kept source-compatible: default methods) ----

    /**
     * A counter that changes whenever a mapping or permission changes (map, alias, protect,
     * unmap). CPUs cache translations of their fetch pages and drop them when it changes.
     * Implementations that do not track it return {@link #UNTRACKED_EPOCH}, which makes callers
     * re-translate on every occasion where it matters.
     */
    default long mappingEpoch() {
        return UNTRACKED_EPOCH;
    }

    long UNTRACKED_EPOCH = Long.MIN_VALUE;

    /**
     * For a CPU's data micro-TLB: the backing array of the page of {@code va} if a checked
     * access of that kind and privilege to the page may be done directly on the array (bytes at
     * {@code va & PAGE_MASK}, little-endian) for as long as {@link #directAccessEpoch()} keeps
     * its value; otherwise null (unmapped, not permitted, never written, or -- for writes -- a
     * frame whose writes must be reported). Null by default: no direct access.
     */
    default byte[] directPage(long va, boolean write, boolean privileged) {
        return null;
    }

    /**
     * Changes whenever an array returned by {@link #directPage} may have stopped being valid
     * (any mapping change, and a frame starting to be watched for writes).
     */
    default long directAccessEpoch() {
        return UNTRACKED_EPOCH;
    }

    /** Checked byte load (zero-extended into the int). */
    default int load8(long va, boolean privileged) {
        checkAccess(va, 1, Fault.Access.READ, privileged);
        return read8(va) & 0xff;
    }

    /** Checked halfword load (zero-extended into the int). */
    default int load16(long va, boolean privileged) {
        checkAccess(va, 2, Fault.Access.READ, privileged);
        return read16(va) & 0xffff;
    }

    default void store8(long va, byte value, boolean privileged) {
        checkAccess(va, 1, Fault.Access.WRITE, privileged);
        write8(va, value);
    }

    default void store16(long va, short value, boolean privileged) {
        checkAccess(va, 2, Fault.Access.WRITE, privileged);
        write16(va, value);
    }

    /**
     * Throws the {@link MemoryFault} a guest access of {@code length} bytes at {@code va} would
     * take (the first faulting byte's page), or returns normally.
     */
    default void checkAccess(long va, int length, Fault.Access access, boolean privileged) {
        long last = va + length - 1;
        for (long page = va & ~PAGE_MASK; ; page += PAGE_SIZE) {
            long at = Math.max(page, va);
            Permissions p = permissionsAt(at);
            if (p == null) {
                throw new MemoryFault(new Fault(at, Fault.Kind.TRANSLATION, access));
            }
            boolean ok = switch (access) {
                case READ -> p.read();
                case WRITE -> p.write();
                case FETCH -> p.execute();
            };
            if (!ok || (!privileged && !p.user())) {
                throw new MemoryFault(new Fault(at, Fault.Kind.PERMISSION, access));
            }
            if ((last & ~PAGE_MASK) == page) {
                return;
            }
        }
    }
}
