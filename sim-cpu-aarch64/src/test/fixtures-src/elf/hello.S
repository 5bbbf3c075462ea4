// hello: the smallest program: write(1, ...) and exit_group(0).
	.include "lib.inc"
	.text
	.globl	_start
_start:
	PUTS	"Hello, kernelsim!\n"
	HEX	"answer", #42
	DEC	"minus", #-7
	EXIT	#0
