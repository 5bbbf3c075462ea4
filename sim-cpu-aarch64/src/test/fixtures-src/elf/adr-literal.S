// adr-literal: PC-relative addressing: ADR (forward/backward, odd byte offsets), ADRP+ADD and
// ADRP+LDR :lo12:, LDR literal (W, X, SW) forward and backward, PRFM literal, and
// position-independent address arithmetic checked against absolute (.quad) addresses.
	.include "lib.inc"
	.text
	.globl	_start
back_data:
	.quad	0x0badc0de0badc0de
	.word	0xfffffffe
	.word	0
_start:
	adr	x19, _start
	LOADADDR x20, abs_start
	ldr	x20, [x20]
	sub	x0, x19, x20
	HEX	"adr vs abs", x0
	adr	x19, 1f
	adr	x20, 1f + 3		// odd offset
	sub	x21, x20, x19
	HEX	"adr odd delta", x21
1:	adr	x19, back_data
	ldr	x21, [x19]
	HEX	"adr back load", x21
	ldr	x21, back_data		// LDR literal backward
	HEX	"ldr lit back", x21
	ldrsw	x21, back_data + 8
	DEC	"ldrsw lit back", x21
	ldr	w21, fwd_word
	HEX	"ldr w lit fwd", x21
	ldrsw	x21, fwd_word
	HEX	"ldrsw lit fwd", x21
	prfm	pldl1keep, fwd_quad
	ldr	x21, fwd_quad
	HEX	"ldr x lit fwd", x21
	// ADRP + LDR :lo12: into .data (another page)
	adrp	x22, table
	ldr	x21, [x22, :lo12:table]
	HEX	"adrp ldr lo12", x21
	add	x22, x22, :lo12:table
	ldr	x21, [x22, #8]
	HEX	"adrp add +8", x21
	LOADADDR x23, abs_table
	ldr	x23, [x23]
	sub	x21, x22, x23
	HEX	"adrp vs abs", x21
	// page arithmetic: adrp of a symbol is the symbol's 4 KiB page
	adrp	x22, table
	LOADADDR x23, table
	and	x23, x23, #~0xfff
	sub	x21, x22, x23
	HEX	"adrp page", x21
	// a PC-relative pointer table (32-bit offsets)
	adr	x22, reltab
	mov	x24, #0
	mov	x25, #0
2:	ldrsw	x0, [x22, x24, lsl #2]
	add	x0, x22, x0
	ldr	x0, [x0]
	add	x25, x25, x0
	add	x24, x24, #1
	cmp	x24, #3
	b.lo	2b
	HEX	"reltab sum", x25
	EXIT	#0

	.balign	8
fwd_quad:
	.quad	0x1122334455667788
fwd_word:
	.word	0x80000000
	.balign	4
reltab:	.word	back_data - reltab, fwd_quad - reltab, back_data - reltab

	.data
	.balign	8
table:	.quad	0xaaaa5555aaaa5555, 0x0123012301230123
abs_start:
	.quad	_start
abs_table:
	.quad	table
