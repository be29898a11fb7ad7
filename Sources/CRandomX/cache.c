// Cache (Argon2d memory + SuperscalarHash programs) and dataset (spec chapter 7).
//
// One cache and dataset serve both versions because RandomX v2 changes only the VM side: the
// program size (256 -> 384 instructions), the per-program scratchpad mixing, the AES-based
// finalisation and the commitment. doc/design_v2.md and doc/specs.md leave Argon2d's parameters and
// salt ("RandomX\x03"), the BlakeGenerator seeding, SuperscalarHash generation and dataset item
// construction unchanged (RANDOMX_ARGON_* and RANDOMX_SUPERSCALAR_LATENCY, RANDOMX_DATASET_*_SIZE
// and RANDOMX_CACHE_ACCESSES have no v2 values in the configuration table), and RandomX 2.0 itself
// builds one randomx_cache/randomx_dataset type that v1 and v2 VMs both take. A v2 VM can therefore
// be handed the very cache or dataset a v1 VM uses, and rtx_alloc_cache/rtx_alloc_dataset ignore
// RTX_FLAG_V2. RandomX 2.0 run with RANDOMX_FLAG_V2 (interpreted and JIT) produces cache memory and
// dataset items byte-identical to these.
#include "rx_cache.h"
#include "rx_argon2.h"
#include "rx_blake2_generator.h"
#include "rx_cpu.h"
#include <stdlib.h>
#include <string.h>

int rtx_get_flags(void) {
    const rx_cpu_features *f = rx_cpu_get();
    int flags = RTX_FLAG_DEFAULT;
    if (f->aes) flags |= RTX_FLAG_HARD_AES;
#if defined(__x86_64__)
    flags |= RTX_FLAG_JIT;
#endif
    if (f->avx2) flags |= RTX_FLAG_ARGON2_AVX2;
    else if (f->ssse3) flags |= RTX_FLAG_ARGON2_SSSE3;
    return flags;
}

rtx_cache *rtx_alloc_cache(int flags) {
    rtx_cache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    if (rx_mem_alloc(&c->mem, RX_CACHE_SIZE, (flags & RTX_FLAG_LARGE_PAGES) != 0) != 0) {
        free(c);
        return NULL;
    }
    c->memory = (uint8_t *)c->mem.ptr;
    c->flags = flags;
    return c;
}

static rx_argon2_impl rx_cache_argon_impl(int flags) {
    // The flags choose the instruction set as in librandomx; AVX-512VL, where present, is the faster
    // form of what RTX_FLAG_ARGON2_AVX2 asks for.
    if ((flags & RTX_FLAG_ARGON2_AVX2) && rx_argon2_impl_supported(RX_ARGON2_AVX2))
        return rx_argon2_impl_supported(RX_ARGON2_AVX512) ? RX_ARGON2_AVX512 : RX_ARGON2_AVX2;
    if ((flags & RTX_FLAG_ARGON2_SSSE3) && rx_argon2_impl_supported(RX_ARGON2_SSSE3))
        return RX_ARGON2_SSSE3;
    return RX_ARGON2_REF;
}

void rtx_init_cache(rtx_cache *cache, const void *key, size_t key_size) {
    rx_argon2d_fill_cache(cache->memory, key, key_size, rx_cache_argon_impl(cache->flags));
    rx_blake2_generator gen;
    rx_blake2_generator_init(&gen, key, key_size, 0);
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) rx_superscalar_generate(&cache->programs[i], &gen);
    rx_cache_jit_release(cache);
    rx_cache_jit_x8_release(cache);
    if (cache->flags & RTX_FLAG_JIT) {
        (void)rx_cache_jit_compile(cache);
        (void)rx_cache_jit_x8_compile(cache);
    }
    cache->initialized = 1;
}

int rtx_cache_builds_eight_items_at_once(const rtx_cache *cache) { return cache->jit_items8 != NULL; }

void rtx_release_cache(rtx_cache *cache) {
    if (!cache) return;
    rx_cache_jit_release(cache);
    rx_cache_jit_x8_release(cache);
    rx_mem_free(&cache->mem);
    free(cache);
}

void *rtx_get_cache_memory(rtx_cache *cache) { return cache ? cache->memory : NULL; }

