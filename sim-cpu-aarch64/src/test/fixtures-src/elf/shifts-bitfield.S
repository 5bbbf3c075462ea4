// shifts-bitfield: LSL/LSR/ASR/ROR (immediate and register, incl. amounts >= width),
// UBFM/SBFM/BFM aliases (UBFX, SBFX, UBFIZ, SBFIZ, BFI, BFXIL, BFC), extends, EXTR.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0x8765
	movk	x19, #0x4321, lsl #16
	movk	x19, #0xfedc, lsl #32
	movk	x19, #0x89ab, lsl #48	// x19 = 0x89abfedc43218765
	lsl	x0, x19, #4
	HEX	"lsl4", x0
	lsr	x0, x19, #60
	HEX	"lsr60", x0
	asr	x0, x19, #60
	HEX	"asr60", x0
	ror	x0, x19, #12
	HEX	"ror12", x0
	lsl	w0, w19, #31
	HEX	"lsl32_31", x0
	asr	w0, w19, #8
	HEX	"asr32_8", x0
	ror	w0, w19, #16
	HEX	"ror32_16", x0
	// register shifts use the amount modulo the width
	mov	x20, #68
	lsl	x0, x19, x20
	HEX	"lslv 68", x0
	lsr	x0, x19, x20
	HEX	"lsrv 68", x0
	asr	x0, x19, x20
	HEX	"asrv 68", x0
	ror	x0, x19, x20
	HEX	"rorv 68", x0
	mov	w20, #33
	lsl	w0, w19, w20
	HEX	"lslv32 33", x0
	asr	w0, w19, w20
	HEX	"asrv32 33", x0
	ror	w0, w19, w20
	HEX	"rorv32 33", x0
	// bitfield extracts/inserts
	ubfx	x0, x19, #8, #12
	HEX	"ubfx 8,12", x0
	sbfx	x0, x19, #60, #4
	HEX	"sbfx 60,4", x0
	sbfx	w0, w19, #12, #4
	HEX	"sbfx32 12,4", x0
	ubfiz	x0, x19, #40, #16
	HEX	"ubfiz 40,16", x0
	sbfiz	x0, x19, #4, #16
	HEX	"sbfiz 4,16", x0
	mov	x0, #-1
	bfi	x0, x19, #16, #8
	HEX	"bfi 16,8", x0
	mov	x0, #0
	bfxil	x0, x19, #36, #12
	HEX	"bfxil 36,12", x0
	mov	x0, x19
	bfc	x0, #4, #40
	HEX	"bfc 4,40", x0
	mov	w0, #-1
	bfi	w0, w19, #28, #4
	HEX	"bfi32 28,4", x0
	// extends
	uxtb	w0, w19
	HEX	"uxtb", x0
	uxth	w0, w19
	HEX	"uxth", x0
	sxtb	x0, w19
	HEX	"sxtb", x0
	sxth	x0, w19
	HEX	"sxth", x0
	sxtw	x0, w19
	HEX	"sxtw", x0
	sxth	w0, w19
	HEX	"sxth32", x0
	// EXTR
	mov	x20, #0x1111
	extr	x0, x19, x20, #8
	HEX	"extr 8", x0
	extr	w0, w19, w20, #24
	HEX	"extr32 24", x0
	// raw UBFM/SBFM with imms < immr (the insert forms)
	ubfm	x0, x19, #60, #3
	HEX	"ubfm 60,3", x0
	sbfm	w0, w19, #30, #1
	HEX	"sbfm32 30,1", x0
	mov	x0, #0x77
	bfm	x0, x19, #8, #3
	HEX	"bfm 8,3", x0
	EXIT	#0
