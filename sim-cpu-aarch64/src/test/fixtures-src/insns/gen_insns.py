#!/usr/bin/env python3
"""Generate insns.S: the source of golden/insns.tsv.

Every non-blank, non-comment line of the output (other than the single
`start:` label) assembles to exactly 4 bytes (an instruction or a `.word`),
except `.quad` lines, which are 8 bytes. build_insns_tsv.py relies on this to
map each disassembled word back to its source line, and checks it.

Run: python3 gen_insns.py > insns.S   (scripts/regen-fixtures.sh does this)
"""

GROUPS = []


def group(name, lines):
    GROUPS.append((name, [l for l in lines if l]))


COND = ["eq", "ne", "cs", "cc", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls",
        "ge", "lt", "gt", "le", "al", "nv"]

# --- branches -------------------------------------------------------------
group("B / BL (imm26, offset relative to the branch itself)", [
    "b .", "b .+4", "b .-4", "b .+8", "b start",
    "b .+0x7fffffc", "b .-0x8000000", "b .+0x1000",
    "bl .", "bl .+8", "bl .-4", "bl start", "bl .+0x7fffffc", "bl .-0x8000000",
])
group("B.cond: all 16 condition codes (cs/hs and cc/lo are synonyms), range edges",
      ["b.%s .+8" % c for c in COND] + [
          "b.eq .+0xffffc", "b.ne .-0x100000", "b.ne .-4", "b.eq start",
          "beq .+8",
      ])
group("CBZ / CBNZ (W and X, register 31 = ZR), range edges", [
    "cbz x0, .+8", "cbz w0, .+8", "cbnz w1, .-8", "cbnz x1, .-8",
    "cbz x30, .+0xffffc", "cbnz w30, .-0x100000", "cbz xzr, .+4", "cbnz wzr, .+4",
    "cbz x16, start",
])
group("TBZ / TBNZ (bit < 32 uses W, bit >= 32 uses X), range edges", [
    "tbz w2, #0, .+8", "tbnz x3, #63, .+0x10", "tbz w3, #31, .+8", "tbz x3, #32, .+8",
    "tbnz w4, #1, .-4", "tbnz x5, #40, .+0x7ffc", "tbz x6, #5, .-0x8000",
    "tbz x7, #3, .+8", "tbz xzr, #63, .+4", "tbnz wzr, #0, .+4", "tbz w30, #17, start",
])
group("BR / BLR / RET", [
    "br x16", "br x17", "br x0", "br x9", "br x30",
    "blr x1", "blr x8", "blr x16", "blr x30", "blr x0",
    "ret", "ret x30", "ret x1", "ret x0", "ret x16",
])

# --- hint space -----------------------------------------------------------
group("HINT space (named hints, BTI, PAC, unallocated hint #N executes as NOP)", [
    "nop", "yield", "wfe", "wfi", "sev", "sevl",
    "hint #0", "hint #6", "xpaclri", "hint #7",
    "pacia1716", "pacib1716", "autia1716", "autib1716",
    "esb", "psb csync", "tsb csync", "csdb",
    "paciaz", "paciasp", "pacibz", "pacibsp", "autiaz", "autiasp", "autibz", "autibsp",
    "hint #25", "hint #27", "hint #29", "hint #31",
    "bti", "bti c", "bti j", "bti jc",
    "hint #32", "hint #34", "hint #36", "hint #38",
    "hint #9", "hint #11", "hint #13", "hint #15", "hint #21", "hint #23",
    "hint #33", "hint #35", "hint #39", "hint #0x40", "hint #0x7f",
])

# --- literal loads --------------------------------------------------------
group("LDR (literal) W, X, SW; PRFM literal; range edges", [
    "ldr x0, .+8", "ldr x16, .+8", "ldr w1, .-4", "ldr w0, .+4",
    "ldrsw x2, .+16", "ldrsw x3, .-8", "ldr x17, start",
    "ldr x0, .+0xffffc", "ldr x0, .-0x100000", "ldr xzr, .+4", "ldr wzr, .+4",
    "prfm pldl1keep, .+8", "prfm pstl2strm, .-8",
])

