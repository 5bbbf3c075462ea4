/*
 * Source of golden/kcfi-ids.tsv. Compiled by scripts/regen-fixtures.sh with
 *   clang-19 --target=aarch64-linux-gnu -fsanitize=kcfi -O2 -S
 * The `.word <id>` clang emits immediately before each function label is the kCFI
 * type id of that function's type. Each function is annotated with
 *   @kcfi <function> | <C prototype> | <expected Itanium type string>
 * and build_kcfi_tsv.py checks clang's id == low32(xxHash64(<type string>)).
 * Every function is also address-taken (table below) and called through a pointer.
 */
#include <stddef.h>

struct perf_branch_entry { unsigned long from, to; };
struct task_struct { int pid; };
struct file { int f; };
enum irqreturn { IRQ_NONE, IRQ_HANDLED };
typedef unsigned int u32;

/* @kcfi f_int_int | int(int) | _ZTSFiiE */
int f_int_int(int a) { return a + 1; }
/* @kcfi f_void_void | void(void) | _ZTSFvvE */
void f_void_void(void) { }
/* @kcfi f_void_ptr | void(void *) | _ZTSFvPvE */
void f_void_ptr(void *p) { *(volatile char *)p = 0; }
/* @kcfi f_int_fnptr_int | int(int (*)(int), int) | _ZTSFiPFiiEiE */
int f_int_fnptr_int(int (*f)(int), int x) { return f(x) + 1; }
/* @kcfi f_uint_void | unsigned int(void) | _ZTSFjvE */
unsigned int f_uint_void(void) { return 7; }
/* @kcfi f_ulong_void | unsigned long(void) | _ZTSFmvE */
unsigned long f_ulong_void(void) { return 8; }
/* @kcfi f_long_void | long(void) | _ZTSFlvE */
long f_long_void(void) { return 0; }
/* @kcfi f_int_void | int(void) | _ZTSFivE */
int f_int_void(void) { return 9; }
/* @kcfi f_perf_snapshot | int(struct perf_branch_entry *, unsigned int) | _ZTSFiP17perf_branch_entryjE */
int f_perf_snapshot(struct perf_branch_entry *e, unsigned int n) { return (int)(e->from + n); }
/* @kcfi f_void_ptr_int | void(void *, int) | _ZTSFvPviE */
void f_void_ptr_int(void *p, int v) { *(volatile int *)p = v; }
/* @kcfi f_int_ptr_int | int(void *, int) | _ZTSFiPviE */
int f_int_ptr_int(void *p, int v) { return *(int *)p + v; }
/* @kcfi f_ulong_ulong | unsigned long(unsigned long) | _ZTSFmmE */
unsigned long f_ulong_ulong(unsigned long x) { return x * 3; }
/* @kcfi f_long_long_long | long(long, long) | _ZTSFlllE */
long f_long_long_long(long a, long b) { return a - b; }
/* @kcfi f_void_int | void(int) | _ZTSFviE */
void f_void_int(int x) { (void)x; }
/* @kcfi f_int_int_int | int(int, int) | _ZTSFiiiE */
int f_int_int_int(int a, int b) { return a * b; }
/* @kcfi f_bool_void | _Bool(void) | _ZTSFbvE */
_Bool f_bool_void(void) { return 1; }
/* @kcfi f_charp_constcharp | char *(const char *) | _ZTSFPcPKcE */
char *f_charp_constcharp(const char *s) { return (char *)s + 1; }
/* @kcfi f_void_task | void(struct task_struct *) | _ZTSFvP11task_structE */
void f_void_task(struct task_struct *t) { t->pid = 0; }
/* @kcfi f_int_constfile_ulong | int(const struct file *, unsigned long) | _ZTSFiPK4filemE */
int f_int_constfile_ulong(const struct file *f, unsigned long x) { return f->f + (int)x; }
/* @kcfi f_ioctl | long(struct file *, unsigned int, unsigned long) | _ZTSFlP4filejmE */
long f_ioctl(struct file *f, unsigned int cmd, unsigned long arg) { return f->f + cmd + (long)arg; }
/* @kcfi f_memcpy | void *(void *, const void *, unsigned long) | _ZTSFPvS_PKvmE */
void *f_memcpy(void *d, const void *s, unsigned long n) { (void)s; (void)n; return d; }
/* @kcfi f_printk | int(const char *, ...) | _ZTSFiPKczE */
int f_printk(const char *fmt, ...) { return fmt[0]; }
/* @kcfi f_ull_void | unsigned long long(void) | _ZTSFyvE */
unsigned long long f_ull_void(void) { return 1; }
/* @kcfi f_short_short | short(short) | _ZTSFssE */
short f_short_short(short s) { return s; }
/* @kcfi f_uchar_uchar | unsigned char(unsigned char) | _ZTSFhhE */
unsigned char f_uchar_uchar(unsigned char c) { return c; }
/* @kcfi f_char_schar | char(signed char) | _ZTSFcaE */
char f_char_schar(signed char c) { return (char)c; }
/* @kcfi f_void_pbe_pbe | void(struct perf_branch_entry *, struct perf_branch_entry *) | _ZTSFvP17perf_branch_entryS0_E */
void f_void_pbe_pbe(struct perf_branch_entry *a, struct perf_branch_entry *b) { a->to = b->from; }
/* @kcfi f_ret_fnptr | int (*(void))(int) | _ZTSFPFiiEvE */
int (*f_ret_fnptr(void))(int) { return f_int_int; }
/* @kcfi f_u32_u32 | u32(u32) (typedef unsigned int) | _ZTSFjjE */
u32 f_u32_u32(u32 x) { return x ^ 1; }
/* @kcfi f_irq | enum irqreturn(int, void *) | _ZTSF9irqreturniPvE */
enum irqreturn f_irq(int irq, void *dev) { (void)dev; return irq ? IRQ_HANDLED : IRQ_NONE; }
/* @kcfi f_int_constint | int(const int) (top-level const dropped) | _ZTSFiiE */
int f_int_constint(const int a) { return a - 1; }
/* @kcfi f_int_intarray | int(int[]) (array decays to pointer) | _ZTSFiPiE */
int f_int_intarray(int a[]) { return a[0]; }
/* @kcfi f_void_fnptr | void(void (*)(void)) | _ZTSFvPFvvEE */
void f_void_fnptr(void (*f)(void)) { f(); }
/* @kcfi f_sizet_constvoidp | size_t(const void *) | _ZTSFmPKvE */
size_t f_sizet_constvoidp(const void *p) { return (size_t)p; }
/* @kcfi f_int_constcharpp | int(const char **, char *const *) | _ZTSFiPPKcPKPcE */
int f_int_constcharpp(const char **a, char *const *b) { return a == (const char **)b; }
/* @kcfi f_long_3structs | long(struct perf_branch_entry *, struct task_struct *, struct file *) | _ZTSFlP17perf_branch_entryP11task_structP4fileE */
long f_long_3structs(struct perf_branch_entry *e, struct task_struct *t, struct file *f) { return (long)e->to + t->pid + f->f; }

void *kcfi_table[] = {
    f_int_int, f_void_void, f_void_ptr, f_int_fnptr_int, f_uint_void, f_ulong_void, f_long_void,
    f_int_void, f_perf_snapshot, f_void_ptr_int, f_int_ptr_int, f_ulong_ulong, f_long_long_long,
    f_void_int, f_int_int_int, f_bool_void, f_charp_constcharp, f_void_task, f_int_constfile_ulong,
    f_ioctl, f_memcpy, f_printk, f_ull_void, f_short_short, f_uchar_uchar, f_char_schar,
    f_void_pbe_pbe, f_ret_fnptr, f_u32_u32, f_irq, f_int_constint, f_int_intarray, f_void_fnptr,
    f_sizet_constvoidp, f_int_constcharpp, f_long_3structs,
};

/* Indirect calls (kCFI-checked) through a few of the pointer types. */
int call_int_int(int (*f)(int), int x) { return f(x) + 1; }
unsigned int call_uint_void(unsigned int (*f)(void)) { return f() + 1; }
void call_void_ptr(void (*f)(void *), void *p) { f(p); f(p); }
long call_long_void(long (*f)(void)) { return f() + 1; }
