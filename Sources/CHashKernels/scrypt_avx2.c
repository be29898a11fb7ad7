// scrypt (N = 1024, r = 1, p = 1) with AVX2, several hashes per call. See scrypt_generic.c for the
// algorithm; this file only changes how the work is laid out.
//
// ROMix keeps each Salsa20/8 block in the "diagonal" layout of Colin Percival's SSE2 scrypt
// (crypto_scrypt-sse.c): word i of the permuted block is original word 5i mod 16, so the four
// quarter-rounds of a Salsa round are four vertical add/rotate/xor steps on 128-bit rows, with one
// pshufd per row between rounds. A ymm register holds the same row of two hashes (one per 128-bit
// half); SCRYPT_AVX2_CHAINS such registers are interleaved instruction by instruction so that the
// 4-step dependency chain of a half-round does not leave the vector ports idle. This is pooler's
// cpuminer "scrypt_core_6way" arrangement. The table stores the registers as they are, so a
// lookup in ROMix's second loop is two plain loads and a blend per row (each hash takes its own
// half), with no gathers or transposes. PBKDF2-HMAC-SHA256 runs transposed, one hash per 32-bit
// element of a ymm register.
#include "CHashKernels.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <string.h>

#define SCRYPT_AVX2_TARGET __attribute__((target("avx2")))
#define SCRYPT_AVX2_INLINE static inline __attribute__((always_inline, target("avx2")))

// Litecoin's scrypt parameters (src/crypto/scrypt.cpp in Litecoin Core).
#define SCRYPT_AVX2_N 1024u
// Interleaved Salsa chains: a half-round is 4 dependent steps of ~4 cycles, and 3 chains of 46 ops
// per double round keep the vector ports busy (pooler's choice). On Zen 4 (kH/s, one thread):
// 2 chains 18.9, 3 chains 24.0, 4 chains 22.9 (16 ymm registers start to spill).
#define SCRYPT_AVX2_CHAINS 3
// Hashes whose 128 KiB tables are live at once: 2 per ymm × chains = 768 KiB, inside a 1 MiB L2.
#define SCRYPT_AVX2_GROUP (2 * SCRYPT_AVX2_CHAINS)
// Hashes per call: four groups share three 8-wide PBKDF2 passes with no idle SHA lanes.
#define SCRYPT_AVX2_LANES 24

uint32_t rig_scrypt_preferred_lanes_avx2(void) { return SCRYPT_AVX2_LANES; }

// MARK: 8-way PBKDF2-HMAC-SHA256, one hash per 32-bit element

#define PBKDF2_LANES 8
#define PBKDF2_TARGET SCRYPT_AVX2_TARGET
#include "scrypt_pbkdf2_lanes.h"

// MARK: ROMix, two hashes per ymm, SCRYPT_AVX2_CHAINS ymm chains

#define SCRYPT_AVX2_ROTL(x, n) _mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
// One Salsa step: x ^= (y + z) <<< n.
#define SCRYPT_AVX2_STEP(x, y, z, n) _mm256_xor_si256((x), SCRYPT_AVX2_ROTL(_mm256_add_epi32((y), (z)), (n)))
#define SCRYPT_AVX2_EACH _Pragma("GCC unroll 8") for (int c = 0; c < SCRYPT_AVX2_CHAINS; c++)

