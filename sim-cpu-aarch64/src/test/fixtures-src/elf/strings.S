// strings: strlen, in-place reverse, toupper, strcmp and atoi over
// NUL-terminated byte strings (LDRB/STRB with post-index and register offsets).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x0, s1
	bl	strlen
	mov	x19, x0
	DEC	"strlen", x19
	LOADADDR x0, s1
	mov	x1, x19
	bl	reverse
	LOADADDR x0, s1
	bl	print_cstr
	bl	print_nl
	LOADADDR x0, s1
	bl	toupper
	LOADADDR x0, s1
	bl	print_cstr
	bl	print_nl
	LOADADDR x0, s2
	LOADADDR x1, s3
	bl	strcmp
	mov	x19, x0
	DEC	"strcmp s2,s3", x19
	LOADADDR x0, s3
	LOADADDR x1, s2
	bl	strcmp
	mov	x19, x0
	DEC	"strcmp s3,s2", x19
	LOADADDR x0, s2
	LOADADDR x1, s2
	bl	strcmp
	mov	x19, x0
	DEC	"strcmp s2,s2", x19
	LOADADDR x0, num
	bl	atoi
	mov	x19, x0
	DEC	"atoi", x19
	// empty string
	LOADADDR x0, empty
	bl	strlen
	mov	x19, x0
	DEC	"strlen empty", x19
	EXIT	#0

strlen:				// x0 = s -> length
	mov	x1, x0
1:	ldrb	w2, [x1], #1
	cbnz	w2, 1b
	sub	x0, x1, x0
	sub	x0, x0, #1
	ret

reverse:			// x0 = s, x1 = len
	cbz	x1, 3f
	sub	x1, x1, #1	// j
	mov	x2, #0		// i
2:	cmp	x2, x1
	b.ge	3f
	ldrb	w3, [x0, x2]
	ldrb	w4, [x0, x1]
	strb	w4, [x0, x2]
	strb	w3, [x0, x1]
	add	x2, x2, #1
	sub	x1, x1, #1
	b	2b
3:	ret

toupper:			// x0 = s, in place
4:	ldrb	w1, [x0]
	cbz	w1, 6f
	sub	w2, w1, #'a'
	cmp	w2, #25
	b.hi	5f
	sub	w1, w1, #32
	strb	w1, [x0]
5:	add	x0, x0, #1
	b	4b
6:	ret

strcmp:				// x0, x1 -> <0, 0, >0
7:	ldrb	w2, [x0], #1
	ldrb	w3, [x1], #1
	subs	w4, w2, w3
	b.ne	8f
	cbnz	w2, 7b
8:	sxtw	x0, w4
	ret

atoi:				// signed decimal
	mov	x1, #0
	mov	x3, #0		// negative?
	ldrb	w2, [x0]
	cmp	w2, #'-'
	b.ne	9f
	mov	x3, #1
	add	x0, x0, #1
9:	ldrb	w2, [x0], #1
	sub	w2, w2, #'0'
	cmp	w2, #9
	b.hi	10f
	mov	x4, #10
	madd	x1, x1, x4, x2
	b	9b
10:	cmp	x3, #0
	cneg	x0, x1, ne
	ret

	.data
s1:	.asciz	"Hello, AArch64 world! abc xyz 0123"
s2:	.asciz	"kernelsim"
s3:	.asciz	"kernelsin"
num:	.asciz	"-9876543210"
empty:	.asciz	""
