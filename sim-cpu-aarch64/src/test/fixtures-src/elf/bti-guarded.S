// bti-guarded: a BTI-marked executable (PT_GNU_PROPERTY BTI => guarded text pages) making
// only LEGAL indirect branches: BLR onto bti c / bti jc / paciasp; BR x16/x17 onto bti c /
// bti j / paciasp; BR x9 onto bti j / bti jc; RET anywhere (never checked); direct B/BL onto
// plain instructions. Also a jump table and a kCFI-checked call. Prints one line per case.
	.include "lib.inc"
	.include "bti-note.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0			// accumulator
	adr	x8, f_bti_c
	blr	x8
	PUTS	"blr -> bti c ok\n"
	adr	x8, f_bti_jc
	blr	x8
	PUTS	"blr -> bti jc ok\n"
	adr	x8, f_paciasp
	blr	x8
	PUTS	"blr -> paciasp ok\n"
	adr	x16, f_bti_c
	adr	x30, 1f
	br	x16
1:	PUTS	"br x16 -> bti c ok\n"
	adr	x17, l_bti_j
	adr	x30, 2f
	br	x17
2:	PUTS	"br x17 -> bti j ok\n"
	adr	x16, f_paciasp
	adr	x30, 3f
	br	x16
3:	PUTS	"br x16 -> paciasp ok\n"
	adr	x9, l_bti_j
	adr	x30, 4f
	br	x9
4:	PUTS	"br x9 -> bti j ok\n"
	adr	x10, f_bti_jc
	adr	x30, 5f
	br	x10
5:	PUTS	"br x10 -> bti jc ok\n"
	bl	plain			// direct BL: BTYPE 00, no landing pad needed
	PUTS	"bl -> plain ok\n"
	// jump table through x9
	mov	x20, #0
6:	adr	x10, jt
	ldrsw	x9, [x10, x20, lsl #2]
	add	x9, x10, x9
	adr	x30, 7f
	br	x9
7:	add	x20, x20, #1
	cmp	x20, #3
	b.lo	6b
	DEC	"jump table acc", x19
	// kCFI-checked call onto bti c
	adr	x8, f_typed
	ldur	w16, [x8, #-4]
	movk	w17, #0x0794
	movk	w17, #0x0005, lsl #16
	cmp	w16, w17
	b.eq	8f
	brk	#0x8228
8:	mov	w0, #41
	blr	x8
	mov	w20, w0
	DEC	"kcfi call", x20
	EXIT	#0

f_bti_c:	bti	c
	add	x19, x19, #1
	ret
f_bti_jc:	bti	jc
	add	x19, x19, #2
	ret
f_paciasp:	paciasp
	add	x19, x19, #4
	autiasp
	ret
l_bti_j:	bti	j
	add	x19, x19, #8
	ret
plain:	add	x19, x19, #16
	ret
case0:	bti	j
	add	x19, x19, #100
	ret
case1:	bti	j
	add	x19, x19, #200
	ret
case2:	bti	jc
	add	x19, x19, #300
	ret
	.balign	4
jt:	.word	case0 - jt, case1 - jt, case2 - jt
	.word	0x00050794
f_typed:	bti	c
	add	w0, w0, #1
	ret
