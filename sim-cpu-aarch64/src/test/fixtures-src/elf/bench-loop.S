// bench-loop: a tight mixed ALU/load/store/branch loop (N = 1,000,000 iterations, ~12
// instructions each) for CPU speed benchmarks; prints a checksum, exits with checksum & 0xff.
	.include "lib.inc"
	.ifndef	N
	.equ	N, 1000000
	.endif
	.text
	.globl	_start
_start:
	mov	x19, #(N & 0xffff)
	movk	x19, #((N >> 16) & 0xffff), lsl #16
	mov	x20, #1
	mov	x21, #0
	LOADADDR x22, ring
	mov	x23, #0
	.balign	16
1:	add	x20, x20, x20, lsl #3
	eor	x20, x20, x20, lsr #11
	and	x24, x23, #63
	ldr	x25, [x22, x24, lsl #3]
	add	x25, x25, x20
	str	x25, [x22, x24, lsl #3]
	eor	x21, x21, x25
	add	x23, x23, #1
	tst	x20, #8
	cinc	x21, x21, ne		// branch-free, so the instruction count is linear in N
	subs	x19, x19, #1
	b.ne	1b
	HEX	"checksum", x21
	and	x0, x21, #0xff
	EXIT	x0

	.bss
	.balign	16
ring:	.skip	64 * 8
