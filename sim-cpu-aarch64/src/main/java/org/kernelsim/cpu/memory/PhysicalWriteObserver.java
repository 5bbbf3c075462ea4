package org.kernelsim.cpu.memory;

/**
 * Told about writes to watched physical pages (see {@link SparseMemory#watchFrame}). The
 * instruction-cache model uses it to learn that code it holds has changed in memory; it is only
 * called for watched frames so that ordinary data writes cost nothing.
 */
@FunctionalInterface
public interface PhysicalWriteObserver {

    /**
     * Bytes [offset, offset+length) of physical frame {@code frame} were written (or, for a freed
     * frame, discarded). The range never crosses a frame boundary.
     */
    void physicalWrite(long frame, int offset, int length);
}
