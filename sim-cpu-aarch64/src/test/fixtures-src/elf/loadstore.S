// loadstore: LDR/STR B/H/W/X in unsigned-offset, pre-index, post-index, register-offset
// (LSL/UXTW/SXTW/SXTX) and unscaled (LDUR/STUR) forms; signed loads LDRSB/LDRSH/LDRSW into
// W and X; LDR literal (W, X, SW). Prints a checksum of memory and of the loaded values.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, buf
	// fill buf[0..255] with i*0x9d+0x31 (bytes) using post-index byte stores
	mov	x20, x19
	mov	w2, #0
1:	mov	w3, #0x9d
	mov	w4, #0x31
	madd	w3, w2, w3, w4
	strb	w3, [x20], #1
	add	w2, w2, #1
	cmp	w2, #256
	b.ne	1b
	sub	x20, x20, x19
	HEX	"bytes written", x20
	// loads of each size, zero- and sign-extending
	ldrb	w0, [x19, #0x83]
	HEX	"ldrb", x0
	ldrsb	w0, [x19, #0x83]
	HEX	"ldrsb w", x0
	ldrsb	x0, [x19, #0x83]
	HEX	"ldrsb x", x0
	ldrh	w0, [x19, #0x42]
	HEX	"ldrh", x0
	ldrsh	w0, [x19, #0x42]
	HEX	"ldrsh w", x0
	ldrsh	x0, [x19, #0x42]
	HEX	"ldrsh x", x0
	ldr	w0, [x19, #0x44]
	HEX	"ldr w", x0
	ldrsw	x0, [x19, #0x44]
	HEX	"ldrsw", x0
	ldr	x0, [x19, #0x48]
	HEX	"ldr x", x0
	// unscaled / negative offsets
	add	x20, x19, #0x80
	ldur	x0, [x20, #-3]
	HEX	"ldur x -3", x0
	ldur	w0, [x20, #-1]
	HEX	"ldur w -1", x0
	ldursh	x0, [x20, #5]
	HEX	"ldursh x", x0
	ldursb	w0, [x20, #-128]
	HEX	"ldursb w", x0
	ldursw	x0, [x20, #-4]
	HEX	"ldursw", x0
	// pre-index
	mov	x21, x19
	ldr	x0, [x21, #16]!
	HEX	"pre ldr", x0
	sub	x1, x21, x19
	HEX	"pre wb", x1
	ldrh	w0, [x21, #-2]!
	HEX	"pre ldrh -2", x0
	sub	x1, x21, x19
	HEX	"pre wb2", x1
	ldr	w0, [x21], #-6
	HEX	"post ldr w", x0
	sub	x1, x21, x19
	HEX	"post wb", x1
	// register offset
	mov	x22, #5
	ldr	x0, [x19, x22, lsl #3]
	HEX	"reg lsl3", x0
	mov	w22, #-4
	add	x23, x19, #0x40
	ldr	w0, [x23, w22, sxtw #2]
	HEX	"reg sxtw2", x0
	mov	w22, #0x10
	ldrh	w0, [x19, w22, uxtw #1]
	HEX	"reg uxtw1", x0
	mov	x22, #-8
	ldr	x0, [x23, x22, sxtx]
	HEX	"reg sxtx", x0
	ldrsb	x0, [x19, x22, sxtx #0]
	// (x19 - 8 is outside buf but inside the preceding guard area)
	HEX	"reg sxtx byte", x0
	// stores of each size into buf2, then checksum buf2
	LOADADDR x24, buf2
	mov	x0, #0x7788
	movk	x0, #0x5566, lsl #16
	movk	x0, #0x3344, lsl #32
	movk	x0, #0x1122, lsl #48
	str	x0, [x24]
	str	w0, [x24, #8]
	strh	w0, [x24, #12]
	strb	w0, [x24, #14]
	stur	x0, [x24, #17]		// unaligned 8-byte store
	mov	x1, #3
	str	x0, [x24, x1, lsl #3]	// [24]
	sturh	w0, [x24, #33]
	str	x0, [x24, #40]!
	str	w0, [x24], #8
	sub	x24, x24, #48
	strb	w0, [x24, #63]
	mov	x0, #0
	mov	x1, #0
2:	ldr	x2, [x24, x1, lsl #3]
	eor	x0, x2, x0, ror #7
	add	x1, x1, #1
	cmp	x1, #8
	b.lo	2b
	HEX	"buf2 checksum", x0
	ldr	x0, [x24, #16]
	HEX	"buf2[16]", x0
	ldr	x0, [x24, #32]
	HEX	"buf2[32]", x0
	// literal loads
	ldr	x0, lit64
	HEX	"ldr lit x", x0
	ldr	w0, lit32
	HEX	"ldr lit w", x0
	ldrsw	x0, lit32
	HEX	"ldrsw lit", x0
	// checksum of the whole buf, 4 bytes at a time with LDR W post-index
	mov	x1, x19
	mov	x0, #0
	mov	x2, #64
3:	ldr	w3, [x1], #4
	add	x0, x3, x0, lsl #1
	eor	x0, x0, x0, lsr #29
	subs	x2, x2, #1
	b.ne	3b
	HEX	"buf checksum", x0
	EXIT	#0

	.balign	8
lit64:	.quad	0x8877665544332211
lit32:	.word	0x89abcdef

	.data
	.balign	16
guard:	.quad	0x5a5a5a5a5a5a5a5a, 0xa5a5a5a5a5a5a5a5
buf:	.skip	256
buf2:	.skip	64
