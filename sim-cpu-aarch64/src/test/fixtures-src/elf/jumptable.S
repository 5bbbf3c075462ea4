// jumptable: a switch statement compiled as a jump table: bounds check, LDRSW of a relative
// offset (or LDR of an absolute address), ADD, BR x9 onto `bti j` landing pads.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0
	mov	x20, #0			// accumulator
1:	mov	x0, x19
	mov	x1, x20
	bl	dispatch_rel
	mov	x20, x0
	mov	x0, x19
	mov	x1, x20
	bl	dispatch_abs
	mov	x20, x0
	add	x19, x19, #1
	cmp	x19, #12
	b.lo	1b
	HEX	"switch acc", x20
	EXIT	#0

// dispatch_rel(i, acc): clang-style table of 32-bit offsets relative to the table
dispatch_rel:
	cmp	x0, #7
	b.hi	9f			// default
	adr	x10, rel_table
	ldrsw	x9, [x10, x0, lsl #2]
	add	x9, x10, x9
	br	x9
0:	bti	j
	add	x0, x1, #1
	ret
1:	bti	j
	lsl	x0, x1, #1
	ret
2:	bti	j
	eor	x0, x1, #0xff
	ret
3:	bti	j
	sub	x0, x1, #3
	ret
4:	bti	j
	ror	x0, x1, #5
	ret
5:	bti	j
	mvn	x0, x1
	ret
6:	bti	jc
	add	x0, x1, x1, lsl #2
	ret
7:	bti	j
	neg	x0, x1
	ret
9:	add	x0, x1, #1000
	ret
	.balign	4
rel_table:
	.word	0b - rel_table, 1b - rel_table, 2b - rel_table, 3b - rel_table
	.word	4b - rel_table, 5b - rel_table, 6b - rel_table, 7b - rel_table

// dispatch_abs(i, acc): table of absolute 64-bit addresses in .data, BR x11
dispatch_abs:
	and	x0, x0, #3
	LOADADDR x10, abs_table
	ldr	x11, [x10, x0, lsl #3]
	br	x11
case_a:	bti	j
	add	x0, x1, #7
	ret
case_b:	bti	j
	eor	x0, x1, x1, lsr #7
	ret
case_c:	bti	j
	add	x0, x1, x1, lsl #3
	ret
case_d:	bti	j
	sub	x0, x1, #1
	ret

	.data
	.balign	8
abs_table:
	.quad	case_a, case_b, case_c, case_d
