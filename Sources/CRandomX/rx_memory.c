#define _GNU_SOURCE
#include "rx_memory.h"
#include <string.h>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << MAP_HUGE_SHIFT)
#endif

static size_t rx_round_up(size_t n, size_t unit) { return (n + unit - 1) / unit * unit; }

static void *rx_map(size_t size, int extra_flags) {
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int rx_mem_alloc(rx_mem *m, size_t size, int require_large) {
    memset(m, 0, sizeof *m);
    if (size == 0) return -1;
#ifdef MAP_HUGETLB
    const size_t gib = (size_t)1 << 30, two_mib = (size_t)2 << 20;
    if (size >= gib) {
        size_t len = rx_round_up(size, gib);
        void *p = rx_map(len, MAP_HUGETLB | MAP_HUGE_1GB);
        if (p) {
            *m = (rx_mem){p, size, len, 1 << 20};
            return 0;
        }
    }
    {
        size_t len = rx_round_up(size, two_mib);
        void *p = rx_map(len, MAP_HUGETLB);
        if (p) {
            *m = (rx_mem){p, size, len, 2048};
            return 0;
        }
    }
#endif
    if (require_large) return -1;
    {
        size_t len = rx_round_up(size, 4096);
        void *p = rx_map(len, 0);
        if (!p) return -1;
#ifdef MADV_HUGEPAGE
        // Transparent huge pages cut TLB misses on the random cache/dataset reads; advisory only.
        (void)madvise(p, len, MADV_HUGEPAGE);
#endif
        *m = (rx_mem){p, size, len, 4};
        return 0;
    }
}

void rx_mem_free(rx_mem *m) {
    if (m->ptr) munmap(m->ptr, m->map_size);
    memset(m, 0, sizeof *m);
}

#else
#include <stdlib.h>
int rx_mem_alloc(rx_mem *m, size_t size, int require_large) {
    memset(m, 0, sizeof *m);
    if (require_large || size == 0) return -1;
    size_t len = (size + 4095) & ~(size_t)4095;
    void *p = aligned_alloc(4096, len);
    if (!p) return -1;
    *m = (rx_mem){p, size, len, 4};
    return 0;
}
void rx_mem_free(rx_mem *m) {
    free(m->ptr);
    memset(m, 0, sizeof *m);
}
#endif
