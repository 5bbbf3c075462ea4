package org.kernelsim.cpu.disasm;

/**
 * Names an address for disassembly, as objdump's {@code <sym+0xoff>}: returns e.g.
 * {@code "start+0x40"} or {@code null} when there is no symbol.
 */
@FunctionalInterface
public interface Symbolizer {

    Symbolizer NONE = address -> null;

    String symbolize(long address);
}
