// bti-violation-blr: a BTI-marked executable (guarded text pages) does BLR onto `bti j`.
// BLR sets BTYPE=10, which `bti j` does not accept: Branch Target exception (EC 0x0D,
// ESR 0x36000002) -> SIGILL (ILL_ILLOPC). Killed: status 132 = 128 + SIGILL(4).
	.include "lib.inc"
	.include "bti-note.inc"
	.text
	.globl	_start
_start:
	PUTS	"blr onto bti c: "
	adr	x8, good
	blr	x8
	PUTS	"ok\nblr onto bti j: "
	adr	x8, bad
	blr	x8
	PUTS	"not reached\n"
	EXIT	#0
good:	bti	c
	ret
bad:	bti	j
	ret
