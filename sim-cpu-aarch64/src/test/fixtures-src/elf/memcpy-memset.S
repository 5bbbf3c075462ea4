// memcpy-memset: byte, 8-byte and 16-byte (LDP/STP) copy loops, unaligned copies,
// memset (STRB and STP xzr), an overlapping memmove (backwards), and memcmp; checksums.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, src
	LOADADDR x20, dst
	// src[i] = i ^ (i >> 3) * 13
	mov	x1, #0
1:	lsr	x2, x1, #3
	mov	x3, #13
	mul	x2, x2, x3
	eor	x2, x2, x1
	strb	w2, [x19, x1]
	add	x1, x1, #1
	cmp	x1, #1024
	b.lo	1b
	// memset dst to 0xaa with bytes, then zero 512 bytes with STP xzr
	mov	x0, x20
	mov	w1, #0xaa
	mov	x2, #1024
	bl	memset_b
	add	x0, x20, #256
	mov	x2, #32
2:	stp	xzr, xzr, [x0], #16
	subs	x2, x2, #1
	b.ne	2b
	mov	x0, x20
	mov	x1, #1024
	bl	checksum
	mov	x21, x0
	HEX	"after memset", x21
	// 16-byte copy of 1024 bytes
	mov	x0, x20
	mov	x1, x19
	mov	x2, #1024
	bl	memcpy16
	mov	x0, x20
	mov	x1, #1024
	bl	checksum
	mov	x21, x0
	HEX	"memcpy16", x21
	// unaligned byte copy: dst+3 <- src+7, 501 bytes
	add	x0, x20, #3
	add	x1, x19, #7
	mov	x2, #501
	bl	memcpy_b
	mov	x0, x20
	mov	x1, #1024
	bl	checksum
	mov	x21, x0
	HEX	"memcpy unaligned", x21
	// 8-byte copy with unaligned addresses (LDR/STR X at odd addresses)
	add	x0, x20, #513
	add	x1, x19, #1
	mov	x2, #40			// 40 * 8 bytes
3:	ldr	x3, [x1], #8
	str	x3, [x0], #8
	subs	x2, x2, #1
	b.ne	3b
	mov	x0, x20
	mov	x1, #1024
	bl	checksum
	mov	x21, x0
	HEX	"memcpy8 unaligned", x21
	// overlapping memmove: dst[10..700) -> dst[17..707), backwards
	add	x0, x20, #17
	add	x1, x20, #10
	mov	x2, #690
	bl	memmove
	mov	x0, x20
	mov	x1, #1024
	bl	checksum
	mov	x21, x0
	HEX	"memmove overlap", x21
	// memcmp src vs dst
	mov	x0, x19
	mov	x1, x20
	mov	x2, #1024
	bl	memcmp
	mov	x21, x0
	DEC	"memcmp", x21
	mov	x0, x19
	mov	x1, x19
	mov	x2, #1024
	bl	memcmp
	mov	x21, x0
	DEC	"memcmp self", x21
	EXIT	#0

memset_b:			// x0 dst, w1 byte, x2 n
	cbz	x2, 5f
4:	strb	w1, [x0], #1
	subs	x2, x2, #1
	b.ne	4b
5:	ret

memcpy_b:			// x0 dst, x1 src, x2 n
	cbz	x2, 7f
6:	ldrb	w3, [x1], #1
	strb	w3, [x0], #1
	subs	x2, x2, #1
	b.ne	6b
7:	ret

memcpy16:			// n multiple of 16
	lsr	x2, x2, #4
8:	ldp	x3, x4, [x1], #16
	stp	x3, x4, [x0], #16
	subs	x2, x2, #1
	b.ne	8b
	ret

memmove:			// backwards when dst > src
	cmp	x0, x1
	b.ls	memcpy_b
	add	x0, x0, x2
	add	x1, x1, x2
	cbz	x2, 10f
9:	ldrb	w3, [x1, #-1]!
	strb	w3, [x0, #-1]!
	subs	x2, x2, #1
	b.ne	9b
10:	ret

memcmp:				// -> first difference (signed) or 0
	cbz	x2, 12f
11:	ldrb	w3, [x0], #1
	ldrb	w4, [x1], #1
	subs	w5, w3, w4
	b.ne	13f
	subs	x2, x2, #1
	b.ne	11b
12:	mov	x0, #0
	ret
13:	sxtw	x0, w5
	ret

checksum:			// x0 p, x1 n -> 64-bit FNV-1a
	mov	x2, #0x2325
	movk	x2, #0x8422, lsl #16
	movk	x2, #0x9ce4, lsl #32
	movk	x2, #0xcbf2, lsl #48	// offset basis
	mov	x3, #0x01b3
	movk	x3, #0x100, lsl #32	// prime 0x100000001b3
	cbz	x1, 15f
14:	ldrb	w4, [x0], #1
	eor	x2, x2, x4
	mul	x2, x2, x3
	subs	x1, x1, #1
	b.ne	14b
15:	mov	x0, x2
	ret

	.bss
	.balign	16
src:	.skip	1024 + 64
dst:	.skip	1024 + 64
