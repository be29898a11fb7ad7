#ifndef RX_ARGON2_H
#define RX_ARGON2_H
// Argon2d memory fill (Argon2 v1.3, RFC 9106) as RandomX uses it for the cache: the filled block
// array is the output, the finaliser is skipped. Parameters are the spec's Table 1.2.1 defaults.
#include <stddef.h>
#include <stdint.h>

#define RX_ARGON_MEMORY 262144u /* 1 KiB blocks */
#define RX_ARGON_ITERATIONS 3u
#define RX_ARGON_LANES 1u
#define RX_ARGON_SALT "RandomX\x03"
#define RX_ARGON_SALT_SIZE 8u
#define RX_ARGON_SYNC_POINTS 4u
#define RX_ARGON_VERSION 0x13u
#define RX_ARGON_BLOCK_WORDS 128u
#define RX_ARGON_SEGMENT_LENGTH (RX_ARGON_MEMORY / (RX_ARGON_LANES * RX_ARGON_SYNC_POINTS))
#define RX_ARGON_LANE_LENGTH (RX_ARGON_SEGMENT_LENGTH * RX_ARGON_SYNC_POINTS)

typedef enum rx_argon2_impl {
    RX_ARGON2_AUTO = -1,
    RX_ARGON2_REF = 0,
    RX_ARGON2_SSSE3 = 1,
    RX_ARGON2_AVX2 = 2,
    RX_ARGON2_AVX512 = 3,
} rx_argon2_impl;

/// Fills `memory` (RX_ARGON_MEMORY KiB, 64-byte aligned) from `key`. RX_ARGON2_AUTO picks the best
/// variant this CPU runs; a variant the CPU lacks falls back to the best it has.
void rx_argon2d_fill_cache(void *memory, const void *key, size_t key_size, rx_argon2_impl impl);
/// The best variant this CPU (and its OS) can run.
rx_argon2_impl rx_argon2_best_impl(void);
/// Whether `impl` can run here.
int rx_argon2_impl_supported(rx_argon2_impl impl);

// The per-variant pass loops (defined in the argon2d*.c files through RX_ARGON2_DEFINE_FILL).
// The first two blocks of each lane must already be in `memory`.
void rx_argon2_fill_ref(uint64_t *memory);
void rx_argon2_fill_ssse3(uint64_t *memory);
void rx_argon2_fill_avx2(uint64_t *memory);
void rx_argon2_fill_avx512(uint64_t *memory);

// Argon2's reference-block choice (RFC 9106 section 3.4.1.2), lanes > 1 included for completeness.
static inline uint32_t rx_argon2_ref_index(uint32_t pass, uint32_t slice, uint32_t index,
                                           uint32_t j1, int same_lane) {
    uint32_t area;
    if (pass == 0) {
        if (slice == 0) area = index - 1;
        else if (same_lane) area = slice * RX_ARGON_SEGMENT_LENGTH + index - 1;
        else area = slice * RX_ARGON_SEGMENT_LENGTH - (index == 0 ? 1 : 0);
    } else {
        if (same_lane) area = RX_ARGON_LANE_LENGTH - RX_ARGON_SEGMENT_LENGTH + index - 1;
        else area = RX_ARGON_LANE_LENGTH - RX_ARGON_SEGMENT_LENGTH - (index == 0 ? 1 : 0);
    }
    uint64_t x = ((uint64_t)j1 * j1) >> 32;
    uint64_t rel = area - 1 - (((uint64_t)area * x) >> 32);
    uint32_t start = 0;
    if (pass != 0 && slice != RX_ARGON_SYNC_POINTS - 1) start = (slice + 1) * RX_ARGON_SEGMENT_LENGTH;
    return (uint32_t)((start + rel) % RX_ARGON_LANE_LENGTH);
}

// One pass loop per variant. FILL_BLOCK(prev, ref, next, with_xor) computes
// next = G(prev ^ ref) (^ next when with_xor) for 128-word blocks; ATTR carries the variant's
// target attribute so that FILL_BLOCK inlines into the loop.
#define RX_ARGON2_DEFINE_FILL(NAME, ATTR, FILL_BLOCK)                                               \
    ATTR void NAME(uint64_t *memory) {                                                              \
        for (uint32_t pass = 0; pass < RX_ARGON_ITERATIONS; pass++) {                               \
            for (uint32_t slice = 0; slice < RX_ARGON_SYNC_POINTS; slice++) {                       \
                for (uint32_t lane = 0; lane < RX_ARGON_LANES; lane++) {                            \
                    uint32_t first = (pass == 0 && slice == 0) ? 2 : 0;                             \
                    uint32_t cur = lane * RX_ARGON_LANE_LENGTH + slice * RX_ARGON_SEGMENT_LENGTH +  \
                                   first;                                                           \
                    for (uint32_t i = first; i < RX_ARGON_SEGMENT_LENGTH; i++, cur++) {             \
                        /* The block before a lane's first block is that lane's last one. */        \
                        uint32_t prev = (cur % RX_ARGON_LANE_LENGTH == 0)                           \
                                            ? cur + RX_ARGON_LANE_LENGTH - 1                        \
                                            : cur - 1;                                              \
                        const uint64_t *pb = memory + (size_t)prev * RX_ARGON_BLOCK_WORDS;          \
                        uint64_t rnd = pb[0];                                                       \
                        uint32_t ref_lane = (uint32_t)((rnd >> 32) % RX_ARGON_LANES);               \
                        if (pass == 0 && slice == 0) ref_lane = lane;                               \
                        uint32_t ref = rx_argon2_ref_index(pass, slice, i, (uint32_t)rnd,           \
                                                           ref_lane == lane);                       \
                        const uint64_t *rb = memory + ((size_t)ref_lane * RX_ARGON_LANE_LENGTH +    \
                                                       ref) * RX_ARGON_BLOCK_WORDS;                 \
                        uint64_t *nb = memory + (size_t)cur * RX_ARGON_BLOCK_WORDS;                 \
                        FILL_BLOCK(pb, rb, nb, pass != 0);                                          \
                    }                                                                               \
                }                                                                                   \
            }                                                                                       \
        }                                                                                           \
    }

#endif