# --- load/store unsigned offset ------------------------------------------
ls_uimm = []
for op, rt, scale in [("ldrb", "w", 1), ("strb", "w", 1), ("ldrh", "w", 2), ("strh", "w", 2),
                      ("ldr", "w", 4), ("str", "w", 4), ("ldr", "x", 8), ("str", "x", 8),
                      ("ldrsb", "w", 1), ("ldrsb", "x", 1), ("ldrsh", "w", 2), ("ldrsh", "x", 2),
                      ("ldrsw", "x", 4)]:
    ls_uimm.append("%s %s0, [x1]" % (op, rt))
    ls_uimm.append("%s %s2, [x3, #%d]" % (op, rt, scale * 3))
    ls_uimm.append("%s %s4, [sp, #%d]" % (op, rt, scale * 4095))
ls_uimm += ["ldr x0, [x1, #8]", "ldr x16, [x16, #0]", "ldr x0, [sp, #32760]",
            "str x2, [x3, #16]", "str xzr, [sp]", "str wzr, [x0, #4]", "strb wzr, [sp, #4095]",
            "ldr xzr, [x0]", "ldr x30, [sp, #8]", "prfm pldl1keep, [x0]", "prfm pstl1strm, [x1, #32760]"]
group("LDR/STR unsigned offset (B/H/W/X, signed loads, base SP, Rt = ZR)", ls_uimm)

ls_idx = []
for op, rt in [("ldrb", "w"), ("strb", "w"), ("ldrh", "w"), ("strh", "w"), ("ldr", "w"), ("str", "w"),
               ("ldr", "x"), ("str", "x"), ("ldrsb", "w"), ("ldrsb", "x"), ("ldrsh", "w"),
               ("ldrsh", "x"), ("ldrsw", "x")]:
    ls_idx.append("%s %s0, [x1, #8]!" % (op, rt))
    ls_idx.append("%s %s0, [x1], #8" % (op, rt))
ls_idx += ["ldr x0, [x1, #-256]!", "ldr x0, [x1, #255]!", "ldr x0, [x1], #-256", "ldr x0, [x1], #255",
           "str x0, [sp, #-16]!", "ldr x0, [sp], #16", "strb w0, [x1, #-1]!", "ldrh w0, [x1], #-2",
           "str x30, [sp, #-8]!", "ldr x30, [sp], #8", "ldr w0, [sp, #0]!", "str xzr, [x3], #0"]
group("LDR/STR pre-index (!) and post-index, imm9 in [-256, 255]", ls_idx)

ls_reg = []
for op, rt, sh in [("ldrb", "w", 0), ("strb", "w", 0), ("ldrh", "w", 1), ("strh", "w", 1),
                   ("ldr", "w", 2), ("str", "w", 2), ("ldr", "x", 3), ("str", "x", 3),
                   ("ldrsb", "w", 0), ("ldrsb", "x", 0), ("ldrsh", "w", 1), ("ldrsh", "x", 1),
                   ("ldrsw", "x", 2)]:
    ls_reg.append("%s %s0, [x1, x2]" % (op, rt))
    ls_reg.append("%s %s0, [x1, x2, lsl #%d]" % (op, rt, sh))
    ls_reg.append("%s %s0, [x1, w2, uxtw]" % (op, rt))
    ls_reg.append("%s %s0, [x1, w2, sxtw #%d]" % (op, rt, sh))
    ls_reg.append("%s %s0, [x1, x2, sxtx]" % (op, rt))
ls_reg += ["ldr x0, [sp, x2, lsl #3]", "ldr w0, [x1, w2, uxtw #2]", "ldr x0, [x1, x2, sxtx #3]",
           "str x0, [x1, xzr]", "ldr x16, [x16, x17]", "prfm pldl1keep, [x0, x1]"]
group("LDR/STR register offset (LSL, UXTW, SXTW, SXTX; shift 0 or log2(size))", ls_reg)

ldur = []
for op, rt in [("ldurb", "w"), ("sturb", "w"), ("ldurh", "w"), ("sturh", "w"), ("ldur", "w"),
               ("stur", "w"), ("ldur", "x"), ("stur", "x"), ("ldursb", "w"), ("ldursb", "x"),
               ("ldursh", "w"), ("ldursh", "x"), ("ldursw", "x")]:
    ldur.append("%s %s0, [x1, #-256]" % (op, rt))
    ldur.append("%s %s0, [x1, #255]" % (op, rt))
    ldur.append("%s %s0, [sp, #-1]" % (op, rt))
ldur += ["ldur w16, [x1, #-4]", "ldur w16, [x1, #-12]", "ldur w16, [x8, #-4]", "ldur w9, [x16, #-4]",
         "ldur x0, [x1]", "ldur x0, [x1, #8]", "ldr x0, [x1, #-8]", "ldr w0, [x1, #1]", "str x0, [x1, #-8]",
         "stur xzr, [sp, #-8]"]
