#ifndef RIGTOP_CRANDOMX_H
#define RIGTOP_CRANDOMX_H
// rigtop's own RandomX: v1 (rx/0) and v2 (rx/2) with commitments, written from tevador/RandomX's
// doc/specs.md and doc/design_v2.md.
//
// The API mirrors librandomx's (randomx.h) function for function, with an `rtx_` prefix, so that the
// Swift face can drive either engine through one table of C function pointers and the tests can
// compare the two call for call. The flag values are librandomx's, RTX_FLAG_V2 included (RandomX
// 2.0's RANDOMX_FLAG_V2).
//
// Kernels only: nothing here allocates in the hash path, takes a lock or calls back into Swift.
// Thread rules are librandomx's: a VM belongs to one thread; a cache or dataset is shared read-only
// once initialised; rtx_init_dataset may run on disjoint item ranges from several threads at once.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    RTX_FLAG_DEFAULT = 0,
    RTX_FLAG_LARGE_PAGES = 1,
    RTX_FLAG_HARD_AES = 2,
    RTX_FLAG_FULL_MEM = 4,
    RTX_FLAG_JIT = 8,
    RTX_FLAG_SECURE = 16,
    RTX_FLAG_ARGON2_SSSE3 = 32,
    RTX_FLAG_ARGON2_AVX2 = 64,
    RTX_FLAG_ARGON2 = 96,
    RTX_FLAG_V2 = 128,
};

#define RTX_HASH_SIZE 32
#define RTX_DATASET_ITEM_SIZE 64

typedef struct rtx_cache rtx_cache;
typedef struct rtx_dataset rtx_dataset;
typedef struct rtx_vm rtx_vm;

/// The flags this CPU supports best (hard AES, JIT on x86-64, Argon2 SIMD level).
int rtx_get_flags(void);

/// A 256 MiB cache. NULL when the memory (or large pages, when asked for) is not available.
rtx_cache *rtx_alloc_cache(int flags);
/// Argon2d over `key` fills the cache; the SuperscalarHash programs are generated from `key`.
void rtx_init_cache(rtx_cache *cache, const void *key, size_t key_size);
void rtx_release_cache(rtx_cache *cache);
/// A pointer to the cache's 256 MiB of Argon2 memory (for tests that compare with librandomx).
void *rtx_get_cache_memory(rtx_cache *cache);
/// The page size backing the cache's memory in KiB: 1048576 or 2048 (huge pages), 4 (normal pages,
/// transparent huge pages requested); 0 for NULL.
int rtx_cache_page_size_kib(const rtx_cache *cache);

/// A 2080 MiB dataset (rtx_dataset_item_count() items of 64 bytes).
rtx_dataset *rtx_alloc_dataset(int flags);
unsigned long rtx_dataset_item_count(void);
/// Computes items start_item ..< start_item + item_count from the cache.
void rtx_init_dataset(rtx_dataset *dataset, rtx_cache *cache, unsigned long start_item,
                      unsigned long item_count);
void *rtx_get_dataset_memory(rtx_dataset *dataset);
void rtx_release_dataset(rtx_dataset *dataset);
/// The page size backing the dataset's memory in KiB, as rtx_cache_page_size_kib.
int rtx_dataset_page_size_kib(const rtx_dataset *dataset);
/// One 64-byte dataset item computed from the cache (light mode's read, and the tests' probe).
void rtx_dataset_item(const rtx_cache *cache, uint64_t item_number, void *out64);

/// A VM. RTX_FLAG_FULL_MEM reads `dataset`, otherwise items are computed from `cache`.
/// RTX_FLAG_V2 selects RandomX v2. RTX_FLAG_JIT compiles programs to x86-64 code (W^X pages).
rtx_vm *rtx_create_vm(int flags, rtx_cache *cache, rtx_dataset *dataset);
void rtx_vm_set_cache(rtx_vm *vm, rtx_cache *cache);
void rtx_vm_set_dataset(rtx_vm *vm, rtx_dataset *dataset);
void rtx_destroy_vm(rtx_vm *vm);

void rtx_calculate_hash(rtx_vm *vm, const void *input, size_t input_size, void *output);
void rtx_calculate_hash_first(rtx_vm *vm, const void *input, size_t input_size);
void rtx_calculate_hash_next(rtx_vm *vm, const void *next_input, size_t next_input_size,
                             void *output);
void rtx_calculate_hash_last(rtx_vm *vm, void *output);
/// RandomX v2's commitment: Blake2b-256(input || hash).
void rtx_calculate_commitment(const void *input, size_t input_size, const void *hash_in,
                              void *commitment_out);

/// Blake2b with a digest of `out_size` bytes (1...64), unkeyed. Exposed for tests.
void rtx_blake2b(void *out, size_t out_size, const void *in, size_t in_size);

// MARK: Test only (jit_differential.c): the differential fuzz target's core. It allocates on first
// use and is never called by the hash path.

/// Runs one program execution described by `data` through the JIT and through the interpreter from
/// the same state and compares registers, scratchpad and rounding mode bit for bit: 0 when they
/// agree, nonzero otherwise (rx_jit_differential_last_error says what differed).
int rx_jit_differential(const uint8_t *data, size_t size);
const char *rx_jit_differential_last_error(void);
/// Light-mode executions read dataset items from this cache (none: full mode only).
void rx_jit_differential_set_cache(rtx_cache *cache);
/// Whether rtx_init_dataset builds this cache's items eight at a time (AVX-512 SuperscalarHash).
int rtx_cache_builds_eight_items_at_once(const rtx_cache *cache);

// MARK: Test only (superscalar_differential.c): new SuperscalarHash programs from each input, eight
// items through the AVX-512 form and through the interpreter over the cache memory given here.

void rx_superscalar_differential_set_cache(rtx_cache *cache);
/// 0 when the eight items agree (or this CPU has no AVX-512 form), nonzero when one differs.
int rx_superscalar_differential(const uint8_t *data, size_t size);
const char *rx_superscalar_differential_last_error(void);

#ifdef __cplusplus
}
#endif
#endif
