// syscall-errors: deterministic syscall error returns the simulated kernel must reproduce:
// write to a closed fd (-EBADF = -9), an unknown syscall number (-ENOSYS = -38), a zero-length
// write (0), a write with a bad buffer pointer (-EFAULT = -14), then exit_group(7).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	mov	x0, #99
	LOADADDR x1, msg
	mov	x2, #1
	mov	x8, #SYS_write
	svc	#0
	mov	x19, x0
	DEC	"write(99)", x19
	mov	x8, #0xfff
	svc	#0
	mov	x19, x0
	DEC	"syscall 4095", x19
	mov	x0, #1
	LOADADDR x1, msg
	mov	x2, #0
	mov	x8, #SYS_write
	svc	#0
	mov	x19, x0
	DEC	"write len 0", x19
	mov	x0, #1
	mov	x1, #16			// unmapped address
	mov	x2, #4
	mov	x8, #SYS_write
	svc	#0
	mov	x19, x0
	DEC	"write bad ptr", x19
	// registers other than x0 survive a syscall
	mov	x1, #0x1111
	mov	x2, #0
	mov	x3, #0x3333
	mov	x7, #0x7777
	mov	x0, #1
	LOADADDR x1, msg
	mov	x2, #1
	mov	x8, #SYS_write
	svc	#0
	add	x19, x3, x7
	add	x19, x19, x8
	HEX	" regs after svc", x19
	EXIT	#7

	.section .rodata
msg:	.ascii	"!"