group("LDUR/STUR (unscaled imm9; `ldr` with an offset that cannot be scaled assembles to LDUR)", ldur)

ldp = []
for op in ["ldp", "stp"]:
    for r, sc in [("x", 8), ("w", 4)]:
        ldp.append("%s %s0, %s1, [x2]" % (op, r, r))
        ldp.append("%s %s0, %s1, [x2, #%d]" % (op, r, r, sc * 2))
        ldp.append("%s %s0, %s1, [x2, #%d]" % (op, r, r, -sc * 64))
        ldp.append("%s %s0, %s1, [x2, #%d]" % (op, r, r, sc * 63))
        ldp.append("%s %s0, %s1, [sp, #-%d]!" % (op, r, r, sc * 2))
        ldp.append("%s %s0, %s1, [sp], #%d" % (op, r, r, sc * 2))
ldp += ["stp x29, x30, [sp, #-16]!", "ldp x29, x30, [sp], #16", "stp x29, x30, [sp, #-96]!",
        "ldp x29, x30, [sp], #96", "stp x19, x20, [sp, #16]", "ldp x19, x20, [sp, #16]",
        "stp xzr, xzr, [sp, #-16]!", "stp wzr, wzr, [x0]",
        "ldpsw x0, x1, [x2]", "ldpsw x0, x1, [x2, #8]", "ldpsw x0, x1, [x2, #-8]!", "ldpsw x0, x1, [x2], #252",
        "ldnp x0, x1, [x2, #16]", "stnp x0, x1, [x2, #-16]"]
group("LDP/STP (W, X; offset, pre-index, post-index; imm7 scaled), LDPSW, LDNP/STNP", ldp)

group("ADR / ADRP (ADRP: target = (PC & ~0xfff) + imm<<12)", [
    "adr x0, .", "adr x0, .+4", "adr x0, .-1", "adr x1, .+1", "adr x2, .+0xfffff", "adr x3, .-0x100000",
    "adr x16, start", "adr xzr, .+8",
    "adrp x16, start", "adrp x16, start+0x1000", "adrp x0, start+0x12345000", "adrp x1, start+0xfffff000",
    "adrp x2, start-0x1000", "adrp x3, start-0x100000000", "adrp xzr, start",
])

# --- add/sub --------------------------------------------------------------
group("ADD/SUB/ADDS/SUBS immediate (imm12, optional LSL #12; Rd/Rn 31 = SP except Rd of ADDS/SUBS)", [
    "add x0, x1, #0", "add x0, x1, #1", "add x0, x1, #4095", "add x0, x1, #1, lsl #12",
    "add x0, x1, #4095, lsl #12", "add w0, w1, #1", "add w0, w1, #4095, lsl #12",
    "add sp, sp, #16", "sub sp, sp, #16", "add x29, sp, #0", "mov x29, sp", "mov sp, x0", "mov wsp, w1",
    "mov w2, wsp", "add x0, sp, #16", "add sp, x0, #8", "add wsp, w0, #1",
    "sub x0, x1, #1", "sub w0, w1, #4095", "sub x0, sp, #1, lsl #12",
    "adds x0, x1, #1", "adds w0, w1, #4095", "adds x0, sp, #8", "subs x0, x1, #1", "subs w0, w1, #1, lsl #12",
    "subs x0, sp, #0",
    "cmp x0, #0", "cmp w0, #1", "cmp x1, #4095", "cmp sp, #16", "cmp w0, #1, lsl #12", "cmp wsp, #0",
    "cmn x0, #1", "cmn w0, #4095", "cmn sp, #8", "cmn x3, #4095, lsl #12",
    "add x0, x1, #0x1000", "sub x0, x1, #-1", "add x0, x1, #-4",
])
group("ADD/SUB/ADDS/SUBS shifted register (LSL/LSR/ASR; register 31 = ZR), NEG/NEGS/CMP/CMN aliases", [
    "add x0, x1, x2", "add x0, x1, x2, lsl #3", "add x0, x1, x2, lsr #63", "add x0, x1, x2, asr #1",
    "add w0, w1, w2", "add w0, w1, w2, lsl #31", "add w0, w1, w2, asr #31", "add x0, xzr, x1",
    "sub x0, x1, x2", "sub w0, w1, w2, lsr #7", "sub x0, x1, xzr", "sub x0, x1, x2, asr #32",
    "adds x0, x1, x2", "adds w0, w1, w2, lsl #1", "subs x0, x1, x2", "subs w0, w1, w2, asr #2",
    "neg x0, x1", "neg w0, w1", "neg x0, x1, lsl #2", "neg w3, w4, asr #5", "negs x0, x1", "negs w0, w1, lsr #1",
    "cmp x0, x1", "cmp w16, w17", "cmp w9, w17", "cmp w16, w9", "cmp x0, x1, lsl #4", "cmp w0, w1, asr #3",
    "cmn x0, x1", "cmn w0, w1", "cmn x0, x1, asr #5", "cmp xzr, x1", "subs xzr, x1, x2, lsr #2",
])
group("ADD/SUB/ADDS/SUBS extended register (UXTB..SXTX, shift 0-4, with SP)", [
    "add x0, x1, w2, uxtb", "add x0, x1, w2, uxth #1", "add x0, x1, w2, uxtw #2", "add x0, x1, x2, uxtx #3",
    "add x0, x1, w2, sxtb #4", "add x0, x1, w2, sxth", "add x0, x1, w2, sxtw #2", "add x0, x1, x2, sxtx #1",
    "add w0, w1, w2, uxtb", "add w0, w1, w2, sxth #2", "add w0, w1, w2, uxtx #1",
    "add x0, sp, w1, uxtw", "add sp, sp, x1", "add x0, sp, x1, lsl #2", "add sp, x0, x1, uxtx #4",
    "add w0, wsp, w1", "add wsp, w0, w1, uxtw #1", "sub sp, sp, x0", "sub x0, sp, w1, sxtw #3",
    "adds x0, sp, x1", "adds x0, x1, w2, sxtw #4", "subs x0, x1, w2, uxtb", "subs w0, wsp, w1, uxth #3",
    "cmp sp, x1", "cmp x0, w1, uxtw", "cmp x0, w1, sxtb #2", "cmn sp, w1, uxtw #4", "cmn w0, w1, uxtb",
    "add x0, x1, x2, uxtx", "sub w0, w1, w2, uxtw",
])

