#!/usr/bin/env python3
"""Sanity-check the committed golden fixtures (format only; needs no cross tools).

usage: verify_fixtures.py [golden-dir]
Run by scripts/regen-fixtures.sh after regenerating; also usable on its own.
"""
import os
import re
import sys

HEX8 = re.compile(r"^[0-9a-f]{8}$")
HEX = re.compile(r"^[0-9a-f]+$")
errors = []


def err(msg):
    errors.append(msg)


def rows(path, ncols):
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.endswith("\n"):
                err("%s:%d: missing final newline" % (path, i))
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != ncols:
                err("%s:%d: %d columns, want %d" % (path, i, len(cols), ncols))
                continue
            out.append((i, cols))
    return out


def main():
    g = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "resources", "golden")
    # insns.tsv
    ins = rows(os.path.join(g, "insns.tsv"), 6)
    expect = 0
    for i, (off, word, text, src, comment, tgt) in ins:
        if not HEX.match(off) or int(off, 16) != expect:
            err("insns.tsv:%d: offset %s, want %x" % (i, off, expect))
        expect = int(off, 16) + 4 if HEX.match(off) else expect + 4
        if not HEX8.match(word):
            err("insns.tsv:%d: bad word %r" % (i, word))
        if not text or "\t" in text or text != text.strip():
            err("insns.tsv:%d: bad objdump_text %r" % (i, text))
        if not src:
            err("insns.tsv:%d: empty source_text" % i)
        if tgt and not HEX.match(tgt):
            err("insns.tsv:%d: bad target %r" % (i, tgt))
    n_insns = sum(1 for _, c in ins if not c[2].startswith(".word"))
    if n_insns < 400:
        err("insns.tsv: only %d instructions" % n_insns)
    # undefined.tsv
    und = rows(os.path.join(g, "undefined.tsv"), 5)
    for i, (word, cls, text, q, note) in und:
        if not HEX8.match(word):
            err("undefined.tsv:%d: bad word %r" % (i, word))
        if cls not in ("unallocated", "fp-simd", "sve", "other-unimplemented"):
            err("undefined.tsv:%d: bad class %r" % (i, cls))
        if q not in ("SIGILL", "-"):
            err("undefined.tsv:%d: bad qemu column %r" % (i, q))
    # kcfi-ids.tsv
    kc = rows(os.path.join(g, "kcfi-ids.tsv"), 3)
    for i, (proto, mangled, idh) in kc:
        if not mangled.startswith("_ZTSF") or not mangled.endswith("E"):
            err("kcfi-ids.tsv:%d: bad type string %r" % (i, mangled))
        if not HEX8.match(idh):
            err("kcfi-ids.tsv:%d: bad id %r" % (i, idh))
    if not os.path.getsize(os.path.join(g, "kcfi-callsite.txt")):
        err("kcfi-callsite.txt is empty")
    # elf/
    man = rows(os.path.join(g, "elf", "manifest.tsv"), 5)
    names = set()
    for i, (name, status, sig, insns, purpose) in man:
        names.add(name)
        base = os.path.join(g, "elf", name)
        for ext in (".elf", ".stdout", ".stderr", ".status"):
            if not os.path.exists(base + ext):
                err("elf/%s%s missing" % (name, ext))
        try:
            st = open(base + ".status").read()
            if st != status + "\n" or not re.match(r"^\d+$", status):
                err("elf/%s.status %r does not match manifest %r" % (name, st, status))
            with open(base + ".elf", "rb") as f:
                hdr = f.read(20)
            if hdr[:4] != b"\x7fELF" or hdr[4] != 2 or hdr[5] != 1 or int.from_bytes(hdr[16:18], "little") != 2 \
                    or int.from_bytes(hdr[18:20], "little") != 183:
                err("elf/%s.elf is not an ELF64 LE ET_EXEC EM_AARCH64 file" % name)
        except OSError:
            pass
        if not (insns == "-" or insns.isdigit()):
            err("manifest: %s insns %r" % (name, insns))
        if (sig == "-") != (int(status) <= 128):
            err("manifest: %s status %s vs signal %s" % (name, status, sig))
    for f in os.listdir(os.path.join(g, "elf")):
        stem, ext = os.path.splitext(f)
        if ext in (".elf", ".stdout", ".stderr", ".status") and stem not in names:
            err("elf/%s not in manifest" % f)
    for b in ("bench-generic-kcfi", "bench-tramp-branch", "bench-tramp-nop-literal"):
        if b not in names:
            err("missing %s" % b)
    if len(names) < 24:
        err("only %d programs" % len(names))
    total = 0
    for dp, _, fs in os.walk(g):
        for f in fs:
            total += os.path.getsize(os.path.join(dp, f))
    if total >= 2 * 1024 * 1024:
        err("fixtures total %d bytes >= 2 MiB" % total)
    if errors:
        for e in errors:
            print("verify: " + e, file=sys.stderr)
        sys.exit(1)
    print("verify: ok: %d insns rows (%d instructions), %d undefined words, %d kcfi ids, %d programs, %d bytes"
          % (len(ins), n_insns, len(und), len(kc), len(names), total))


if __name__ == "__main__":
    main()
