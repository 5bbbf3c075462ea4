// ldp-stp-frames: AAPCS64 stack frames with STP/LDP (pre/post-index and offset), frame-pointer
// chain walking, callee-saved register preservation, LDP W/X and LDPSW, stack-passed arguments.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x29, #0			// terminate the frame chain
	mov	x19, #0x1919
	mov	x20, #0x2020
	mov	x28, #0x2828
	mov	x0, #5
	bl	depth			// recursion 5 deep, walks the frame chain at the bottom
	DEC	"frames walked", x0
	HEX	"x19 preserved", x19
	HEX	"x20 preserved", x20
	HEX	"x28 preserved", x28
	// ten arguments: x0-x7 in registers, two on the stack
	sub	sp, sp, #16
	mov	x0, #9
	mov	x1, #10
	stp	x0, x1, [sp]
	mov	x0, #1
	mov	x1, #2
	mov	x2, #3
	mov	x3, #4
	mov	x4, #5
	mov	x5, #6
	mov	x6, #7
	mov	x7, #8
	bl	sum10
	add	sp, sp, #16
	DEC	"sum10", x0
	// LDP W / LDPSW from a table
	LOADADDR x21, pairs
	ldp	w0, w1, [x21]
	add	x22, x0, x1
	HEX	"ldp w sum", x22
	ldpsw	x0, x1, [x21]
	add	x22, x0, x1
	HEX	"ldpsw sum", x22
	ldp	x0, x1, [x21, #8]
	eor	x22, x0, x1
	HEX	"ldp x eor", x22
	ldpsw	x24, x25, [x21, #-8]!	// x21 = pairs-8: the two words before pairs
	HEX	"ldpsw pre a", x24
	HEX	"ldpsw pre b", x25
	mov	x22, x21
	ldp	w0, w1, [x22], #24
	LOADADDR x23, pairs
	sub	x22, x22, x23
	HEX	"ldp post wb", x22
	mov	x0, sp
	and	x0, x0, #0xf
	HEX	"sp aligned", x0
	EXIT	#0

// depth(n): recurse n times with a 48-byte frame saving x19/x20; at the bottom, walk x29 chain
depth:
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	str	x28, [sp, #32]
	mov	x19, x0
	mvn	x20, x0
	mov	x28, #0
	cbz	x19, 2f
	sub	x0, x19, #1
	bl	depth
	b	3f
2:	mov	x0, #0			// count frames until x29 == 0
	mov	x1, x29
1:	ldr	x1, [x1]
	add	x0, x0, #1
	cbnz	x1, 1b
3:	ldr	x28, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret

// sum10(a..j) = a + 2b + 3c + ... + 10j (j and i on the stack)
sum10:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	ldp	x8, x9, [sp, #16]	// 9th and 10th arguments
	mov	x10, #0
	add	x10, x10, x0
	add	x10, x10, x1, lsl #1
	mov	x11, #3
	madd	x10, x2, x11, x10
	add	x10, x10, x3, lsl #2
	mov	x11, #5
	madd	x10, x4, x11, x10
	mov	x11, #6
	madd	x10, x5, x11, x10
	mov	x11, #7
	madd	x10, x6, x11, x10
	add	x10, x10, x7, lsl #3
	mov	x11, #9
	madd	x10, x8, x11, x10
	mov	x11, #10
	madd	x10, x9, x11, x10
	mov	x0, x10
	ldp	x29, x30, [sp], #16
	ret

	.data
	.balign	8
	.word	0
	.word	0xfffffff0
pairs:	.word	0x80000001, 0x7fffffff
	.quad	0x0123456789abcdef, 0xfedcba9876543210
	.quad	0
