// xorshift: xorshift64 PRNG (13, 7, 17) driving a hashing loop of 100000 iterations that
// mixes in multiply-high, rotates and a histogram in memory; prints state, hash and histogram.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0x2545
	movk	x19, #0xf491, lsl #16
	movk	x19, #0x4f6c, lsl #32
	movk	x19, #0xdd1d, lsl #48	// state
	mov	x20, #0			// hash
	mov	x21, #0			// i
	LOADADDR x22, hist
	mov	x23, #0x7f4a
	movk	x23, #0x7c15, lsl #16
	movk	x23, #0x79b9, lsl #32
	movk	x23, #0x9e37, lsl #48	// golden ratio
	mov	x24, #34464
	movk	x24, #1, lsl #16	// 100000
1:	eor	x19, x19, x19, lsl #13
	eor	x19, x19, x19, lsr #7
	eor	x19, x19, x19, lsl #17
	umulh	x0, x19, x23
	eor	x20, x20, x0
	ror	x20, x20, #23
	add	x20, x20, x19
	lsr	x1, x19, #60		// bucket 0..15
	ldr	w2, [x22, x1, lsl #2]
	add	w2, w2, #1
	str	w2, [x22, x1, lsl #2]
	add	x21, x21, #1
	cmp	x21, x24
	b.ne	1b
	HEX	"state", x19
	HEX	"hash", x20
	mov	x21, #0
2:	ldr	w25, [x22, x21, lsl #2]
	DEC	"bucket", x25
	add	x21, x21, #1
	cmp	x21, #16
	b.lo	2b
	EXIT	#0

	.bss
	.balign	8
hist:	.skip	64
