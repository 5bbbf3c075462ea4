// csel-ccmp: CSEL/CSINC/CSINV/CSNEG and CSET/CSETM/CINC/CINV/CNEG over a range of compares;
// CCMP/CCMN chains implementing range checks and short-circuit && / ||, min/max/abs/clamp.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #-3		// a
	mov	x25, #0			// checksum
1:	mov	x20, #2			// b
	cmp	x19, x20
	csel	x0, x19, x20, lt	// min
	csel	x1, x19, x20, gt	// max
	csinc	x2, x19, x20, eq
	csinv	x3, x19, x20, ge
	csneg	x4, x19, x20, hi
	cset	x5, le
	csetm	x6, cc
	cinc	x7, x19, mi
	cinv	x8, x19, ne
	cneg	x9, x19, lt		// abs
	eor	x25, x0, x25, ror #3
	eor	x25, x1, x25, ror #3
	eor	x25, x2, x25, ror #3
	eor	x25, x3, x25, ror #3
	eor	x25, x4, x25, ror #3
	eor	x25, x5, x25, ror #3
	eor	x25, x6, x25, ror #3
	eor	x25, x7, x25, ror #3
	eor	x25, x8, x25, ror #3
	eor	x25, x9, x25, ror #3
	mov	x21, x0
	mov	x22, x9
	DEC	"min", x21
	DEC	"abs", x22
	add	x19, x19, #1
	cmp	x19, #5
	b.le	1b
	HEX	"csel checksum", x25
	// 32-bit forms
	mov	w19, #0x80000000
	cmp	w19, #0
	cset	w20, lt
	DEC	"cset32 lt", x20
	csetm	w20, mi
	HEX	"csetm32", x20
	cneg	w20, w19, mi
	HEX	"cneg32 min", x20
	// range check 10 <= x <= 20 with CCMP: cmp x,#10; ccmp x,#20,#2,ge; cset ls
	mov	x19, #5
	mov	x24, #0			// bitmask of x in range
2:	cmp	x19, #10
	ccmp	x19, #20, #2, ge	// if x>=10 compare with 20, else NZCV=0010 (C set => ls false)
	cset	x0, ls
	lsl	x0, x0, x19
	orr	x24, x24, x0
	add	x19, x19, #1
	cmp	x19, #25
	b.le	2b
	HEX	"range mask", x24
	// (a == 3 || b == 7) with CCMP: cmp a,#3; ccmp b,#7,#4,ne; cset eq
	mov	x23, #0
	mov	x19, #0
3:	and	x20, x19, #7		// a
	lsr	x21, x19, #3		// b
	cmp	x20, #3
	ccmp	x21, #7, #4, ne		// if a!=3 compare b with 7, else Z=1
	cset	x0, eq
	lsl	x0, x0, x19
	orr	x23, x23, x0
	add	x19, x19, #1
	cmp	x19, #64
	b.lo	3b
	HEX	"or mask", x23
	// CCMN and register CCMP
	mov	x19, #-5
	mov	x20, #5
	cmp	x19, #0
	ccmn	x19, x20, #0, lt	// x19 < 0: compare x19 + x20 (== 0)
	FLAGS	"ccmn"
	cmp	x20, #0
	ccmp	x20, x19, #15, lt	// not taken: flags = 1111
	FLAGS	"ccmp imm flags"
	mov	w19, #7
	cmp	w19, #7
	ccmp	w19, #8, #0, eq
	FLAGS	"ccmp32"
	// clamp(v, 0, 255) over a list
	mov	x19, #-300
	mov	x22, #0
4:	cmp	x19, #0
	csel	x0, xzr, x19, lt
	mov	x1, #255
	cmp	x0, x1
	csel	x0, x1, x0, gt
	add	x22, x22, x0
	add	x19, x19, #37
	cmp	x19, #600
	b.lt	4b
	DEC	"clamp sum", x22
	EXIT	#0