# --- move wide ------------------------------------------------------------
movw = []
for hw in [0, 16, 32, 48]:
    movw.append("movz x0, #0x1234, lsl #%d" % hw)
    movw.append("movk x0, #0xabcd, lsl #%d" % hw)
    movw.append("movn x0, #0x1234, lsl #%d" % hw)
for hw in [0, 16]:
    movw.append("movz w1, #0xffff, lsl #%d" % hw)
    movw.append("movk w1, #0x8000, lsl #%d" % hw)
    movw.append("movn w1, #0x7fff, lsl #%d" % hw)
movw += [
    "movz x0, #0", "movz w0, #0", "movz x0, #0, lsl #16", "movz w0, #0, lsl #16", "movz x0, #0, lsl #48",
    "movn x0, #0", "movn w0, #0", "movn x0, #0, lsl #16", "movn w0, #0xffff", "movn w0, #0xffff, lsl #16",
    "movn x0, #0xffff, lsl #48", "movk w17, #0x794", "movk w17, #0x5, lsl #16", "movk w17, #0x5678",
    "movk w17, #0x1234, lsl #16", "movk w9, #0xe525", "movk w9, #0x837d, lsl #16", "movk xzr, #1",
    "mov x0, #0x1234", "mov x0, #0x10000", "mov x0, #-1", "mov w0, #-1", "mov x0, #-2",
    "mov w0, #0xffff0000", "mov x0, #0xffff000000000000", "mov x0, #0x5555555555555555",
    "mov w0, #0x55555555", "mov x0, #0xffffffff", "mov w0, #0x80000000", "mov x0, #0", "mov wzr, #1",
    "mov x0, #0x7fffffffffffffff", "mov x0, #0xfffffffffffeffff",
]
group("MOVZ/MOVK/MOVN (all hw shifts; MOV wide-immediate and bitmask-immediate aliases)", movw)

# --- logical --------------------------------------------------------------
limm = []
imm64 = ["0x1", "0xff", "0xff00", "0x5555555555555555", "0xaaaaaaaaaaaaaaaa", "0x7fffffffffffffff",
         "0xfffffffffffffffe", "0x8000000000000000", "0xf0f0f0f0f0f0f0f", "0x3333333333333333",
         "0xffff0000ffff0000", "0xffffffff", "0xfffffffffffff000", "0x8000000000000001",
         "0x1111111111111111", "0xc0000000000003ff"]
imm32 = ["0x1", "0xff", "0x55555555", "0x7fffffff", "0xfffffffe", "0x80000000", "0xff00ff00",
         "0xf0f0f0f0", "0x80000001", "0xc0000003", "0xffff", "0x3ffc0"]
