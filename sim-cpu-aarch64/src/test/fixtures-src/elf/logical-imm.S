// logical-imm: AND/ORR/EOR/ANDS with bitmask immediates (32/64-bit), BIC/ORN/EON/BICS
// shifted register (incl. ROR), TST flags, MOVZ/MOVK/MOVN constant building.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0x3210
	movk	x19, #0x7654, lsl #16
	movk	x19, #0xba98, lsl #32
	movk	x19, #0xfedc, lsl #48	// 0xfedcba9876543210
	and	x0, x19, #0xff00ff00ff00ff00
	HEX	"and ff00 rep", x0
	orr	x0, x19, #0x5555555555555555
	HEX	"orr 5555", x0
	eor	x0, x19, #0xffffffff00000000
	HEX	"eor hi32", x0
	and	x0, x19, #0x0000fffffffffff0
	HEX	"and mid", x0
	eor	x0, x19, #0x8000000000000001
	HEX	"eor ends", x0
	ands	x0, x19, #0xf
	FLAGS	"ands low nibble"
	ands	x0, x19, #0x8000000000000000
	FLAGS	"ands sign"
	and	w0, w19, #0x0ff00ff0
	HEX	"and32", x0
	orr	w0, w19, #0xc0000003
	HEX	"orr32 rot", x0
	eor	w0, w19, #0xaaaaaaaa
	HEX	"eor32 aaaa", x0
	ands	w0, w19, #0x80000000
	FLAGS	"ands32 sign"
	tst	w19, #0x1
	FLAGS	"tst32 bit0"
	// shifted-register logical ops
	mov	x20, #0x0ff0
	movk	x20, #0xf00f, lsl #48
	and	x0, x19, x20, ror #4
	HEX	"and ror4", x0
	orr	x0, x19, x20, lsl #8
	HEX	"orr lsl8", x0
	eor	x0, x19, x20, asr #12
	HEX	"eor asr12", x0
	bic	x0, x19, x20
	HEX	"bic", x0
	orn	x0, x19, x20, lsr #1
	HEX	"orn lsr1", x0
	eon	x0, x19, x20
	HEX	"eon", x0
	bics	x0, x19, x19
	FLAGS	"bics self"
	bics	w0, w19, w20, ror #31
	FLAGS	"bics32 ror"
	HEX	"bics32 r", x0
	mvn	x0, x19
	HEX	"mvn", x0
	mvn	w0, w19, lsl #4
	HEX	"mvn32 lsl4", x0
	// move wide
	movz	x0, #0xbeef, lsl #32
	HEX	"movz lsl32", x0
	movn	x0, #0x1, lsl #16
	HEX	"movn lsl16", x0
	movn	w0, #0x1, lsl #16
	HEX	"movn32 lsl16", x0
	mov	x0, #0x1234
	movk	x0, #0x5678, lsl #16
	movk	x0, #0x9abc, lsl #32
	movk	x0, #0xdef0, lsl #48
	HEX	"movk chain", x0
	movk	w0, #0xffff, lsl #16
	HEX	"movk32 clears hi", x0
	mov	x0, #0x00ff00ff00ff00ff
	HEX	"mov bitmask", x0
	EXIT	#0
