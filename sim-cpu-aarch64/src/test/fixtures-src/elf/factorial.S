// factorial: recursive n! for n = 0..25 in 64 bits (wraps past 20!), plus an iterative
// 32-bit version; prints both and their checksum.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0
	mov	x21, #0			// checksum
1:	mov	x0, x19
	bl	fact
	mov	x20, x0
	mov	x0, x19
	bl	print_udec
	PUTS	"! = "
	mov	x0, x20
	bl	print_udec
	PUTS	" / "
	mov	w0, w19
	bl	fact32
	mov	w0, w0
	bl	print_udec
	bl	print_nl
	eor	x21, x20, x21, ror #13
	add	x19, x19, #1
	cmp	x19, #25
	b.le	1b
	HEX	"checksum", x21
	EXIT	#0

// fact(x0) recursive, 64-bit
fact:
	cbz	x0, 2f
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, #16]
	mov	x19, x0
	sub	x0, x0, #1
	bl	fact
	mul	x0, x0, x19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
2:	mov	x0, #1
	ret

// fact32(w0) iterative, 32-bit (wraps)
fact32:
	mov	w1, #1
3:	cbz	w0, 4f
	mul	w1, w1, w0
	sub	w0, w0, #1
	b	3b
4:	mov	w0, w1
	ret
