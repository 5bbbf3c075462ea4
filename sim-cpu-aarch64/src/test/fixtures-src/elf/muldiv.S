// muldiv: MADD/MSUB/MUL/MNEG, SMULL/UMULL/SMADDL/UMSUBL, SMULH/UMULH, UDIV/SDIV
// including divide by zero (result 0, no trap) and INT_MIN / -1 (result INT_MIN).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0x4321
	movk	x19, #0x8765, lsl #16
	movk	x19, #0xcba9, lsl #32
	movk	x19, #0x0fed, lsl #48	// 0x0fedcba987654321
	mov	x20, #-12345
	mul	x0, x19, x20
	HEX	"mul", x0
	mneg	x0, x19, x20
	HEX	"mneg", x0
	mov	x21, #1000
	madd	x0, x19, x21, x20
	HEX	"madd", x0
	msub	x0, x19, x21, x20
	HEX	"msub", x0
	mul	w0, w19, w20
	HEX	"mul32", x0
	smull	x0, w19, w20
	HEX	"smull", x0
	umull	x0, w19, w20
	HEX	"umull", x0
	smaddl	x0, w19, w20, x21
	HEX	"smaddl", x0
	umsubl	x0, w19, w20, x21
	HEX	"umsubl", x0
	smulh	x0, x19, x20
	HEX	"smulh", x0
	umulh	x0, x19, x20
	HEX	"umulh", x0
	mov	x22, #-1
	umulh	x0, x22, x22
	HEX	"umulh max", x0
	smulh	x0, x22, x22
	HEX	"smulh -1", x0
	// division
	mov	x21, #7
	udiv	x0, x19, x21
	HEX	"udiv", x0
	sdiv	x24, x20, x21
	DEC	"sdiv -12345/7", x24
	msub	x24, x24, x21, x20
	DEC	"srem", x24
	udiv	x0, x20, x21
	HEX	"udiv neg", x0
	udiv	x0, x19, xzr
	DEC	"udiv by 0", x0
	sdiv	x0, x20, xzr
	DEC	"sdiv by 0", x0
	sdiv	w0, w20, wzr
	DEC	"sdiv32 by 0", x0
	mov	x22, #0x8000000000000000
	mov	x23, #-1
	sdiv	x0, x22, x23
	HEX	"sdiv min/-1", x0
	mov	w22, #0x80000000
	sdiv	w0, w22, w23
	HEX	"sdiv32 min/-1", x0
	udiv	w0, w20, w21
	HEX	"udiv32", x0
	sdiv	w0, w20, w21
	HEX	"sdiv32", x0
	// a checksum over a multiply/divide loop
	mov	x24, #1			// acc
	mov	x25, #1			// i
1:	madd	x24, x24, x25, x25	// acc = acc*i + i
	udiv	x26, x24, x25
	eor	x24, x24, x26, lsl #3
	add	x25, x25, #1
	cmp	x25, #200
	b.ls	1b
	HEX	"loop checksum", x24
	EXIT	#0