// x = x + Salsa20/8(x) for every chain, blocks in the diagonal layout.
SCRYPT_AVX2_INLINE void scrypt_avx2_salsa(__m256i x[][4]) {
    __m256i x0[SCRYPT_AVX2_CHAINS], x1[SCRYPT_AVX2_CHAINS], x2[SCRYPT_AVX2_CHAINS],
        x3[SCRYPT_AVX2_CHAINS];
    SCRYPT_AVX2_EACH {
        x0[c] = x[c][0];
        x1[c] = x[c][1];
        x2[c] = x[c][2];
        x3[c] = x[c][3];
    }
    for (int round = 0; round < 8; round += 2) {
        // Columns.
        SCRYPT_AVX2_EACH x1[c] = SCRYPT_AVX2_STEP(x1[c], x0[c], x3[c], 7);
        SCRYPT_AVX2_EACH x2[c] = SCRYPT_AVX2_STEP(x2[c], x1[c], x0[c], 9);
        SCRYPT_AVX2_EACH x3[c] = SCRYPT_AVX2_STEP(x3[c], x2[c], x1[c], 13);
        SCRYPT_AVX2_EACH x0[c] = SCRYPT_AVX2_STEP(x0[c], x3[c], x2[c], 18);
        SCRYPT_AVX2_EACH {
            x1[c] = _mm256_shuffle_epi32(x1[c], 0x93);
            x2[c] = _mm256_shuffle_epi32(x2[c], 0x4e);
            x3[c] = _mm256_shuffle_epi32(x3[c], 0x39);
        }
        // Rows.
        SCRYPT_AVX2_EACH x3[c] = SCRYPT_AVX2_STEP(x3[c], x0[c], x1[c], 7);
        SCRYPT_AVX2_EACH x2[c] = SCRYPT_AVX2_STEP(x2[c], x3[c], x0[c], 9);
        SCRYPT_AVX2_EACH x1[c] = SCRYPT_AVX2_STEP(x1[c], x2[c], x3[c], 13);
        SCRYPT_AVX2_EACH x0[c] = SCRYPT_AVX2_STEP(x0[c], x1[c], x2[c], 18);
        SCRYPT_AVX2_EACH {
            x1[c] = _mm256_shuffle_epi32(x1[c], 0x39);
            x2[c] = _mm256_shuffle_epi32(x2[c], 0x4e);
            x3[c] = _mm256_shuffle_epi32(x3[c], 0x93);
        }
    }
    SCRYPT_AVX2_EACH {
        x[c][0] = _mm256_add_epi32(x[c][0], x0[c]);
        x[c][1] = _mm256_add_epi32(x[c][1], x1[c]);
        x[c][2] = _mm256_add_epi32(x[c][2], x2[c]);
        x[c][3] = _mm256_add_epi32(x[c][3], x3[c]);
    }
}

// BlockMix with r = 1 on (a, b): a = Salsa(a ^ b), b = Salsa(b ^ a).
SCRYPT_AVX2_INLINE void scrypt_avx2_blockmix(__m256i a[][4], __m256i b[][4]) {
    SCRYPT_AVX2_EACH for (int k = 0; k < 4; k++) a[c][k] = _mm256_xor_si256(a[c][k], b[c][k]);
    scrypt_avx2_salsa(a);
    SCRYPT_AVX2_EACH for (int k = 0; k < 4; k++) b[c][k] = _mm256_xor_si256(b[c][k], a[c][k]);
    scrypt_avx2_salsa(b);
}

// ROMix for one group. `state` holds chain c's 8 rows (4 of block A, 4 of block B) for hashes 2c
// (low half) and 2c + 1 (high half). The table is N rows of CHAINS × 8 ymm: row i stores every
// chain's state after i BlockMix steps exactly as it sits in the registers.
static SCRYPT_AVX2_TARGET void scrypt_avx2_romix(__m256i state[][8], __m256i *table) {
    __m256i a[SCRYPT_AVX2_CHAINS][4], b[SCRYPT_AVX2_CHAINS][4];
    SCRYPT_AVX2_EACH for (int k = 0; k < 4; k++) {
        a[c][k] = state[c][k];
        b[c][k] = state[c][4 + k];
    }
    const size_t row = SCRYPT_AVX2_CHAINS * 8;
    for (uint32_t i = 0; i < SCRYPT_AVX2_N; i++) {
        __m256i *v = table + i * row;
        SCRYPT_AVX2_EACH for (int k = 0; k < 4; k++) {
            _mm256_store_si256(v + c * 8 + k, a[c][k]);
            _mm256_store_si256(v + c * 8 + 4 + k, b[c][k]);
        }
        scrypt_avx2_blockmix(a, b);
    }
    for (uint32_t i = 0; i < SCRYPT_AVX2_N; i++) {
        SCRYPT_AVX2_EACH {
            // Integerify: word 16 of each hash, which is element 0 of row 0 of block B.
            uint32_t j0 = (uint32_t)_mm256_cvtsi256_si32(b[c][0]) & (SCRYPT_AVX2_N - 1);
            uint32_t j1 = (uint32_t)_mm256_extract_epi32(b[c][0], 4) & (SCRYPT_AVX2_N - 1);
            const __m256i *v0 = table + j0 * row + c * 8;
            const __m256i *v1 = table + j1 * row + c * 8;
            for (int k = 0; k < 4; k++) {
                a[c][k] = _mm256_xor_si256(
                    a[c][k], _mm256_blend_epi32(_mm256_load_si256(v0 + k), _mm256_load_si256(v1 + k), 0xf0));
                b[c][k] = _mm256_xor_si256(
                    b[c][k],
                    _mm256_blend_epi32(_mm256_load_si256(v0 + 4 + k), _mm256_load_si256(v1 + 4 + k), 0xf0));
            }
        }
        scrypt_avx2_blockmix(a, b);
    }
    SCRYPT_AVX2_EACH for (int k = 0; k < 4; k++) {
        state[c][k] = a[c][k];
        state[c][4 + k] = b[c][k];
    }
}

