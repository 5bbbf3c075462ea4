// arith-flags: ADDS/SUBS/ADCS/SBCS/NEGS/CMP/CMN carry and overflow edges in 32 and 64 bits.
// Prints each result and NZCV (read with MRS). Also MSR NZCV round trip and TPIDR_EL0.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	// 64-bit ADDS edges
	mov	x19, #0x7fffffffffffffff
	adds	x20, x19, #1
	FLAGS	"adds64 max+1"
	HEX	"r", x20
	mov	x19, #-1
	adds	x20, x19, #1
	FLAGS	"adds64 -1+1"
	HEX	"r", x20
	mov	x19, #0x8000000000000000
	adds	x20, x19, x19
	FLAGS	"adds64 min+min"
	HEX	"r", x20
	mov	x19, #1
	adds	x20, x19, #2
	FLAGS	"adds64 1+2"
	// 64-bit SUBS edges
	mov	x19, #0
	subs	x20, x19, #1
	FLAGS	"subs64 0-1"
	HEX	"r", x20
	mov	x19, #0x8000000000000000
	subs	x20, x19, #1
	FLAGS	"subs64 min-1"
	HEX	"r", x20
	mov	x19, #5
	subs	x20, x19, #5
	FLAGS	"subs64 5-5"
	mov	x19, #3
	mov	x21, #-4
	subs	x20, x19, x21
	FLAGS	"subs64 3-(-4)"
	HEX	"r", x20
	// 32-bit edges
	mov	w19, #0x7fffffff
	adds	w20, w19, #1
	FLAGS	"adds32 max+1"
	HEX	"r", x20
	mov	w19, #-1
	adds	w20, w19, #1
	FLAGS	"adds32 -1+1"
	HEX	"r", x20
	mov	w19, #0x80000000
	subs	w20, w19, #1
	FLAGS	"subs32 min-1"
	HEX	"r", x20
	mov	w19, #0
	subs	w20, w19, #1
	FLAGS	"subs32 0-1"
	HEX	"r", x20
	mov	x19, #0xffffffff00000000
	adds	w20, w19, #0
	FLAGS	"adds32 ignores high half"
	HEX	"r", x20
	// CMP / CMN / TST
	mov	x19, #10
	cmp	x19, #11
	FLAGS	"cmp 10,11"
	cmn	x19, #10
	FLAGS	"cmn 10,10"
	mov	x21, #-10
	cmn	x19, x21
	FLAGS	"cmn 10,-10"
	tst	x19, #1
	FLAGS	"tst 10,1"
	mov	x21, #0x8000000000000000
	tst	x21, x21
	FLAGS	"tst min,min"
	// NEGS
	mov	x19, #0x8000000000000000
	negs	x20, x19
	FLAGS	"negs min"
	HEX	"r", x20
	negs	x20, xzr
	FLAGS	"negs 0"
	// ADC/ADCS/SBC/SBCS chains: 128-bit add and subtract
	mov	x19, #-1
	mov	x21, #1
	adds	x22, x19, x21		// low
	adcs	x23, xzr, xzr		// high = carry
	FLAGS	"adc128 carry"
	HEX	"lo", x22
	HEX	"hi", x23
	mov	x19, #0
	mov	x21, #1
	subs	x22, x19, x21		// borrow
	sbcs	x23, xzr, xzr
	FLAGS	"sbc128 borrow"
	HEX	"lo", x22
	HEX	"hi", x23
	mov	w19, #0x7fffffff
	cmp	w19, w19		// C=1
	adcs	w20, w19, wzr		// 0x7fffffff + 0 + 1: overflow
	FLAGS	"adcs32 max+C"
	HEX	"r", x20
	cmn	xzr, xzr		// C=0
	sbc	x20, xzr, xzr		// 0 - 0 - 1
	HEX	"sbc 0-0-!C", x20
	ngc	x20, xzr
	HEX	"ngc", x20
	// MSR NZCV round trip
	mov	x19, #0xa0000000
	msr	nzcv, x19
	FLAGS	"msr nzcv N+C"
	mrs	x20, nzcv
	HEX	"mrs nzcv", x20
	// TPIDR_EL0 round trip (EL0-accessible thread pointer)
	mov	x19, #0x1234
	movk	x19, #0xdead, lsl #48
	msr	tpidr_el0, x19
	mrs	x20, tpidr_el0
	HEX	"tpidr_el0", x20
	// extended-register adds with SP
	mov	x19, sp
	add	x20, sp, #32
	sub	x20, x20, x19
	HEX	"sp delta", x20
	mov	w21, #-8
	add	x20, x19, w21, sxtw
	sub	x20, x19, x20
	HEX	"sxtw add", x20
	mov	x22, #0
	add	x20, x22, w21, uxtw
	HEX	"uxtw add", x20
	EXIT	#0