ops = ["and", "orr", "eor", "ands"]
for i, v in enumerate(imm64):
    limm.append("%s x%d, x%d, #%s" % (ops[i % 4], i % 8, (i + 1) % 8, v))
for i, v in enumerate(imm32):
    limm.append("%s w%d, w%d, #%s" % (ops[i % 4], i % 8, (i + 3) % 8, v))
limm += ["and x0, x1, #0xff", "and sp, x0, #0xfffffffffffffff0", "orr sp, x1, #0x10",
         "eor wsp, w1, #0x1", "orr x0, xzr, #0xff", "orr w0, wzr, #0xff00", "ands xzr, x1, #0x1",
         "tst x0, #0x1", "tst w0, #0x3", "tst x1, #0x8000000000000000", "tst w1, #0xfffffffe",
         "bic x0, x1, #0xff", "bic w0, w1, #0x1"]
group("AND/ORR/EOR/ANDS immediate (bitmask immediates; BIC imm assembles to AND with the inverse)", limm)

lreg = []
for op in ["and", "orr", "eor", "ands", "bic", "bics", "orn", "eon"]:
    lreg.append("%s x0, x1, x2" % op)
    lreg.append("%s w3, w4, w5, lsl #1" % op)
    lreg.append("%s x6, x7, x8, lsr #63" % op)
    lreg.append("%s w9, w10, w11, asr #31" % op)
    lreg.append("%s x12, x13, x14, ror #7" % op)
lreg += ["mov x0, x1", "mov w0, w1", "mov x0, xzr", "mov w0, wzr", "mov x16, x0", "mov x30, x29",
         "orr x0, xzr, x1", "orr x0, xzr, x1, lsl #1", "orr x0, x1, xzr",
         "mvn x0, x1", "mvn w0, w1", "mvn w0, w1, lsl #3", "mvn x0, x1, ror #63", "orn x0, xzr, x1",
         "tst x0, x1", "tst w0, w1", "tst w0, w1, ror #4", "tst x0, x1, lsr #1", "ands xzr, x1, x2"]
group("Logical shifted register (incl. ROR; MOV/MVN/TST aliases; register 31 = ZR)", lreg)

# --- bitfield -------------------------------------------------------------
group("UBFM/SBFM/BFM and aliases (LSL/LSR/ASR imm, UBFX/SBFX/UBFIZ/SBFIZ/BFI/BFXIL/BFC, extends), EXTR/ROR", [
    "lsl x0, x1, #1", "lsl x0, x1, #63", "lsl w0, w1, #1", "lsl w0, w1, #31", "lsl x0, x1, #0",
    "lsr x0, x1, #1", "lsr x0, x1, #63", "lsr w0, w1, #1", "lsr w0, w1, #31", "lsr x0, x1, #0",
    "asr x0, x1, #1", "asr x0, x1, #63", "asr w0, w1, #1", "asr w0, w1, #31", "asr w0, w1, #0",
    "ubfx x0, x1, #8, #8", "ubfx w0, w1, #0, #1", "ubfx x0, x1, #63, #1", "ubfx w0, w1, #4, #28",
    "sbfx x0, x1, #4, #60", "sbfx w0, w1, #0, #8", "sbfx x0, x1, #32, #32", "sbfx w0, w1, #31, #1",
    "ubfiz x0, x1, #4, #8", "ubfiz w0, w1, #1, #31", "ubfiz x0, x1, #63, #1", "ubfiz x0, x1, #32, #32",
    "sbfiz x0, x1, #3, #4", "sbfiz w0, w1, #1, #31", "sbfiz x0, x1, #32, #32",
    "bfi x0, x1, #8, #16", "bfi w0, w1, #0, #31", "bfi x0, x1, #63, #1", "bfi w0, w1, #31, #1",
    "bfxil x0, x1, #8, #16", "bfxil w0, w1, #0, #31", "bfxil x0, x1, #63, #1", "bfxil w0, w1, #16, #16",
    "bfc x0, #8, #16", "bfc w0, #0, #1", "bfm x0, xzr, #56, #15",
    "uxtb w0, w1", "uxth w0, w1", "sxtb w0, w1", "sxtb x0, w1", "sxth w0, w1", "sxth x0, w1", "sxtw x0, w1",
    "ubfm x0, x1, #0, #63", "sbfm x0, x1, #0, #63", "ubfm w0, w1, #0, #7", "ubfm w0, w1, #0, #15",
    "ubfm x0, x1, #0, #7", "ubfm x0, x1, #0, #31", "sbfm x0, x1, #0, #31", "sbfm w0, w1, #0, #7",
    "ubfm x0, x1, #60, #59", "sbfm x0, x1, #63, #62", "bfm x0, x1, #0, #63", "bfm w0, w1, #8, #4",
    "extr x0, x1, x2, #8", "extr w0, w1, w2, #31", "extr x0, x1, x2, #0", "ror x0, x1, #8", "ror w0, w1, #31",
    "ror x0, x1, #63", "extr x0, x1, x1, #0",
])