// Mixes hashes x[0..<GROUP] (natural word order) in place.
static SCRYPT_AVX2_TARGET void scrypt_avx2_mix_group(uint32_t x[][32], void *table) {
    uint32_t rows[SCRYPT_AVX2_CHAINS][8][8] __attribute__((aligned(32)));
    for (int c = 0; c < SCRYPT_AVX2_CHAINS; c++)
        for (int half = 0; half < 2; half++)
            for (int i = 0; i < 32; i++) {
                // Diagonal layout: slot i of a 16-word block holds word 5i mod 16.
                int word = (i & 16) | ((i & 15) * 5 % 16);
                rows[c][i / 4][4 * half + i % 4] = x[2 * c + half][word];
            }
    scrypt_avx2_romix((__m256i(*)[8])rows, (__m256i *)table);
    for (int c = 0; c < SCRYPT_AVX2_CHAINS; c++)
        for (int half = 0; half < 2; half++)
            for (int i = 0; i < 32; i++) {
                int word = (i & 16) | ((i & 15) * 5 % 16);
                x[2 * c + half][word] = rows[c][i / 4][4 * half + i % 4];
            }
}

// Hashes `count` inputs, a multiple of GROUP no larger than LANES.
static SCRYPT_AVX2_TARGET void scrypt_avx2_batch(const uint8_t *inputs, uint8_t *outputs,
                                                 uint32_t count, void *table) {
    uint32_t x[SCRYPT_AVX2_LANES][32];
    pbkdf2_hmac keys[(SCRYPT_AVX2_LANES + 7) / 8];
    for (uint32_t p = 0; p * 8 < count; p++) {
        uint32_t n = count - p * 8 < 8 ? count - p * 8 : 8;
        pbkdf2_vec hdr[20];
        pbkdf2_load_headers(hdr, inputs + (size_t)p * 8 * 80, n);
        pbkdf2_in(hdr, &keys[p], x + p * 8, n);
    }
    for (uint32_t g = 0; g < count; g += SCRYPT_AVX2_GROUP) scrypt_avx2_mix_group(x + g, table);
    for (uint32_t p = 0; p * 8 < count; p++) {
        uint32_t n = count - p * 8 < 8 ? count - p * 8 : 8;
        pbkdf2_out(&keys[p], x + p * 8, outputs + (size_t)p * 8 * 32, n);
    }
}

void rig_scrypt_avx2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    // Whole groups go through the vector code, at most LANES at a time (the table needs only one
    // group's worth of scratch); a remainder smaller than a group uses the portable kernel.
    uint32_t done = 0;
    while (lanes - done >= SCRYPT_AVX2_GROUP) {
        uint32_t count = lanes - done;
        if (count > SCRYPT_AVX2_LANES) count = SCRYPT_AVX2_LANES;
        count -= count % SCRYPT_AVX2_GROUP;
        scrypt_avx2_batch(inputs + (size_t)done * 80, outputs + (size_t)done * 32, count, scratch);
        done += count;
    }
    if (done < lanes)
        rig_scrypt_generic(inputs + (size_t)done * 80, outputs + (size_t)done * 32, lanes - done, scratch);
}

#else

uint32_t rig_scrypt_preferred_lanes_avx2(void) { return rig_scrypt_preferred_lanes_generic(); }

void rig_scrypt_avx2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    rig_scrypt_generic(inputs, outputs, lanes, scratch);
}

#endif
