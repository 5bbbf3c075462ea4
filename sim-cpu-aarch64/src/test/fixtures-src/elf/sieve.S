// sieve: sieve of Eratosthenes up to 100000 over a byte array (STRB with register offset,
// MUL for i*i); prints the prime count (9592), the sum of primes and the last few primes.
	.include "lib.inc"
	.text
	.globl	_start
	.equ	N, 100000
_start:
	LOADADDR x19, flags
	mov	x20, #(N & 0xffff)
	movk	x20, #(N >> 16), lsl #16
	// flags[] = 0 means "prime candidate" (bss is zero); mark 0 and 1
	mov	w0, #1
	strb	w0, [x19]
	strb	w0, [x19, #1]
	mov	x21, #2			// i
1:	mul	x22, x21, x21
	cmp	x22, x20
	b.hi	4f
	ldrb	w0, [x19, x21]
	cbnz	w0, 3f
	mov	w1, #1
2:	strb	w1, [x19, x22]
	add	x22, x22, x21
	cmp	x22, x20
	b.ls	2b
3:	add	x21, x21, #1
	b	1b
4:	mov	x21, #0			// count
	mov	x22, #0			// sum
	mov	x23, #0			// last prime
	mov	x1, #0
5:	ldrb	w0, [x19, x1]
	cbnz	w0, 6f
	add	x21, x21, #1
	add	x22, x22, x1
	mov	x23, x1
6:	add	x1, x1, #1
	cmp	x1, x20
	b.ls	5b
	DEC	"count", x21
	DEC	"sum", x22
	DEC	"largest", x23
	// primes below 60, space separated
	mov	x21, #2
7:	ldrb	w0, [x19, x21]
	cbnz	w0, 8f
	mov	x0, x21
	bl	print_udec
	mov	w0, #' '
	bl	print_char
8:	add	x21, x21, #1
	cmp	x21, #60
	b.lo	7b
	bl	print_nl
	EXIT	#0

	.bss
flags:	.skip	N + 16
