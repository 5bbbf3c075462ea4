package org.kernelsim.cpu.memory;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulator's {@link Memory}: a 64-bit virtual space of 4 KiB pages over lazily allocated
 * physical frames.
 *
 * <p>Layout, chosen so that a huge sparse mapping costs almost nothing:
 * <ul>
 *   <li>Page table: a hash map from {@code va >>> 21} to a 512-entry {@code long[]} leaf of
 *   packed PTEs (valid bit, permission bits, frame number). 1 GiB of mappings = 512 leaves =
 *   2 MiB of heap; the full 64-bit space (e.g. 0xffff8000_80000000) is addressable.</li>
 *   <li>Frames: a frame number is allocated at map time but its 4 KiB {@code byte[]} only on
 *   the first write; reads of a never-written frame return 0 and allocate nothing.</li>
 *   <li>Frames are reference counted (aliases share them) and recycled through a free list
 *   once unmapped everywhere; a recycled frame starts zeroed.</li>
 * </ul>
 *
 * <p>Writes to frames that are {@linkplain #watchFrame watched} (some CPU has cached code from
 * them) are reported to the {@link PhysicalWriteObserver}s; writes to other frames cost one
 * array load more than an unobserved memory.
 */
public final class SparseMemory implements Memory {

    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    // PTE layout: bit 0 R, 1 W, 2 X, 3 GP, 4 USER, 5 VALID, bits 12.. frame number
    private static final long P_R = 1, P_W = 2, P_X = 4, P_GP = 8, P_USER = 16, P_VALID = 32;
    private static final int LEAF_BITS = 9;
    private static final int LEAF_SIZE = 1 << LEAF_BITS;

    private static final Permissions[] PERMISSIONS = new Permissions[32];