int rtx_cache_page_size_kib(const rtx_cache *cache) { return cache ? cache->mem.page_kib : 0; }

rtx_dataset *rtx_alloc_dataset(int flags) {
    rtx_dataset *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    if (rx_mem_alloc(&d->mem, (size_t)RX_DATASET_SIZE, (flags & RTX_FLAG_LARGE_PAGES) != 0) != 0) {
        free(d);
        return NULL;
    }
    d->memory = (uint8_t *)d->mem.ptr;
    d->flags = flags;
    return d;
}

unsigned long rtx_dataset_item_count(void) { return (unsigned long)RX_DATASET_ITEM_COUNT; }

void *rtx_get_dataset_memory(rtx_dataset *dataset) { return dataset ? dataset->memory : NULL; }

int rtx_dataset_page_size_kib(const rtx_dataset *dataset) { return dataset ? dataset->mem.page_kib : 0; }

void rtx_release_dataset(rtx_dataset *dataset) {
    if (!dataset) return;
    rx_mem_free(&dataset->mem);
    free(dataset);
}

// Register initialisation constants of spec 7.3 step 1.
#define RX_SS_MUL0 6364136223846793005ULL
static const uint64_t rx_ss_xor_init[8] = {
    0, 9298411001130361340ULL, 12065312585734608966ULL, 9306329213124626780ULL,
    5281919268842080866ULL, 10536153434571861004ULL, 3398623926847679864ULL, 9549104520008361294ULL,
};

static inline uint64_t rx_load64_le(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

void rx_dataset_item_interpreted(const rtx_cache *cache, uint64_t item_number, uint64_t r[8]) {
    uint64_t r0 = (item_number + 1) * RX_SS_MUL0;
    for (int i = 0; i < 8; i++) r[i] = r0 ^ rx_ss_xor_init[i];
    uint64_t index = item_number;
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) {
        // The cache line is chosen before the program runs, so its load can start early.
        const uint8_t *line = cache->memory + (index & RX_CACHE_LINE_MASK) * RX_CACHE_LINE_SIZE;
        __builtin_prefetch(line, 0, 0);
        const rx_ss_program *prog = &cache->programs[i];
        rx_superscalar_execute(r, prog);
        for (int q = 0; q < 8; q++) r[q] ^= rx_load64_le(line + 8 * q);
        index = r[prog->address_reg];
    }
}

static inline void rx_store_fence(void) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ volatile("sfence" ::: "memory");
#endif
}

static inline void rx_store_item(void *out, const uint64_t r[8]) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    uint64_t t[8];
    for (int i = 0; i < 8; i++) t[i] = __builtin_bswap64(r[i]);
    memcpy(out, t, 64);
#else
    memcpy(out, r, 64);
#endif
}

void rtx_dataset_item(const rtx_cache *cache, uint64_t item_number, void *out64) {
    uint64_t r[8];
    if (cache->jit_item) cache->jit_item(cache->memory, item_number, r);
    else rx_dataset_item_interpreted(cache, item_number, r);
    rx_store_item(out64, r);
}

void rtx_init_dataset(rtx_dataset *dataset, rtx_cache *cache, unsigned long start_item,
                      unsigned long item_count) {
    uint8_t *out = dataset->memory + (size_t)start_item * RX_DATASET_ITEM_SIZE_BYTES;
    uint64_t end = (uint64_t)start_item + item_count;
    if (end > RX_DATASET_ITEM_COUNT) end = RX_DATASET_ITEM_COUNT;
    uint64_t r[8];
    uint64_t i = start_item;
    if (cache->jit_items8) {
        // Eight at a time, then the rest one by one; the stores are non-temporal, so fence them
        // before another thread (a VM) may read the dataset.
        for (; i + 8 <= end; i += 8, out += 8 * 64) cache->jit_items8(cache->memory, i, out);
        rx_store_fence();
    }
    if (cache->jit_item) {
        for (; i < end; i++, out += 64) {
            cache->jit_item(cache->memory, i, r);
            rx_store_item(out, r);
        }
    } else {
        for (; i < end; i++, out += 64) {
            rx_dataset_item_interpreted(cache, i, r);
            rx_store_item(out, r);
        }
    }
}