# --- conditional ----------------------------------------------------------
group("CSEL/CSINC/CSINV/CSNEG and CSET/CSETM/CINC/CINV/CNEG aliases", [
    "csel x0, x1, x2, eq", "csel w0, w1, w2, ne", "csel x0, x1, x2, al", "csel w0, w1, w2, nv",
    "csel x0, xzr, x1, lt",
    "csinc x0, x1, x2, ne", "csinc w0, w1, w2, cs", "csinv x0, x1, x2, hi", "csinv w0, w1, w2, ls",
    "csneg x0, x1, x2, ge", "csneg w0, w1, w2, lt",
    "cset x0, eq", "cset w0, hi", "cset w1, cc", "csetm x0, lt", "csetm w0, vs",
    "cinc x0, x1, ge", "cinc w0, w1, mi", "cinv x0, x1, gt", "cinv w0, w1, pl", "cneg x0, x1, mi", "cneg w0, w1, le",
    "csinc x0, xzr, xzr, al", "csinc x0, x1, x1, nv", "csinv x0, xzr, xzr, al", "csneg x0, x1, x1, nv",
    "csinc x0, x1, x1, eq", "csinc x0, x1, x2, eq",
])
group("CCMP/CCMN (register and immediate)", [
    "ccmp x0, x1, #0, eq", "ccmp w0, w1, #15, ne", "ccmp x0, #31, #4, lt", "ccmp w0, #0, #8, al",
    "ccmn x0, x1, #2, gt", "ccmn w0, w1, #1, hi", "ccmn x0, #1, #0, ge", "ccmn w0, #31, #15, nv",
    "ccmp xzr, x1, #0, eq", "ccmp x0, xzr, #0, ne",
])

# --- multiply / divide / 2-source / 1-source ------------------------------
group("MADD/MSUB/SMADDL/UMADDL/SMSUBL/UMSUBL/SMULH/UMULH and MUL/MNEG/SMULL/UMULL/SMNEGL/UMNEGL aliases", [
    "madd x0, x1, x2, x3", "madd w0, w1, w2, w3", "msub x0, x1, x2, x3", "msub w0, w1, w2, w3",
    "mul x0, x1, x2", "mul w0, w1, w2", "mneg x0, x1, x2", "mneg w0, w1, w2",
    "smaddl x0, w1, w2, x3", "umaddl x0, w1, w2, x3", "smsubl x0, w1, w2, x3", "umsubl x0, w1, w2, x3",
    "smull x0, w1, w2", "umull x0, w1, w2", "smnegl x0, w1, w2", "umnegl x0, w1, w2",
    "smulh x0, x1, x2", "umulh x0, x1, x2", "madd x0, x1, x2, xzr", "madd xzr, x1, x2, x3",
])
group("ADC/ADCS/SBC/SBCS and NGC/NGCS aliases (add/subtract with carry)", [
    "adc x0, x1, x2", "adc w0, w1, w2", "adcs x0, x1, x2", "adcs w0, w1, w2", "sbc x0, x1, x2", "sbc w0, w1, w2",
    "sbcs x0, x1, x2", "sbcs w0, w1, w2", "ngc x0, x1", "ngc w0, w1", "ngcs x0, x1", "adc x0, xzr, xzr",
])
group("UDIV/SDIV, LSLV/LSRV/ASRV/RORV (LSL/LSR/ASR/ROR register aliases)", [
    "udiv x0, x1, x2", "udiv w0, w1, w2", "sdiv x0, x1, x2", "sdiv w0, w1, w2",
    "lslv x0, x1, x2", "lslv w0, w1, w2", "lsrv x0, x1, x2", "lsrv w0, w1, w2",
    "asrv x0, x1, x2", "asrv w0, w1, w2", "rorv x0, x1, x2", "rorv w0, w1, w2",
    "lsl x3, x4, x5", "lsr w3, w4, w5", "asr x3, x4, xzr", "ror w3, w4, w5",
])
group("CLZ/CLS/RBIT/REV/REV16/REV32", [
    "clz x0, x1", "clz w0, w1", "cls x0, x1", "cls w0, w1", "rbit x0, x1", "rbit w0, w1",
    "rev x0, x1", "rev w0, w1", "rev16 x0, x1", "rev16 w0, w1", "rev32 x0, x1", "rev64 x2, x3",
    "clz xzr, x1",
])

