// funcptr: indirect calls with BLR through a table of function pointers (each callee starts
// with `bti c`), callbacks (a map function taking a pointer), and BR x16 tail calls.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, ops
	mov	x20, #0			// index
	mov	x21, #17		// value
1:	ldr	x8, [x19, x20, lsl #3]
	mov	x0, x21
	mov	x1, x20
	blr	x8
	mov	x21, x0
	DEC	"op", x21
	add	x20, x20, #1
	cmp	x20, #4
	b.lo	1b
	// map(array, n, fn): apply fn to each element in place
	LOADADDR x0, array
	mov	x1, #8
	LOADADDR x2, op_square
	bl	map
	LOADADDR x0, array
	mov	x1, #8
	LOADADDR x2, op_tail_double
	bl	map
	LOADADDR x19, array
	mov	x20, #0
	mov	x21, #0
2:	ldr	x0, [x19, x20, lsl #3]
	add	x21, x0, x21, lsl #1
	add	x20, x20, #1
	cmp	x20, #8
	b.lo	2b
	HEX	"mapped checksum", x21
	// BLR x30-style: call through the link register itself
	LOADADDR x30, op_add
	mov	x0, #1
	mov	x1, #2
	blr	x30
	mov	x19, x0
	DEC	"blr x30", x19
	EXIT	#0

op_add:	bti	c
	add	x0, x0, x1
	ret
op_mul:	bti	c
	mul	x0, x0, x1
	ret
op_sub:	bti	c
	sub	x0, x0, x1
	ret
op_xor:	paciasp				// PACIASP is also a valid BLR landing pad
	eor	x0, x0, #0xf0
	autiasp
	ret
op_square:
	bti	c
	mul	x0, x0, x0
	ret
// op_tail_double(x) = x + x: a tail call to op_add through x16 (BR x16 may land on bti c)
op_tail_double:
	bti	c
	mov	x1, x0
	adr	x16, op_add
	br	x16

// map(x0 = array, x1 = n, x2 = fn)
map:
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, #0
3:	cmp	x22, x20
	b.hs	4f
	ldr	x0, [x19, x22, lsl #3]
	blr	x21
	str	x0, [x19, x22, lsl #3]
	add	x22, x22, #1
	b	3b
4:	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret

	.data
	.balign	8
ops:	.quad	op_add, op_mul, op_sub, op_xor
array:	.quad	1, 2, 3, 5, 8, 13, 21, -34
