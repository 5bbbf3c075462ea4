// kcfi-fail: a kCFI check that FAILS: the target is a long(void) function (0x72923c8f) called
// as unsigned int(void) (0x837de525) -- the static_call RET0 case. The BRK #0x8228 raises
// SIGTRAP (ESR 0xf2008228 at EL0), which kills the process: status 133 = 128 + SIGTRAP(5).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	PUTS	"calling __static_call_return0 as unsigned int(void)\n"
	LOADADDR x8, ret0
	ldur	w16, [x8, #-4]
	movk	w17, #0xe525
	movk	w17, #0x837d, lsl #16
	cmp	w16, w17
	b.eq	1f
	brk	#0x8228
1:	blr	x8
	PUTS	"not reached\n"
	EXIT	#0

	.word	0x72923c8f		// long(void)
ret0:	bti	c
	mov	x0, xzr
	ret
