// bti-violation-br: a BTI-marked executable does BR x9 (not x16/x17) onto `bti c`.
// BR via another register from a guarded page sets BTYPE=11, which `bti c` does not accept:
// ESR 0x36000003 -> SIGILL. Killed: status 132. (BR x16 onto the same `bti c` is fine.)
	.include "lib.inc"
	.include "bti-note.inc"
	.text
	.globl	_start
_start:
	PUTS	"br x16 onto bti c: "
	adr	x16, target
	adr	x30, 1f
	br	x16
1:	PUTS	"ok\nbr x9 onto bti c: "
	adr	x9, target
	adr	x30, 2f
	br	x9
2:	PUTS	"not reached\n"
	EXIT	#0
target:	bti	c
	ret
