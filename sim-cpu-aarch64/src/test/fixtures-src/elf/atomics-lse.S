// atomics-lse: FEAT_LSE (ARMv8.1) atomics: CAS/CASA/CASAL (success and failure), LDADD,
// LDCLR, LDSET, LDEOR, SWP, STADD, LDUMAX/LDSMIN, in 32 and 64 bits. Optional for the CPU.
	.arch	armv8.1-a
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, mem
	mov	x0, #100
	str	x0, [x19]
	mov	x20, #100		// expected
	mov	x21, #200		// new
	cas	x20, x21, [x19]		// succeeds: x20 = old (100)
	HEX	"cas ok old", x20
	ldr	x22, [x19]
	DEC	"cas ok mem", x22
	mov	x20, #7
	casal	x20, x21, [x19]		// fails: x20 = current (200)
	DEC	"cas fail old", x20
	mov	x1, #5
	ldadd	x1, x22, [x19]		// x22 = old, mem += 5
	DEC	"ldadd old", x22
	mov	x1, #0xff
	ldclr	x1, x22, [x19]		// mem &= ~0xff
	DEC	"ldclr old", x22
	mov	x1, #0x1234
	ldset	x1, x22, [x19]
	HEX	"ldset old", x22
	mov	x1, #0xffff
	ldeor	x1, x22, [x19]
	HEX	"ldeor old", x22
	mov	x1, #-3
	swp	x1, x22, [x19]
	HEX	"swp old", x22
	mov	x1, #10
	stadd	x1, [x19]
	ldr	x22, [x19]
	DEC	"stadd result", x22
	mov	x1, #-1
	ldumax	x1, x22, [x19]		// unsigned max with all-ones
	DEC	"ldumax old", x22
	ldr	x22, [x19]
	HEX	"ldumax result", x22
	mov	x1, #-100
	ldsmin	x1, x22, [x19]
	ldr	x22, [x19]
	DEC	"ldsmin result", x22
	// 32-bit
	add	x19, x19, #8
	mov	w1, #0x80000000
	str	w1, [x19]
	mov	w1, #1
	ldaddal	w1, w22, [x19]
	HEX	"ldadd32 old", x22
	ldr	w22, [x19]
	HEX	"ldadd32 new", x22
	mov	w20, #0x80000001
	mov	w21, #42
	casa	w20, w21, [x19]
	HEX	"cas32 old", x20
	ldr	w22, [x19]
	DEC	"cas32 mem", x22
	EXIT	#0

	.data
	.balign	16
mem:	.quad	0, 0
