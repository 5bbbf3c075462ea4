package org.kernelsim.cpu.elf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.kernelsim.cpu.memory.Memory;
import org.kernelsim.cpu.memory.Permissions;

/**
 * A static AArch64 Linux executable (ELF64, little-endian, ET_EXEC, EM_AARCH64) as the kernel's
 * binfmt_elf sees it: the entry point, the PT_LOAD segments, whether PT_GNU_PROPERTY asks for
 * BTI (then executable segments become guarded pages), and the symbol table if present (only
 * for symbolising messages). Parsed with the JDK alone: the subset needed is small.
 */
public record ElfExecutable(String name, long entry, List<Segment> segments, boolean bti, List<ElfSymbol> symbols,
                            byte[] image) {

    public static final int EM_AARCH64 = 183;
    static final int PT_LOAD = 1;
    static final int PT_GNU_PROPERTY = 0x6474e553;
    static final int GNU_PROPERTY_AARCH64_FEATURE_1_AND = 0xc0000000;
    static final int GNU_PROPERTY_AARCH64_FEATURE_1_BTI = 1;

    public ElfExecutable {
        requireNonNull(name, "name");
        segments = List.copyOf(segments);
        symbols = List.copyOf(symbols);
        requireNonNull(image, "image");
    }

    /** A PT_LOAD segment; flags are PF_R=4, PF_W=2, PF_X=1. */
    public record Segment(long offset, long vaddr, long fileSize, long memSize, int flags) {
        public boolean readable() {
            return (flags & 4) != 0;
        }

        public boolean writable() {
            return (flags & 2) != 0;
        }

        public boolean executable() {
            return (flags & 1) != 0;
        }
    }

    /** A function or object symbol from .symtab. */
    public record ElfSymbol(String name, long value, long size) {
    }

    public static ElfExecutable read(Path path) throws IOException {
        return parse(path.getFileName().toString(), Files.readAllBytes(path));
    }

    /** Parses and validates; every rejection names what was found and what was needed. */
    public static ElfExecutable parse(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfFormatException(name + ": not an ELF file (bad magic)");
        }
        if (bytes[4] != 2) {
            throw new ElfFormatException(name + ": ELF class " + (bytes[4] == 1 ? "ELFCLASS32 (32-bit)" : bytes[4])
                    + ", need ELFCLASS64");
        }
        if (bytes[5] != 1) {
            throw new ElfFormatException(name + ": big-endian ELF, need little-endian (ELFDATA2LSB)");
        }
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_AARCH64) {
            throw new ElfFormatException(name + ": wrong machine " + machineName(machine) + ", need EM_AARCH64 (183)");
        }
        if (type != 2) {
            throw new ElfFormatException(name + ": e_type " + typeName(type) + ", need ET_EXEC (a static executable)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        if (phnum == 0 || phoff <= 0 || phoff + (long) phnum * phentsize > bytes.length || phentsize < 56) {
            throw new ElfFormatException(name + ": truncated or missing program headers");
        }
        List<Segment> segments = new ArrayList<>();
        boolean bti = false;
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            int ptype = b.getInt(p);
            int flags = b.getInt(p + 4);
            long offset = b.getLong(p + 8);
            long vaddr = b.getLong(p + 16);
            long filesz = b.getLong(p + 32);
            long memsz = b.getLong(p + 40);
            if (ptype == PT_LOAD) {
                if (offset < 0 || filesz < 0 || offset + filesz > bytes.length) {
                    throw new ElfFormatException(name + ": PT_LOAD " + i + " extends beyond the file");
                }
                if (memsz < filesz) {
                    throw new ElfFormatException(name + ": PT_LOAD " + i + " has p_memsz < p_filesz");
                }
                if (((offset ^ vaddr) & Memory.PAGE_MASK) != 0) {
                    throw new ElfFormatException(name + ": PT_LOAD " + i + " offset and vaddr disagree modulo the page size");
                }
                segments.add(new Segment(offset, vaddr, filesz, memsz, flags));
            } else if (ptype == PT_GNU_PROPERTY) {
                bti = hasBtiProperty(b, (int) offset, (int) filesz);
            }
        }
        if (segments.isEmpty()) {
            throw new ElfFormatException(name + ": no PT_LOAD segments");
        }
        return new ElfExecutable(name, entry, segments, bti, readSymbols(b, bytes.length, shoff, shentsize, shnum), bytes);
    }

    /** NT_GNU_PROPERTY_TYPE_0 notes: pr_type GNU_PROPERTY_AARCH64_FEATURE_1_AND with the BTI bit. */
    private static boolean hasBtiProperty(ByteBuffer b, int offset, int size) {
        int p = offset;
        int end = offset + size;
        while (p + 12 <= end) {
            int namesz = b.getInt(p);
            int descsz = b.getInt(p + 4);
            int ntype = b.getInt(p + 8);
            int desc = p + 12 + ((namesz + 3) & ~3);
            if (ntype == 5) { // NT_GNU_PROPERTY_TYPE_0
                int q = desc;
                while (q + 8 <= desc + descsz) {
                    int prType = b.getInt(q);
                    int prSize = b.getInt(q + 4);
                    if (prType == GNU_PROPERTY_AARCH64_FEATURE_1_AND && prSize >= 4
                            && (b.getInt(q + 8) & GNU_PROPERTY_AARCH64_FEATURE_1_BTI) != 0) {
                        return true;
                    }
                    q += 8 + ((prSize + 7) & ~7);
                }
            }
            p = desc + ((descsz + 3) & ~3);
        }
        return false;
    }

    private static List<ElfSymbol> readSymbols(ByteBuffer b, int length, long shoff, int shentsize, int shnum) {
        List<ElfSymbol> out = new ArrayList<>();
        if (shoff <= 0 || shnum == 0 || shentsize < 64 || shoff + (long) shnum * shentsize > length) {
            return out;
        }
        for (int i = 0; i < shnum; i++) {
            int s = (int) (shoff + (long) i * shentsize);
            if (b.getInt(s + 4) != 2) { // SHT_SYMTAB
                continue;
            }
            long off = b.getLong(s + 24);
            long size = b.getLong(s + 32);
            int link = b.getInt(s + 40);
            long entsize = b.getLong(s + 56);
            int strSec = (int) (shoff + (long) link * shentsize);
            long strOff = b.getLong(strSec + 24);
            if (entsize < 24 || off + size > length) {
                return out;
            }
            for (long e = off; e + 24 <= off + size; e += entsize) {
                int nameIdx = b.getInt((int) e);
                int info = b.get((int) e + 4) & 0xff;
                int shndx = b.getShort((int) e + 6) & 0xffff;
                long value = b.getLong((int) e + 8);
                long sz = b.getLong((int) e + 16);
                int stt = info & 0xf;
                if (shndx == 0 || nameIdx == 0 || (stt != 0 && stt != 1 && stt != 2)) {
                    continue;
                }
                String n = cString(b, (int) (strOff + nameIdx), length);
                if (!n.isEmpty() && !n.startsWith("$")) {
                    out.add(new ElfSymbol(n, value, sz));
                }
            }
        }
        out.sort(Comparator.comparingLong(ElfSymbol::value));
        return out;
    }

    private static String cString(ByteBuffer b, int at, int length) {
        int end = at;
        while (end < length && b.get(end) != 0) {
            end++;
        }
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static String machineName(int m) {
        return switch (m) {
            case 3 -> "EM_386 (3)";
            case 40 -> "EM_ARM (40)";
            case 62 -> "EM_X86_64 (62)";
            case 243 -> "EM_RISCV (243)";
            default -> String.valueOf(m);
        };
    }

    private static String typeName(int t) {
        return switch (t) {
            case 0 -> "ET_NONE";
            case 1 -> "ET_REL (a relocatable object)";
            case 3 -> "ET_DYN (PIE or shared object; only static non-PIE executables are supported)";
            case 4 -> "ET_CORE";
            default -> String.valueOf(t);
        };
    }

    /**
     * Maps and fills the PT_LOAD segments as user pages, as binfmt_elf does: the page-aligned
     * file range {@code [offset & ~0xfff, offset + filesz)} at {@code vaddr & ~0xfff}, the rest
     * of {@code memsz} zero (bss), permissions from p_flags, executable pages guarded when the
     * executable is BTI-marked. A later segment sharing a page replaces the earlier mapping
     * there (MAP_FIXED).
     */
    public void load(Memory memory) {
        for (Segment s : segments) {
            long start = s.vaddr() & ~Memory.PAGE_MASK;
            long end = (s.vaddr() + s.memSize() + Memory.PAGE_MASK) & ~Memory.PAGE_MASK;
            Permissions perms = new Permissions(s.readable(), s.writable(), s.executable(), bti && s.executable(), true);
            for (long page = start; page < end; page += Memory.PAGE_SIZE) {
                if (memory.isMapped(page)) {
                    memory.unmap(page, Memory.PAGE_SIZE);
                }
            }
            memory.map(start, end - start, perms);
            long fileStart = s.offset() & ~Memory.PAGE_MASK;
            int len = (int) (s.offset() + s.fileSize() - fileStart);
            if (len > 0) {
                memory.writeBytes(start, image, (int) fileStart, len);
            }
        }
    }

    /** "func+0x10" for an address inside a known symbol, else empty. */
    public Optional<String> symbolize(long address) {
        ElfSymbol best = null;
        for (ElfSymbol s : symbols) {
            if (s.value() <= address && (best == null || s.value() >= best.value())) {
                best = s;
            }
        }
        if (best == null || best.size() > 0 && address >= best.value() + best.size() && address - best.value() > 0x10000) {
            return Optional.empty();
        }
        return Optional.of(best.name() + "+0x" + Long.toHexString(address - best.value()));
    }
}
