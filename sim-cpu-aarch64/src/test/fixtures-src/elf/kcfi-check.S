// kcfi-check: kCFI-checked indirect calls exactly as clang emits them (aarch64.md 3.1), all
// taking the pass path: target x8 + BLR (brk #0x8228), tail call via x16 (ldur w9, brk #0x8230,
// BR x16), target x17 (movk w9, brk #0x8131), and a function pointer loaded from data.
// Each callee is preceded by its `.word <type id>`; int(int)=0x00050794, unsigned int(void)=0x837de525.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0
	mov	x20, #10
1:	LOADADDR x21, fptrs
	ldr	x8, [x21, x19, lsl #3]	// int (*)(int)
	mov	w0, w20
	ldur	w16, [x8, #-4]
	movk	w17, #0x0794
	movk	w17, #0x0005, lsl #16
	cmp	w16, w17
	b.eq	2f
	brk	#0x8228
2:	blr	x8
	sxtw	x20, w0
	DEC	"x8 call", x20
	add	x19, x19, #1
	cmp	x19, #3
	b.lo	1b
	// tail call through x16
	LOADADDR x0, add_one
	mov	w1, #41
	bl	call_tail
	mov	w19, w0
	DEC	"tail call", x19
	// target in x17, unsigned int(void)
	LOADADDR x17, get_magic
	ldur	w16, [x17, #-4]
	movk	w9, #0xe525
	movk	w9, #0x837d, lsl #16
	cmp	w16, w9
	b.eq	3f
	brk	#0x8131
3:	blr	x17
	mov	w19, w0
	HEX	"x17 call", x19
	EXIT	#0

// int call_tail(int (*f)(int) = x0, int x = w1): return f(x); as clang -mbranch-protection=bti
	.word	0x6144b4a7		// int(int (*)(int), int)
call_tail:
	bti	c
	mov	x16, x0
	mov	w0, w1
	ldur	w9, [x16, #-4]
	movk	w17, #0x0794
	movk	w17, #0x0005, lsl #16
	cmp	w9, w17
	b.eq	4f
	brk	#0x8230
4:	br	x16

	.word	0x00050794		// int(int)
add_one:
	bti	c
	add	w0, w0, #1
	ret
	.word	0x00050794
times_three:
	bti	c
	add	w0, w0, w0, lsl #1
	ret
	.word	0x00050794
negate:
	bti	c
	neg	w0, w0
	ret
	.word	0x837de525		// unsigned int(void)
get_magic:
	bti	c
	mov	w0, #0xcafe
	movk	w0, #0xf00d, lsl #16
	ret

	.data
	.balign	8
fptrs:	.quad	add_one, times_three, negate
