/* Run each 32-bit word given on the command line (hex) as a one-instruction function
 * (word; ret) and print "<word> SIGILL|ok|SIG<n>". Built static for aarch64 and run
 * under qemu-aarch64 by scripts/regen-fixtures.sh to confirm the unallocated class. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

static sigjmp_buf env;
static void handler(int sig) { siglongjmp(env, sig); }

int main(int argc, char **argv) {
    uint32_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) { perror("mmap"); return 1; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    for (int i = 1; i < argc; i++) {
        uint32_t w = (uint32_t)strtoul(argv[i], NULL, 16);
        page[0] = w;
        page[1] = 0xd65f03c0; /* ret */
        __builtin___clear_cache((char *)page, (char *)(page + 2));
        int sig = sigsetjmp(env, 1);
        if (sig == 0) {
            ((void (*)(void))page)();
            printf("%08x ok\n", w);
        } else if (sig == SIGILL) {
            printf("%08x SIGILL\n", w);
        } else {
            printf("%08x SIG%d\n", w, sig);
        }
    }
    return 0;
}
