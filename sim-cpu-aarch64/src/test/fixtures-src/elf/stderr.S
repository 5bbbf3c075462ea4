// stderr: interleaved writes to stdout (fd 1) and stderr (fd 2); exit status 3.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	PUTS	"to stdout 1\n"
	adrp	x19, out_fd
	mov	w0, #2
	str	w0, [x19, :lo12:out_fd]
	PUTS	"to stderr 1\n"
	HEX	"err value", #0xbad
	mov	w0, #1
	str	w0, [x19, :lo12:out_fd]
	PUTS	"to stdout 2\n"
	// a raw write(2, ...) with an explicit length
	mov	x0, #2
	LOADADDR x1, msg
	mov	x2, #(msg_end - msg)
	mov	x8, #SYS_write
	svc	#0
	DEC	"write returned", x0
	EXIT	#3

	.section .rodata
msg:	.ascii	"raw stderr write\n"
msg_end:
