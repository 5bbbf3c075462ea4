// bench-generic-kcfi: N = 10,000,000 calls of an int(int) function returning x + 1 through
// the generic static_call + kCFI path: load the function pointer from a data word, kCFI check
// (ldur/movk/movk/cmp/b.eq/brk #0x8228), BLR x8 onto `bti c`. Prints the result (N) and exits
// with result & 0xff (10000000 & 0xff = 128). N can be overridden with --defsym N=...
	.include "lib.inc"
	.ifndef	N
	.equ	N, 10000000
	.endif
	.text
	.globl	_start
_start:
	mov	x19, #(N & 0xffff)
	movk	x19, #((N >> 16) & 0xffff), lsl #16
	mov	w20, #0			// value
	LOADADDR x21, key_func		// &key.func
	.balign	16
1:	ldr	x8, [x21]
	mov	w0, w20
	ldur	w16, [x8, #-4]
	movk	w17, #0x0794
	movk	w17, #0x0005, lsl #16
	cmp	w16, w17
	b.eq	2f
	brk	#0x8228
2:	blr	x8
	mov	w20, w0
	subs	x19, x19, #1
	b.ne	1b
	DEC	"result", x20
	and	x0, x20, #0xff
	EXIT	x0

	.balign	16
	.word	0x00050794		// kCFI type id of int(int)
func:	bti	c
	add	w0, w0, #1
	ret

	.data
	.balign	8
key_func:
	.quad	func