group("Exclusive / acquire-release / LSE atomics / unprivileged LDTR/STTR / CRC32 (kernel code uses these)", [
    "ldxr x0, [x1]", "ldxr w0, [x1]", "stxr w2, x0, [x1]", "stxr w2, w0, [sp]", "ldaxr x0, [x1]", "stlxr w2, x0, [x1]",
    "ldxrb w0, [x1]", "stxrh w2, w0, [x1]", "ldxp x0, x1, [x2]", "stxp w3, x0, x1, [x2]",
    "ldar x0, [x1]", "ldar w0, [x1]", "ldarb w0, [x1]", "stlr x0, [x1]", "stlr w0, [sp]", "stlrh w0, [x1]",
    "cas x0, x1, [x2]", "casal w0, w1, [x2]", "casa x0, x1, [sp]", "casl x0, x1, [x2]",
    "ldadd x0, x1, [x2]", "ldaddal w0, w1, [x2]", "stadd x0, [x1]", "ldclr x0, x1, [x2]", "ldset w0, w1, [x2]",
    "ldeor x0, x1, [x2]", "swp x0, x1, [x2]", "swpal w0, w1, [x2]", "ldumax x0, x1, [x2]", "ldsmin w0, w1, [x2]",
    "ldtr x0, [x1]", "ldtr w0, [x1, #8]", "sttr x0, [x1, #-8]", "ldtrb w0, [x1]", "sttrh w0, [x1, #255]",
    "ldtrsw x0, [x1]",
    "crc32b w0, w1, w2", "crc32h w0, w1, w2", "crc32w w0, w1, w2", "crc32x w0, w1, x2", "crc32cb w0, w1, w2",
    "crc32cx w0, w1, x2",
])

# --- exceptions / system --------------------------------------------------
group("SVC/HVC/SMC/BRK/HLT/UDF/ERET", [
    "svc #0", "svc #1", "svc #0xffff", "hvc #0", "hvc #0x1234", "smc #0", "smc #0xffff",
    "brk #0", "brk #0x1", "brk #0x4", "brk #0x5", "brk #0x6", "brk #0x100", "brk #0x400", "brk #0x401",
    "brk #0x800", "brk #0x8228", "brk #0x8230", "brk #0x8131", "brk #0x83e0", "brk #0x5500", "brk #0xffff",
    "hlt #0", "hlt #0xf000", "udf #0", "udf #1", "udf #0xffff", "eret",
])
group("Barriers: ISB, DSB, DMB (all named options), SSBB/PSSBB, CLREX, SB", [
    "isb", "isb sy", "isb #5",
    "dsb sy", "dsb ish", "dsb ishst", "dsb ishld", "dsb nsh", "dsb nshst", "dsb nshld",
    "dsb osh", "dsb oshst", "dsb oshld", "dsb st", "dsb ld", "dsb #0xd", "ssbb", "pssbb",
    "dmb sy", "dmb ish", "dmb ishst", "dmb ishld", "dmb nsh", "dmb nshst", "dmb nshld",
    "dmb osh", "dmb oshst", "dmb oshld", "dmb st", "dmb ld", "dmb #0",
    "clrex", "clrex #5", "sb",
])
group("Cache and TLB maintenance (SYS aliases IC/DC/TLBI)", [
    "ic ivau, x0", "ic iallu", "ic ialluis", "ic ivau, x17",
    "dc cvau, x0", "dc civac, x0", "dc cvac, x1", "dc zva, x2", "dc ivac, x3", "dc cvap, x4",
    "dc isw, x5", "dc csw, x6", "dc cisw, x7",
    "tlbi vmalle1is", "tlbi vmalle1", "tlbi vae1is, x0", "tlbi vale1is, x1", "tlbi aside1is, x2",
    "tlbi vaae1is, x3",
    "sys #0, c7, c5, #0", "sys #3, c7, c11, #1, x0",
])
sysregs = ["tpidr_el1", "tpidr_el0", "tpidrro_el0", "daif", "nzcv", "esr_el1", "elr_el1", "spsr_el1",
           "far_el1", "vbar_el1", "sp_el0", "sctlr_el1", "ttbr0_el1", "ttbr1_el1", "tcr_el1", "mair_el1",
           "contextidr_el1", "cntkctl_el1", "spsel", "fpcr", "fpsr", "pan", "cntv_ctl_el0",
           "cntv_cval_el0"]
