// static-call-tramp: static_call trampolines (static-call.md 8):
//  ool-literal  `bti c; adrp x16, lit; ldr x16, [x16, :lo12:lit]; br x16` with the literal in
//               writable data; an "update" is one 8-byte store of the literal;
//  ool-branch   `bti c; {b func | nop | ret}; ldr x16, 1f; br x16; 1: .quad func` (three variants).
// Replays the static_call selftest (func_a(x)=x+1, func_b(x)=x+2; rows give 3, 4, 3) and the
// NULL/RET0 behaviours (ool-literal NULL -> __static_call_return0 -> 0; ool-branch RET -> x0 unchanged).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, sc_lit
	// selftest row 0: initial func_a
	mov	x0, #2
	bl	sct_literal
	mov	x20, x0
	DEC	"ol row0", x20
	// row 1: update to func_b (one 8-byte data write)
	LOADADDR x0, func_b
	str	x0, [x19]
	mov	x0, #2
	bl	sct_literal
	mov	x20, x0
	DEC	"ol row1", x20
	// row 2: back to func_a
	LOADADDR x0, func_a
	str	x0, [x19]
	mov	x0, #2
	bl	sct_literal
	mov	x20, x0
	DEC	"ol row2", x20
	// NULL maps to __static_call_return0
	LOADADDR x0, static_call_return0
	str	x0, [x19]
	mov	x0, #2
	bl	sct_literal
	mov	x20, x0
	DEC	"ol null", x20
	// ool-branch variants
	mov	x0, #2
	bl	sct_branch_b		// B func_a
	mov	x20, x0
	DEC	"ob b", x20
	mov	x0, #2
	bl	sct_branch_nop		// NOP, literal = func_b
	mov	x20, x0
	DEC	"ob nop", x20
	mov	x0, #2
	bl	sct_branch_ret		// RET: NULL, x0 unchanged
	mov	x20, x0
	DEC	"ob ret", x20
	// a loop mixing all of them (literal = func_b again): each iteration adds i + 1 + 2 + 2
	LOADADDR x0, func_b
	str	x0, [x19]
	mov	x21, #0
	mov	x22, #0
1:	mov	x0, x22
	bl	sct_branch_b
	bl	sct_branch_nop
	bl	sct_literal
	add	x21, x21, x0
	add	x22, x22, #1
	cmp	x22, #100
	b.lo	1b
	DEC	"loop sum", x21
	EXIT	#0

	.word	0x00050794
func_a:	bti	c
	add	x0, x0, #1
	ret
	.word	0x00050794
func_b:	bti	c
	add	x0, x0, #2
	ret
	.word	0x72923c8f
static_call_return0:
	bti	c
	mov	x0, xzr
	ret

	.balign	16
sct_literal:
	bti	c
	adrp	x16, sc_lit
	ldr	x16, [x16, :lo12:sc_lit]
	br	x16

	.balign	8
sct_branch_b:
	bti	c
	b	func_a
	ldr	x16, 1f
	br	x16
1:	.quad	func_a

	.balign	8
sct_branch_nop:
	bti	c
	nop
	ldr	x16, 1f
	br	x16
1:	.quad	func_b

	.balign	8
sct_branch_ret:
	bti	c
	ret
	ldr	x16, 1f
	br	x16
1:	.quad	static_call_return0

	.data
	.balign	8
sc_lit:	.quad	func_a