    static {
        for (int i = 0; i < 32; i++) {
            PERMISSIONS[i] = new Permissions((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0, (i & 16) != 0);
        }
    }

    private final LongObjectMap<long[]> leaves = new LongObjectMap<>(64);
    private long cachedLeafKey = -1;
    private long[] cachedLeaf;

    private byte[][] frameData = new byte[1024][];
    private int[] frameRefs = new int[1024];
    private boolean[] frameWatched = new boolean[1024];
    private int frameCount;
    private int[] freeFrames = new int[64];
    private int freeCount;
    private long resident;
    private long epoch;
    /** {@link #directAccessEpoch()}: {@link #epoch} changes plus frames becoming watched. */
    private long directEpoch;

    private final List<PhysicalWriteObserver> observers = new ArrayList<>();

    // ------------------------------------------------------------------ mapping

    private static void checkRange(long va, long size) {
        if ((va & PAGE_MASK) != 0 || (size & PAGE_MASK) != 0 || size <= 0) {
            throw new IllegalArgumentException(String.format("range 0x%x+0x%x is not page aligned and non-empty", va, size));
        }
    }

    private static long permBits(Permissions p) {
        requireNonNull(p, "permissions");
        return (p.read() ? P_R : 0) | (p.write() ? P_W : 0) | (p.execute() ? P_X : 0) | (p.guarded() ? P_GP : 0)
                | (p.user() ? P_USER : 0);
    }

    @Override
    public void map(long va, long size, Permissions permissions) {
        checkRange(va, size);
        long bits = permBits(permissions) | P_VALID;
        requireUnmapped(va, size);
        for (long off = 0; off != size; off += PAGE_SIZE) {
            int frame = allocateFrame();
            setPte(va + off, bits | (long) frame << PAGE_SHIFT);
        }
        epoch++;
        directEpoch++;
    }

    @Override
    public void alias(long va, long targetVa, long size, Permissions permissions) {
        checkRange(va, size);
        checkRange(targetVa, size);
        long bits = permBits(permissions) | P_VALID;
        requireUnmapped(va, size);
        for (long off = 0; off != size; off += PAGE_SIZE) {
            if (pte(targetVa + off) == 0) {
                throw new MemoryFault(new Fault(targetVa + off, Fault.Kind.TRANSLATION, Fault.Access.READ));
            }
        }
        for (long off = 0; off != size; off += PAGE_SIZE) {
            int frame = frameOf(pte(targetVa + off));
            frameRefs[frame]++;
            setPte(va + off, bits | (long) frame << PAGE_SHIFT);
        }
        epoch++;
        directEpoch++;
    }

    private void requireUnmapped(long va, long size) {
        for (long off = 0; off != size; off += PAGE_SIZE) {
            if (pte(va + off) != 0) {
                throw new IllegalStateException(String.format("page 0x%x is already mapped", va + off));
            }
        }
    }

    private void requireMapped(long va, long size) {
        for (long off = 0; off != size; off += PAGE_SIZE) {
            if (pte(va + off) == 0) {
                throw new MemoryFault(new Fault(va + off, Fault.Kind.TRANSLATION, Fault.Access.READ));
            }
        }
    }

    @Override
    public void protect(long va, long size, Permissions permissions) {
        checkRange(va, size);
        long bits = permBits(permissions) | P_VALID;
        requireMapped(va, size);
        for (long off = 0; off != size; off += PAGE_SIZE) {
            long old = pte(va + off);
            setPte(va + off, (old & ~PAGE_MASK) | bits);
        }
        epoch++;
        directEpoch++;
    }

    @Override
    public void unmap(long va, long size) {
        checkRange(va, size);
        requireMapped(va, size);
        for (long off = 0; off != size; off += PAGE_SIZE) {
            int frame = frameOf(pte(va + off));
            setPte(va + off, 0);
            if (--frameRefs[frame] == 0) {
                freeFrame(frame);
            }
        }
        epoch++;
        directEpoch++;
    }

    @Override
    public Permissions permissionsAt(long va) {
        long pte = pte(va);
        return pte == 0 ? null : PERMISSIONS[(int) (pte & 31)];
    }

    @Override
    public long translate(long va) {
        long pte = pte(va);
        return pte == 0 ? -1 : (pte & ~PAGE_MASK) | (va & PAGE_MASK);
    }

    @Override
    public long residentPages() {
        return resident;
    }

    @Override
    public long mappingEpoch() {
        return epoch;
    }

    /** Number of mapped virtual pages (for tests and page dumps). */
    public long mappedPages() {
        long[] n = {0};
        leaves.forEach((k, leaf) -> {
            for (long e : leaf) {
                if (e != 0) {
                    n[0]++;
                }
            }
        });
        return n[0];
    }

    // ------------------------------------------------------------------ frames and observers

    public void addWriteObserver(PhysicalWriteObserver observer) {
        observers.add(requireNonNull(observer, "observer"));
    }

    /** From now on, writes to this physical frame are reported to the observers. */
    public void watchFrame(long frame) {
        if (!frameWatched[(int) frame]) {
            frameWatched[(int) frame] = true;
            directEpoch++; // a CPU may hold this frame for direct writes, which would skip the observers
        }
    }

    @Override
    public long directAccessEpoch() {
        return directEpoch;
    }

    @Override
    public byte[] directPage(long va, boolean write, boolean privileged) {
        long pte = pte(va);
        long need = write ? P_W : P_R;
        if (pte == 0 || (pte & need) != need || (!privileged && (pte & P_USER) == 0)) {
            return null;
        }
        int frame = frameOf(pte);
        if (write && frameWatched[frame]) {
            return null;
        }
        return frameData[frame]; // null until first written: reads of it must keep allocating nothing
    }

    /** Reads a word by physical address (frame, offset), without translation. */
    public int readPhysical32(long frame, int offset) {
        byte[] d = frameData[(int) frame];
        return d == null ? 0 : (int) LE32.get(d, offset);
    }

    private int allocateFrame() {
        int frame;
        if (freeCount > 0) {
            frame = freeFrames[--freeCount];
        } else {
            if (frameCount == frameData.length) {
                int n = frameData.length * 2;
                frameData = Arrays.copyOf(frameData, n);
                frameRefs = Arrays.copyOf(frameRefs, n);
                frameWatched = Arrays.copyOf(frameWatched, n);
            }
            frame = frameCount++;
        }
        frameRefs[frame] = 1;
        return frame;
    }

    private void freeFrame(int frame) {
        if (frameData[frame] != null) {
            frameData[frame] = null;
            resident--;
        }
        // a cached copy of freed code is now stale: tell the I-cache model (frame stays watched)
        notifyWrite(frame, 0, (int) PAGE_SIZE);
        if (freeCount == freeFrames.length) {
            freeFrames = Arrays.copyOf(freeFrames, freeCount * 2);
        }
        freeFrames[freeCount++] = frame;
    }

    private void notifyWrite(int frame, int offset, int length) {
        if (frameWatched[frame]) {
            for (int i = 0; i < observers.size(); i++) {
                observers.get(i).physicalWrite(frame, offset, length);
            }
        }
    }

    private static int frameOf(long pte) {
        return (int) (pte >>> PAGE_SHIFT);
    }

    // ------------------------------------------------------------------ page table

    private long pte(long va) {
        long vpn = va >>> PAGE_SHIFT;
        long key = vpn >>> LEAF_BITS;
        long[] leaf;
        if (key == cachedLeafKey) {
            leaf = cachedLeaf;
        } else {
            leaf = leaves.get(key);
            if (leaf == null) {
                return 0;
            }
            cachedLeafKey = key;
            cachedLeaf = leaf;
        }
        return leaf[(int) vpn & (LEAF_SIZE - 1)];
    }

    private void setPte(long va, long pte) {
        long vpn = va >>> PAGE_SHIFT;
        long key = vpn >>> LEAF_BITS;
        long[] leaf = leaves.get(key);
        if (leaf == null) {
            if (pte == 0) {
                return;
            }
            leaf = new long[LEAF_SIZE];
            leaves.put(key, leaf);
        }
        leaf[(int) vpn & (LEAF_SIZE - 1)] = pte;
        if (pte == 0) {
            boolean empty = true;
            for (long e : leaf) {
                if (e != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                leaves.remove(key);
                if (cachedLeafKey == key) {
                    cachedLeafKey = -1;
                    cachedLeaf = null;
                }
            }
        }
    }

    // ------------------------------------------------------------------ access helpers

    /** The PTE for a host access; throws a translation fault if unmapped. */
    private long hostPte(long va, Fault.Access access) {
        long pte = pte(va);
        if (pte == 0) {
            throw new MemoryFault(new Fault(va, Fault.Kind.TRANSLATION, access));
        }
        return pte;
    }

    private long checkedPte(long va, long need, Fault.Access access, boolean privileged) {
        long pte = pte(va);
        if (pte == 0) {
            throw new MemoryFault(new Fault(va, Fault.Kind.TRANSLATION, access));
        }
        if ((pte & need) != need || (!privileged && (pte & P_USER) == 0)) {
            throw new MemoryFault(new Fault(va, Fault.Kind.PERMISSION, access));
        }
        return pte;
    }

    private byte[] dataForWrite(int frame) {
        byte[] d = frameData[frame];
        if (d == null) {
            d = new byte[(int) PAGE_SIZE];
            frameData[frame] = d;
            resident++;
        }
        return d;
    }

    private static boolean crosses(long va, int length) {
        return ((int) va & PAGE_MASK) + length > PAGE_SIZE;
    }

    /** Reads {@code length} (≤ 8) bytes little-endian, byte by byte; used when crossing a page. */
    private long readSlow(long va, int length, long need, Fault.Access access, boolean checked, boolean privileged) {
        // check every page first so that a fault leaves nothing half done
        for (int i = 0; i < length; i++) {
            if (checked) {
                checkedPte(va + i, need, access, privileged);
            } else {
                hostPte(va + i, access);
            }
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            long a = va + i;
            byte[] d = frameData[frameOf(pte(a))];
            long b = d == null ? 0 : d[(int) a & (int) PAGE_MASK] & 0xff;
            v |= b << (8 * i);
        }
        return v;
    }

    private void writeSlow(long va, int length, long value, boolean checked, boolean privileged) {
        for (int i = 0; i < length; i++) {
            if (checked) {
                checkedPte(va + i, P_W, Fault.Access.WRITE, privileged);
            } else {
                hostPte(va + i, Fault.Access.WRITE);
            }
        }
        for (int i = 0; i < length; i++) {
            long a = va + i;
            int frame = frameOf(pte(a));
            int off = (int) a & (int) PAGE_MASK;
            dataForWrite(frame)[off] = (byte) (value >>> (8 * i));
            notifyWrite(frame, off, 1);
        }
    }

    private long read(long va, int length, long pte) {
        byte[] d = frameData[frameOf(pte)];
        if (d == null) {
            return 0;
        }
        int off = (int) va & (int) PAGE_MASK;
        switch (length) {
            case 1: return d[off] & 0xffL;
            case 2: return (short) LE16.get(d, off) & 0xffffL;
            case 4: return (int) LE32.get(d, off) & 0xffffffffL;
            default: return (long) LE64.get(d, off);
        }
    }

    private void write(long va, int length, long value, long pte) {
        int frame = frameOf(pte);
        byte[] d = dataForWrite(frame);
        int off = (int) va & (int) PAGE_MASK;
        switch (length) {
            case 1: d[off] = (byte) value; break;
            case 2: LE16.set(d, off, (short) value); break;
            case 4: LE32.set(d, off, (int) value); break;
            default: LE64.set(d, off, value); break;
        }
        if (frameWatched[frame]) {
            notifyWrite(frame, off, length);
        }
    }

    private long hostRead(long va, int length) {
        if (crosses(va, length)) {
            return readSlow(va, length, 0, Fault.Access.READ, false, true);
        }
        return read(va, length, hostPte(va, Fault.Access.READ));
    }

    private void hostWrite(long va, int length, long value) {
        if (crosses(va, length)) {
            writeSlow(va, length, value, false, true);
            return;
        }
        write(va, length, value, hostPte(va, Fault.Access.WRITE));
    }

    private long load(long va, int length, boolean privileged) {
        if (crosses(va, length)) {
            return readSlow(va, length, P_R, Fault.Access.READ, true, privileged);
        }
        return read(va, length, checkedPte(va, P_R, Fault.Access.READ, privileged));
    }

    private void store(long va, int length, long value, boolean privileged) {
        if (crosses(va, length)) {
            writeSlow(va, length, value, true, privileged);
            return;
        }
        write(va, length, value, checkedPte(va, P_W, Fault.Access.WRITE, privileged));
    }

    // ------------------------------------------------------------------ host accesses

    @Override
    public byte read8(long va) {
        return (byte) hostRead(va, 1);
    }

    @Override
    public short read16(long va) {
        return (short) hostRead(va, 2);
    }

    @Override
    public int read32(long va) {
        return (int) hostRead(va, 4);
    }

    @Override
    public long read64(long va) {
        return hostRead(va, 8);
    }

    @Override
    public void write8(long va, byte value) {
        hostWrite(va, 1, value);
    }

    @Override
    public void write16(long va, short value) {
        hostWrite(va, 2, value);
    }

    @Override
    public void write32(long va, int value) {
        hostWrite(va, 4, value);
    }

    @Override
    public void write64(long va, long value) {
        hostWrite(va, 8, value);
    }

    @Override
    public void readBytes(long va, byte[] dst, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, dst.length);
        for (int i = 0; i < length; i++) {
            dst[offset + i] = (byte) hostRead(va + i, 1);
        }
    }

    @Override
    public void writeBytes(long va, byte[] src, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, src.length);
        for (int i = 0; i < length; i++) {
            hostPte(va + i, Fault.Access.WRITE); // all or nothing
        }
        for (int i = 0; i < length; i++) {
            hostWrite(va + i, 1, src[offset + i]);
        }
    }

