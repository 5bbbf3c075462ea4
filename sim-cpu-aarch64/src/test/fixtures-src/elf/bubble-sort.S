// bubble-sort: fill 64 signed 64-bit words from an LCG, bubble-sort them (LDP/STP swaps,
// signed compares, early exit when no swap), verify order, print extremes and a checksum.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, arr
	mov	x20, #64
	// LCG: s = s * 6364136223846793005 + 1442695040888963407
	mov	x1, #0x4f2d
	movk	x1, #0x4c95, lsl #16
	movk	x1, #0xf42d, lsl #32
	movk	x1, #0x5851, lsl #48
	mov	x2, #0xf64f
	movk	x2, #0x7cfe, lsl #16
	movk	x2, #0x2fdc, lsl #32
	movk	x2, #0x1405, lsl #48
	mov	x3, #12345		// seed
	mov	x4, #0
1:	madd	x3, x3, x1, x2
	asr	x5, x3, #20		// signed values
	str	x5, [x19, x4, lsl #3]
	add	x4, x4, #1
	cmp	x4, x20
	b.lo	1b
	// bubble sort
	mov	x21, #0			// passes
2:	mov	x6, #0			// swapped
	mov	x4, #0
	sub	x7, x20, #1
3:	add	x8, x19, x4, lsl #3
	ldp	x9, x10, [x8]
	cmp	x9, x10
	b.le	4f
	stp	x10, x9, [x8]
	mov	x6, #1
4:	add	x4, x4, #1
	cmp	x4, x7
	b.lo	3b
	add	x21, x21, #1
	cbnz	x6, 2b
	DEC	"passes", x21
	// verify
	mov	x22, #0			// violations
	mov	x4, #1
5:	sub	x5, x4, #1
	ldr	x9, [x19, x5, lsl #3]
	ldr	x10, [x19, x4, lsl #3]
	cmp	x9, x10
	cinc	x22, x22, gt
	add	x4, x4, #1
	cmp	x4, x20
	b.lo	5b
	DEC	"violations", x22
	ldr	x23, [x19]
	DEC	"min", x23
	ldr	x23, [x19, #504]
	DEC	"max", x23
	mov	x23, #0
	mov	x4, #0
6:	ldr	x9, [x19, x4, lsl #3]
	eor	x23, x9, x23, ror #11
	add	x4, x4, #1
	cmp	x4, x20
	b.lo	6b
	HEX	"checksum", x23
	EXIT	#0

	.bss
	.balign	16
arr:	.skip	64 * 8
