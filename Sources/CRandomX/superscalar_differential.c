// Differential test core: the eight-item and two-item AVX-512 SuperscalarHash against the
// interpreter.
//
// TEST-ONLY, for the RandomXJIT fuzz target and the unit tests; nothing in the dataset path calls it.
// Each input seeds the BlakeGenerator that writes the eight SuperscalarHash programs (so the
// programs are new, not the handful a few keys give), and its first eight bytes choose the first
// item. The cache memory is a real Argon2d cache given by rx_jit_differential_set_cache; the
// programs are generated into a private copy of the cache object that shares that memory.
//
//   input: [0..7] first item (little endian, reduced below the dataset's item count), the whole
//          input the generator's key (at most 60 bytes are used, as in the spec).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CRandomX.h"
#include "rx_blake2_generator.h"
#include "rx_cache.h"

static rtx_cache *shared_cache;
static rtx_cache *private_cache;
static char last_error[160];

void rx_superscalar_differential_set_cache(rtx_cache *cache) { shared_cache = cache; }
const char *rx_superscalar_differential_last_error(void) { return last_error; }

int rx_superscalar_differential(const uint8_t *data, size_t size) {
    last_error[0] = 0;
    if (!shared_cache || !rx_cache_jit_x8_supported()) return 0;  // nothing to compare here
    if (!private_cache) {
        private_cache = calloc(1, sizeof *private_cache);
        if (!private_cache) return 0;
    }
    rx_cache_jit_x8_release(private_cache);
    private_cache->memory = shared_cache->memory;
    private_cache->flags = shared_cache->flags;
    static const uint8_t empty[1] = {0};
    rx_blake2_generator gen;
    rx_blake2_generator_init(&gen, size ? data : empty, size, 0);
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) rx_superscalar_generate(&private_cache->programs[i], &gen);
    if (rx_cache_jit_x8_compile(private_cache) != 0 || !private_cache->jit_items8) return 0;

    uint64_t first = 0;
    memcpy(&first, size >= 8 ? data : (const uint8_t *)"\0\0\0\0\0\0\0\0", 8);
    first %= RX_DATASET_ITEM_COUNT - 7;
    _Alignas(64) uint64_t eight[64];
    private_cache->jit_items8(private_cache->memory, first, eight);
    __asm__ volatile("sfence" ::: "memory");
    for (int k = 0; k < 8; k++) {
        uint64_t expected[8];
        rx_dataset_item_interpreted(private_cache, first + (uint64_t)k, expected);
        if (memcmp(expected, eight + 8 * k, 64) != 0) {
            snprintf(last_error, sizeof last_error, "item %llu (lane %d of the block from %llu) differs",
                     (unsigned long long)(first + (uint64_t)k), k, (unsigned long long)first);
            return 1;
        }
    }
    if (private_cache->jit_items2) {
        // The two-item form on two unrelated items (light mode's pairs are anywhere).
        uint64_t numbers[2] = {first, (first * 0x9E3779B97F4A7C15ull) % RX_DATASET_ITEM_COUNT};
        uint64_t lanes[16];
        private_cache->jit_items2(private_cache->memory, numbers, lanes);
        for (int k = 0; k < 2; k++) {
            uint64_t expected[8];
            rx_dataset_item_interpreted(private_cache, numbers[k], expected);
            for (int q = 0; q < 8; q++) {
                if (lanes[2 * q + k] != expected[q]) {
                    snprintf(last_error, sizeof last_error, "two-item form: item %llu (lane %d) differs",
                             (unsigned long long)numbers[k], k);
                    return 1;
                }
            }
        }
    }
    return 0;
}