    // ------------------------------------------------------------------ checked accesses

    @Override
    public long load64(long va, boolean privileged) {
        return load(va, 8, privileged);
    }

    @Override
    public int load32(long va, boolean privileged) {
        return (int) load(va, 4, privileged);
    }

    @Override
    public int load16(long va, boolean privileged) {
        return (int) load(va, 2, privileged);
    }

    @Override
    public int load8(long va, boolean privileged) {
        return (int) load(va, 1, privileged);
    }

    @Override
    public void store64(long va, long value, boolean privileged) {
        store(va, 8, value, privileged);
    }

    @Override
    public void store32(long va, int value, boolean privileged) {
        store(va, 4, value, privileged);
    }

    @Override
    public void store16(long va, short value, boolean privileged) {
        store(va, 2, value, privileged);
    }

    @Override
    public void store8(long va, byte value, boolean privileged) {
        store(va, 1, value, privileged);
    }

    @Override
    public void checkAccess(long va, int length, Fault.Access access, boolean privileged) {
        long need = switch (access) {
            case READ -> P_R;
            case WRITE -> P_W;
            case FETCH -> P_X;
        };
        for (int i = 0; i < length; i++) {
            if (i == 0 || ((va + i) & PAGE_MASK) == 0) {
                checkedPte(va + i, need, access, privileged);
            }
        }
    }
}
