// fib-recursive: naive recursive Fibonacci with BL/RET and frame pointers.
// fib(0..20) printed; fib(24) = 46368 is the exit-status checksum source (46368 & 0xff = 0x20).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0
1:	mov	x0, x19
	bl	fib
	mov	x20, x0
	mov	x0, x19
	bl	print_udec
	PUTS	" "
	mov	x0, x20
	bl	print_udec
	bl	print_nl
	add	x19, x19, #1
	cmp	x19, #20
	b.le	1b
	mov	x0, #24
	bl	fib
	mov	x19, x0
	DEC	"fib24", x19
	and	x0, x19, #0xff
	EXIT	x0

fib:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, #16]
	cmp	x0, #2
	b.lo	2f
	mov	x19, x0
	sub	x0, x0, #1
	bl	fib
	sub	x1, x19, #2
	mov	x19, x0
	mov	x0, x1
	bl	fib
	add	x0, x0, x19
2:	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
