// bench-tramp-nop-literal: N = 10,000,000 calls of an int(int) function returning x + 1 via BL to
// an ool-branch static_call trampoline in its out-of-range state (NOP at +4, call via the literal):
//   bti c; nop; ldr x16, 1f; br x16; 1: .quad func   (BR x16 lands on `bti c`)
// Prints the result (N), exits with result & 0xff (128). N can be overridden with --defsym.
	.include "lib.inc"
	.ifndef	N
	.equ	N, 10000000
	.endif
	.text
	.globl	_start
_start:
	mov	x19, #(N & 0xffff)
	movk	x19, #((N >> 16) & 0xffff), lsl #16
	mov	w20, #0
	.balign	16
1:	mov	w0, w20
	bl	tramp
	mov	w20, w0
	subs	x19, x19, #1
	b.ne	1b
	DEC	"result", x20
	and	x0, x20, #0xff
	EXIT	x0

	.balign	16
tramp:	bti	c
	nop
	ldr	x16, 1f
	br	x16
1:	.quad	func

	.balign	16
	.word	0x00050794
func:	bti	c
	add	w0, w0, #1
	ret