rosregs = ["currentel", "ctr_el0", "midr_el1", "mpidr_el1", "dczid_el0", "cntvct_el0", "cntfrq_el0",
           "id_aa64pfr0_el1", "id_aa64isar0_el1", "id_aa64mmfr0_el1", "revidr_el1"]
sysl = []
for i, r in enumerate(sysregs):
    sysl.append("mrs x%d, %s" % (i % 31, r))
    sysl.append("msr %s, x%d" % (r, (i + 5) % 31))
for i, r in enumerate(rosregs):
    sysl.append("mrs x%d, %s" % ((i * 3) % 31, r))
sysl += ["mrs xzr, nzcv", "msr nzcv, xzr", "mrs x0, s3_0_c15_c2_0", "msr s3_0_c15_c2_0, x1", "mrs x30, s3_1_c15_c2_1",
         "msr daifset, #0xf", "msr daifclr, #0xf", "msr daifset, #2", "msr daifclr, #2", "msr daifset, #0",
         "msr spsel, #1", "msr spsel, #0", "msr pan, #1", "msr pan, #0"]
group("MRS/MSR (register) and MSR (immediate: DAIFSet/DAIFClr/SPSel/PAN)", sysl)

# --- kCFI / trampolines / PLT ---------------------------------------------
group("kCFI check, target x8 (aarch64.md 3.1): type int(int) = 0x00050794", [
    "ldur w16, [x8, #-4]", "movk w17, #0x794", "movk w17, #0x5, lsl #16", "cmp w16, w17",
    "b.eq .+8", "brk #0x8228", "blr x8",
])
group("kCFI tail call via x16 (A = w9): type int(int)", [
    "mov x16, x0", "ldur w9, [x16, #-4]", "movk w17, #0x794", "movk w17, #0x5, lsl #16", "cmp w9, w17",
    "b.eq .+8", "brk #0x8230", "br x16",
])
group("kCFI check, target x17 (B = w9): type unsigned int(void) = 0x837de525", [
    "ldur w16, [x17, #-4]", "movk w9, #0xe525", "movk w9, #0x837d, lsl #16", "cmp w16, w9",
    "b.eq .+8", "brk #0x8131", "blr x17",
])
group("kCFI check with -fpatchable-function-entry=4,2 (type word at f-12)", [
    "ldur w16, [x8, #-12]", "movk w17, #0x670c", "movk w17, #0xa540, lsl #16", "cmp w16, w17",
    "b.eq .+8", "brk #0x8228", "blr x8",
])
group("kCFI-typed function: .word type id, then the body (int(int) -> x + 1)", [
    ".word 0x00050794", "bti c", "add w0, w0, #1", "ret",
    ".word 0xa540670c", "bti c", "ret",
    ".word 0x72923c8f", "bti c", "mov x0, xzr", "ret",
])
group("ool-literal static_call trampoline (adrp x16 + ldr of an 8-byte literal in .rodata; here at 0x27f8)", [
    "bti c", "adrp x16, start+0x2000", "ldr x16, [x16, #0x7f8]", "br x16",
])
group("ool-branch static_call trampoline, variants B / RET / NOP at +4, literal at +16", [
    "bti c", "b .+0x100", "ldr x16, .+8", "br x16", ".quad 0x0000000000000100",
    "bti c", "ret", "ldr x16, .+8", "br x16", ".quad 0xffff800080123456",
    "bti c", "nop", "ldr x16, .+8", "br x16", ".quad 0",
])
group("cfi-ret0 stub and module PLT entry (adrp/add/br x16)", [
    ".word 0x837de525", "bti c", "mov x0, xzr", "ret",
    "adrp x16, start+0x3000", "add x16, x16, #0x123", "br x16",
])


def emit():
    out = ["// GENERATED by gen_insns.py -- do not edit; edit the generator and run scripts/regen-fixtures.sh.",
           "// One instruction (or .word/.quad datum) per line; assembled into ONE .text section at 0.",
           "\t.text", "start:"]
    for name, lines in GROUPS:
        out.append("// == %s ==" % name)
        # 8-byte alignment for .quad literals keeps objdump from splitting oddly
        for l in lines:
            out.append("\t" + l)
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import sys
    sys.stdout.write(emit())
