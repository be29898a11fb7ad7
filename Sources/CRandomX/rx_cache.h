#ifndef RX_CACHE_H
#define RX_CACHE_H
// The cache and dataset objects, shared with the VM and JIT code of this target.
#include <stddef.h>
#include <stdint.h>
#include "CRandomX.h"
#include "rx_memory.h"
#include "rx_superscalar.h"

#define RX_CACHE_SIZE ((size_t)262144 * 1024)       /* Argon2 memory: 256 MiB */
#define RX_CACHE_LINE_SIZE 64
#define RX_CACHE_LINE_MASK ((uint64_t)(RX_CACHE_SIZE / RX_CACHE_LINE_SIZE - 1))
#define RX_DATASET_BASE_SIZE ((uint64_t)2147483648u)
#define RX_DATASET_EXTRA_SIZE ((uint64_t)33554368u)
#define RX_DATASET_SIZE (RX_DATASET_BASE_SIZE + RX_DATASET_EXTRA_SIZE)
#define RX_DATASET_ITEM_COUNT (RX_DATASET_SIZE / RX_DATASET_ITEM_SIZE_BYTES)
#define RX_DATASET_ITEM_SIZE_BYTES 64

/// A compiled SuperscalarHash for one dataset item: reads `cache_memory`, writes the 64-byte item.
/// Produced by the cache's JIT (when RTX_FLAG_JIT is given and the platform supports it).
typedef void (*rx_ss_item_fn)(const uint8_t *cache_memory, uint64_t item_number, uint64_t out[8]);
/// Eight consecutive items, first_item to first_item + 7, written to `out` (512 bytes, 64-aligned)
/// with non-temporal stores: the caller fences (sfence) before others read them.
typedef void (*rx_ss_items8_fn)(const uint8_t *cache_memory, uint64_t first_item, void *out);
/// Two items, numbers[0] and numbers[1]: out[2q + k] is register r_q of item k (16 qwords).
typedef void (*rx_ss_items2_fn)(const uint8_t *cache_memory, const uint64_t numbers[2], uint64_t out[16]);

struct rtx_cache {
    /// RX_CACHE_SIZE bytes of Argon2d output, 64-byte cache lines.
    uint8_t *memory;
    rx_mem mem;
    int flags;
    int initialized;
    /// The 8 SuperscalarHash programs. IMUL_RCP's reciprocal is in its instruction's `operand`.
    rx_ss_program programs[RX_CACHE_ACCESSES];
    /// Machine code for the 8 programs (read+exec, never writable at the same time); NULL if none.
    void *jit_code;
    size_t jit_size;
    rx_ss_item_fn jit_item;
    /// The same programs for eight items at once (AVX-512); NULL where the CPU lacks it.
    void *jit_x8_code;
    size_t jit_x8_size;
    rx_ss_items8_fn jit_items8;
    /// Two given items at once (AVX-512VL, xmm): light mode's item and the next one.
    void *jit_x2_code;
    size_t jit_x2_size;
    rx_ss_items2_fn jit_items2;
};

struct rtx_dataset {
    /// RX_DATASET_ITEM_COUNT items of 64 bytes.
    uint8_t *memory;
    rx_mem mem;
    int flags;
};

/// Starts fetching the first cache line an item reads (its first program's line, spec 7.3): the
/// other seven depend on the computation, this one only on the item number.
static inline void rx_cache_prefetch_item(const rtx_cache *cache, uint64_t item_number) {
    __builtin_prefetch(cache->memory + (item_number & RX_CACHE_LINE_MASK) * RX_CACHE_LINE_SIZE, 0, 3);
}

/// One item through the interpreter, whatever the cache's flags (tests compare JIT against it).
void rx_dataset_item_interpreted(const rtx_cache *cache, uint64_t item_number, uint64_t out[8]);

/// Compiles the cache's programs (cache_jit.c); returns 0 on success, -1 when unavailable.
int rx_cache_jit_compile(rtx_cache *cache);
void rx_cache_jit_release(rtx_cache *cache);

/// Whether this CPU and OS run the eight-item form (AVX-512F and DQ, state saved by the OS).
int rx_cache_jit_x8_supported(void);
/// Whether they run the two-item form (AVX-512F, DQ and VL).
int rx_cache_jit_x2_supported(void);
/// Compiles the eight-item and two-item forms that this CPU runs (superscalar_jit_x8.c); returns 0
/// when at least one was compiled, -1 otherwise.
int rx_cache_jit_x8_compile(rtx_cache *cache);
void rx_cache_jit_x8_release(rtx_cache *cache);

#endif
