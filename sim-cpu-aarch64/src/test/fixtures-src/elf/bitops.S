// bitops: CLZ/CLS/RBIT/REV/REV16/REV32 (W and X) over a sequence of values, plus a
// software popcount and ctz built from RBIT+CLZ. Prints per-value results and a checksum.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, vals
	mov	x20, #0			// index
	mov	x27, #0			// checksum
1:	ldr	x21, [x19, x20, lsl #3]
	HEX	"v", x21
	clz	x22, x21
	clz	w23, w21
	cls	x24, x21
	cls	w25, w21
	DEC	" clz", x22
	DEC	" clz32", x23
	DEC	" cls", x24
	DEC	" cls32", x25
	rbit	x22, x21
	rbit	w23, w21
	HEX	" rbit", x22
	HEX	" rbit32", x23
	rev	x22, x21
	rev	w23, w21
	rev16	x24, x21
	rev32	x25, x21
	HEX	" rev", x22
	HEX	" rev32w", x23
	HEX	" rev16", x24
	HEX	" rev32", x25
	rev16	w22, w21
	HEX	" rev16w", x22
	// ctz = clz(rbit(x))
	rbit	x22, x21
	clz	x22, x22
	DEC	" ctz", x22
	// popcount, software: x - ((x>>1)&0x55..) etc.
	mov	x0, x21
	and	x1, x0, #0x5555555555555555
	lsr	x0, x0, #1
	and	x0, x0, #0x5555555555555555
	add	x0, x0, x1
	and	x1, x0, #0x3333333333333333
	lsr	x0, x0, #2
	and	x0, x0, #0x3333333333333333
	add	x0, x0, x1
	add	x0, x0, x0, lsr #4
	and	x0, x0, #0x0f0f0f0f0f0f0f0f
	mov	x1, #0x0101010101010101
	mul	x0, x0, x1
	lsr	x22, x0, #56
	DEC	" popcount", x22
	eor	x27, x22, x27, ror #9
	clz	x0, x21
	eor	x27, x27, x0
	rbit	x0, x21
	add	x27, x27, x0
	add	x20, x20, #1
	cmp	x20, #8
	b.lo	1b
	HEX	"checksum", x27
	EXIT	#0

	.section .rodata
	.balign	8
vals:	.quad	0, 1, 0x8000000000000000, 0xffffffffffffffff
	.quad	0x0123456789abcdef, 0x00000000ffff0000, 0xfff0000000000001, 0x0000000080000000
