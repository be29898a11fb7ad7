#ifndef RX_MEMORY_H
#define RX_MEMORY_H
// Page-backed allocations for the cache, the dataset and scratchpads, with the page size each got.
#include <stddef.h>

typedef struct rx_mem {
    void *ptr;        // at least 4 KiB aligned; NULL when nothing is held
    size_t size;      // what was asked for
    size_t map_size;  // what was mapped (size rounded up to the page size)
    int page_kib;     // 1048576, 2048 or 4 (4 includes transparent huge pages, which are advisory)
} rx_mem;

/// Maps `size` bytes: 1 GiB pages (only for sizes of at least 1 GiB, where the rounding waste is
/// bounded), then 2 MiB pages, then, unless `require_large`, normal pages with transparent huge
/// pages requested. Returns 0 on success, -1 with *m zeroed on failure.
int rx_mem_alloc(rx_mem *m, size_t size, int require_large);
void rx_mem_free(rx_mem *m);

#endif
