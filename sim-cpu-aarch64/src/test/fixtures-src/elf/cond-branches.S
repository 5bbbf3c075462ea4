// cond-branches: for every NZCV value (MSR NZCV) evaluate all 16 B.cond conditions and
// print a 16-bit mask per NZCV (bit c set = b.<c> taken). Then loops driven by CBZ/CBNZ,
// TBZ/TBNZ (bit < 32 and >= 32) and B.cond counters.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x19, #0			// nzcv nibble 0..15
1:	mov	x20, #0			// mask
	lsl	x0, x19, #28
	msr	nzcv, x0
	b.eq	10f
11:	b.ne	12f
13:	b.cs	14f
15:	b.cc	16f
17:	b.mi	18f
19:	b.pl	20f
21:	b.vs	22f
23:	b.vc	24f
25:	b.hi	26f
27:	b.ls	28f
29:	b.ge	30f
31:	b.lt	32f
33:	b.gt	34f
35:	b.le	36f
37:	b.al	38f
39:	b.nv	40f
41:	b	50f
10:	orr	x20, x20, #(1 << 0)
	b	11b
12:	orr	x20, x20, #(1 << 1)
	b	13b
14:	orr	x20, x20, #(1 << 2)
	b	15b
16:	orr	x20, x20, #(1 << 3)
	b	17b
18:	orr	x20, x20, #(1 << 4)
	b	19b
20:	orr	x20, x20, #(1 << 5)
	b	21b
22:	orr	x20, x20, #(1 << 6)
	b	23b
24:	orr	x20, x20, #(1 << 7)
	b	25b
26:	orr	x20, x20, #(1 << 8)
	b	27b
28:	orr	x20, x20, #(1 << 9)
	b	29b
30:	orr	x20, x20, #(1 << 10)
	b	31b
32:	orr	x20, x20, #(1 << 11)
	b	33b
34:	orr	x20, x20, #(1 << 12)
	b	35b
36:	orr	x20, x20, #(1 << 13)
	b	37b
38:	orr	x20, x20, #(1 << 14)
	b	39b
40:	orr	x20, x20, #(1 << 15)
	b	41b
50:	mov	x0, x19
	bl	print_hex
	PUTS	" -> "
	mov	x0, x20
	bl	print_hex
	bl	print_nl
	add	x19, x19, #1
	cmp	x19, #16
	b.ne	1b

	// CBNZ countdown loop
	mov	x19, #1000
	mov	x20, #0
2:	add	x20, x20, x19
	sub	x19, x19, #1
	cbnz	x19, 2b
	DEC	"cbnz sum", x20
	// CBZ on W ignores the upper half
	mov	x19, #0x100000000
	mov	x20, #0
	cbz	w19, 3f
	mov	x20, #1
3:	DEC	"cbz w on 1<<32", x20
	// TBZ/TBNZ: count set bits of a 64-bit value bit by bit
	mov	x19, #0x00f0
	movk	x19, #0x8001, lsl #48
	mov	x21, #0			// count
	mov	x22, #0			// bit index
4:	lsr	x0, x19, x22
	tbz	x0, #0, 5f
	add	x21, x21, #1
5:	add	x22, x22, #1
	cmp	x22, #64
	b.lt	4b
	DEC	"popcount", x21
	mov	x20, #0
	tbnz	x19, #63, 6f
	mov	x20, #1
6:	tbz	x19, #48, 7f
	add	x20, x20, #2
7:	tbnz	w19, #31, 8f
	add	x20, x20, #4
8:	tbz	x19, #32, 9f
	add	x20, x20, #8
9:	DEC	"tb flags", x20
	// signed vs unsigned compares with B.cond in a loop
	mov	x19, #-5
	mov	x20, #0
	mov	x21, #0
60:	cmp	x19, #3
	b.ge	61f
	add	x20, x20, #1		// signed less
61:	cmp	x19, #3
	b.hs	62f
	add	x21, x21, #1		// unsigned lower
62:	add	x19, x19, #1
	cmp	x19, #10
	b.le	60b
	DEC	"signed lt count", x20
	DEC	"unsigned lo count", x21
	EXIT	#0
