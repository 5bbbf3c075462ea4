// crc32: software CRC-32 (reflected polynomial 0xedb88320, bitwise and table-driven) of
// "123456789" (check value 0xcbf43926) and of a 4 KiB generated buffer.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	LOADADDR x0, check
	mov	x1, #9
	bl	crc32_bitwise
	mov	x19, x0
	HEX	"crc bitwise 123456789", x19
	bl	make_table
	LOADADDR x0, check
	mov	x1, #9
	bl	crc32_table
	mov	x19, x0
	HEX	"crc table 123456789", x19
	// 4 KiB buffer: buf[i] = (i * 7 + (i >> 5)) & 0xff
	LOADADDR x20, buf
	mov	x1, #0
1:	lsl	x2, x1, #3
	sub	x2, x2, x1
	add	x2, x2, x1, lsr #5
	strb	w2, [x20, x1]
	add	x1, x1, #1
	cmp	x1, #4096
	b.lo	1b
	mov	x0, x20
	mov	x1, #4096
	bl	crc32_bitwise
	mov	x19, x0
	HEX	"crc bitwise buf", x19
	mov	x0, x20
	mov	x1, #4096
	bl	crc32_table
	mov	x19, x0
	HEX	"crc table buf", x19
	EXIT	#0

// crc32_bitwise(x0 = p, x1 = n) -> w0
crc32_bitwise:
	mov	w2, #-1
	mov	w5, #0x8320
	movk	w5, #0xedb8, lsl #16
2:	cbz	x1, 5f
	ldrb	w3, [x0], #1
	eor	w2, w2, w3
	mov	w4, #8
3:	tst	w2, #1
	lsr	w2, w2, #1
	b.eq	4f
	eor	w2, w2, w5
4:	subs	w4, w4, #1
	b.ne	3b
	sub	x1, x1, #1
	b	2b
5:	mvn	w0, w2
	ret

make_table:
	LOADADDR x0, table
	mov	w5, #0x8320
	movk	w5, #0xedb8, lsl #16
	mov	w1, #0
6:	mov	w2, w1
	mov	w4, #8
7:	ubfx	w3, w2, #0, #1
	lsr	w2, w2, #1
	neg	w3, w3
	and	w3, w3, w5
	eor	w2, w2, w3
	subs	w4, w4, #1
	b.ne	7b
	str	w2, [x0, w1, uxtw #2]
	add	w1, w1, #1
	cmp	w1, #256
	b.ne	6b
	ret

// crc32_table(x0 = p, x1 = n) -> w0
crc32_table:
	LOADADDR x6, table
	mov	w2, #-1
8:	cbz	x1, 9f
	ldrb	w3, [x0], #1
	eor	w3, w3, w2
	and	w3, w3, #0xff
	ldr	w4, [x6, w3, uxtw #2]
	eor	w2, w4, w2, lsr #8
	sub	x1, x1, #1
	b	8b
9:	mvn	w0, w2
	ret

	.section .rodata
check:	.ascii	"123456789"
	.bss
	.balign	16
table:	.skip	1024
buf:	.skip	4096
