/*
 * Source of golden/kcfi-callsite.txt: whole kCFI call sites as clang-19 emits them.
 *   call()       -- `return f(x);` is a sibling call at -O2: the check ends in BR (tail call).
 *   call_plus1() -- a real call: the check ends in BLR x8, brk #0x8228.
 *   call_u()     -- unsigned int(void) target (0x837de525), the perf guest-state case.
 * Compiled twice: plain -O2, and -O2 -mbranch-protection=bti (kernel CONFIG_ARM64_BTI_KERNEL),
 * where the tail call goes through x16 (ldur w9 ..., brk #0x8230, br x16).
 */
int call(int (*f)(int), int x) { return f(x); }
int call_plus1(int (*f)(int), int x) { return f(x) + 1; }
unsigned int call_u(unsigned int (*f)(void)) { return f() + 1; }
