// exit42: non-zero exit status via exit (93), after a line of output.
	.include "lib.inc"
	.text
	.globl	_start
_start:
	PUTS	"exiting with 42\n"
	mov	x0, #42
	mov	x8, #SYS_exit
	svc	#0
	brk	#0			// never reached
