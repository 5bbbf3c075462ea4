// atomics-llsc: load/store exclusive and acquire/release (ARMv8.0, no LSE): LDXR/STXR
// increment loops (W and X), LDAXR/STLXR spinlock acquire/release, LDXP/STXP 128-bit update,
// CLREX, LDAR/STLR, DMB; STXR status registers are checked (single thread: always 0 here).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x19, counter
	mov	x20, #0			// total STXR failures
	mov	x21, #1000
1:	ldxr	x0, [x19]
	add	x0, x0, #3
	stxr	w1, x0, [x19]
	add	x20, x20, x1
	cbnz	w1, 1b
	subs	x21, x21, #1
	b.ne	1b
	ldr	x22, [x19]
	DEC	"counter", x22
	// 32-bit
	LOADADDR x19, counter32
	mov	x21, #500
2:	ldxr	w0, [x19]
	sub	w0, w0, #7
	stxr	w1, w0, [x19]
	add	x20, x20, x1
	cbnz	w1, 2b
	subs	x21, x21, #1
	b.ne	2b
	ldr	w22, [x19]
	HEX	"counter32", x22
	// spinlock: acquire (ldaxr/stxr), critical section, release (stlr)
	LOADADDR x19, lock
	LOADADDR x23, protected
	mov	x21, #100
3:	mov	w2, #1
4:	ldaxr	w0, [x19]
	cbnz	w0, 4b
	stxr	w1, w2, [x19]
	add	x20, x20, x1
	cbnz	w1, 4b
	ldr	x0, [x23]
	add	x0, x0, x21
	str	x0, [x23]
	stlr	wzr, [x19]
	subs	x21, x21, #1
	b.ne	3b
	ldr	x22, [x23]
	DEC	"protected", x22
	ldar	w22, [x19]
	DEC	"lock released", x22
	// LDXP/STXP: 128-bit add
	LOADADDR x19, pair
	mov	x21, #10
5:	ldxp	x0, x1, [x19]
	adds	x0, x0, #0x800
	adc	x1, x1, xzr
	stxp	w2, x0, x1, [x19]
	add	x20, x20, x2
	cbnz	w2, 5b
	subs	x21, x21, #1
	b.ne	5b
	ldp	x22, x23, [x19]
	HEX	"pair lo", x22
	HEX	"pair hi", x23
	// CLREX then STXR must fail (monitor cleared): status 1, memory unchanged
	LOADADDR x19, counter
	ldxr	x0, [x19]
	clrex
	mov	x2, #0xdead
	stxr	w1, x2, [x19]
	mov	x22, x1
	DEC	"stxr after clrex", x22
	ldr	x22, [x19]
	DEC	"counter unchanged", x22
	// acquire/release with barriers
	LOADADDR x19, flag
	mov	x0, #0x5a
	stlr	x0, [x19]
	dmb	ish
	ldar	x22, [x19]
	HEX	"ldar", x22
	ldaxr	x0, [x19]
	stlxr	w1, xzr, [x19]
	mov	x22, x1
	DEC	"stlxr status", x22
	DEC	"failures", x20
	EXIT	#0

	.data
	.balign	16
counter:	.quad	0
counter32:	.word	0x1000, 0
lock:		.word	0, 0
protected:	.quad	0
	.balign	16
pair:		.quad	0xfffffffffffffc00, 0x7
flag:		.quad	0
