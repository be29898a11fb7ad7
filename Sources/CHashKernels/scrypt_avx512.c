// scrypt (N = 1024, r = 1, p = 1) with AVX-512 F/VL/BW, several hashes per call. See
// scrypt_generic.c for the algorithm and scrypt_avx2.c for the layout, which this kernel shares:
// Percival's diagonal Salsa layout, one hash per 128-bit lane, several register chains interleaved.
//
// AVX-512 adds vprold, so a Salsa step (add, rotate, xor) is 3 instructions instead of AVX2's 5 and
// a double round of one register is 30 operations instead of 46, and zmm registers carry four
// hashes each. Zen 4 splits a 512-bit operation into two 256-bit halves, so there zmm buys fewer
// instructions rather than more throughput; cores with full-width AVX-512 units gain both.
#include "CHashKernels.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <string.h>

#define SCRYPT_AVX512_TARGET __attribute__((target("avx512f,avx512vl,avx512bw")))
#define SCRYPT_AVX512_INLINE static inline __attribute__((always_inline, target("avx512f,avx512vl,avx512bw")))

// Litecoin's scrypt parameters (src/crypto/scrypt.cpp in Litecoin Core).
#define SCRYPT_AVX512_N 1024u

// Interleaved chains of zmm registers, 4 hashes each. A half-round is 4 dependent add/rotate/xor
// steps; on Zen 4 (double-pumped zmm) 3 chains leave the ports idle part of the time and 4 fill
// them. Measured on a Zen 4 EPYC (kH/s, one thread, before the table layout below): 2 chains 29.4,
// 3 chains 33.0, 4 chains 34.0, and 4 ymm chains (2 hashes each) 33.5.
#define SCRYPT_AVX512_CHAINS 4
// Hashes mixed at once: 16 × 128 KiB = 2 MiB of tables, which overflows Zen 4's 1 MiB L2. Smaller
// groups that fit (3 ymm chains, 768 KiB) lost more to Salsa latency than they won in cache hits,
// and running half the chains half a BlockMix behind the others, to overlap the Integerify → load
// → xor latency of ROMix's second loop, measured no faster.
#define SCRYPT_AVX512_GROUP (4 * SCRYPT_AVX512_CHAINS)
// Hashes per call: one group, which is also one 16-wide PBKDF2 pass.
#define SCRYPT_AVX512_LANES 16

typedef __m512i scrypt_avx512_vec;
#define SV_ADD _mm512_add_epi32
#define SV_XOR _mm512_xor_si512
#define SV_ROL _mm512_rol_epi32
#define SV_SHUF(x, i) _mm512_shuffle_epi32((x), (_MM_PERM_ENUM)(i))
#define SV_LOAD _mm512_load_si512
#define SV_STORE _mm512_store_si512
// One Salsa step: x ^= (y + z) <<< n.
#define SV_STEP(x, y, z, n) SV_XOR((x), SV_ROL(SV_ADD((y), (z)), (n)))

uint32_t rig_scrypt_preferred_lanes_avx512(void) { return SCRYPT_AVX512_LANES; }

// MARK: 16-way PBKDF2-HMAC-SHA256, one hash per 32-bit element

#define PBKDF2_LANES 16
#define PBKDF2_TARGET SCRYPT_AVX512_TARGET
#include "scrypt_pbkdf2_lanes.h"

// MARK: ROMix, four hashes per zmm, SCRYPT_AVX512_CHAINS chains

#define SCRYPT_AVX512_EACH _Pragma("GCC unroll 8") for (int c = 0; c < SCRYPT_AVX512_CHAINS; c++)

// x = x + Salsa20/8(x) for every chain, blocks in the diagonal layout.
SCRYPT_AVX512_INLINE void scrypt_avx512_salsa(scrypt_avx512_vec x[][4]) {
    scrypt_avx512_vec x0[SCRYPT_AVX512_CHAINS], x1[SCRYPT_AVX512_CHAINS], x2[SCRYPT_AVX512_CHAINS],
        x3[SCRYPT_AVX512_CHAINS];
    SCRYPT_AVX512_EACH {
        x0[c] = x[c][0];
        x1[c] = x[c][1];
        x2[c] = x[c][2];
        x3[c] = x[c][3];
    }
    for (int round = 0; round < 8; round += 2) {
        // Columns.
        SCRYPT_AVX512_EACH x1[c] = SV_STEP(x1[c], x0[c], x3[c], 7);
        SCRYPT_AVX512_EACH x2[c] = SV_STEP(x2[c], x1[c], x0[c], 9);
        SCRYPT_AVX512_EACH x3[c] = SV_STEP(x3[c], x2[c], x1[c], 13);
        SCRYPT_AVX512_EACH x0[c] = SV_STEP(x0[c], x3[c], x2[c], 18);
        SCRYPT_AVX512_EACH {
            x1[c] = SV_SHUF(x1[c], 0x93);
            x2[c] = SV_SHUF(x2[c], 0x4e);
            x3[c] = SV_SHUF(x3[c], 0x39);
        }
        // Rows.
        SCRYPT_AVX512_EACH x3[c] = SV_STEP(x3[c], x0[c], x1[c], 7);
        SCRYPT_AVX512_EACH x2[c] = SV_STEP(x2[c], x3[c], x0[c], 9);
        SCRYPT_AVX512_EACH x1[c] = SV_STEP(x1[c], x2[c], x3[c], 13);
        SCRYPT_AVX512_EACH x0[c] = SV_STEP(x0[c], x1[c], x2[c], 18);
        SCRYPT_AVX512_EACH {
            x1[c] = SV_SHUF(x1[c], 0x39);
            x2[c] = SV_SHUF(x2[c], 0x4e);
            x3[c] = SV_SHUF(x3[c], 0x93);
        }
    }
    SCRYPT_AVX512_EACH {
        x[c][0] = SV_ADD(x[c][0], x0[c]);
        x[c][1] = SV_ADD(x[c][1], x1[c]);
        x[c][2] = SV_ADD(x[c][2], x2[c]);
        x[c][3] = SV_ADD(x[c][3], x3[c]);
    }
}

// BlockMix with r = 1 on (a, b): a = Salsa(a ^ b), b = Salsa(b ^ a).
SCRYPT_AVX512_INLINE void scrypt_avx512_blockmix(scrypt_avx512_vec a[][4], scrypt_avx512_vec b[][4]) {
    SCRYPT_AVX512_EACH for (int k = 0; k < 4; k++) a[c][k] = SV_XOR(a[c][k], b[c][k]);
    scrypt_avx512_salsa(a);
    SCRYPT_AVX512_EACH for (int k = 0; k < 4; k++) b[c][k] = SV_XOR(b[c][k], a[c][k]);
    scrypt_avx512_salsa(b);
}

// ROMix for one group. `state` holds chain c's 8 rows (4 of block A, 4 of block B) for hashes
// 4c + h in 128-bit lane h.
//
// Table entry i holds each hash's 128-byte block contiguously, so a second-loop lookup touches 2
// cache lines. Storing the registers as they are would spread a hash over 8 lines (16 bytes in
// each); splitting them into 128-bit pieces on the way out and in costs 24 extract-stores and 24
// insert-loads per chain and step, and still measured 10% faster on Zen 4, whose L2 holds only
// half of the 2 MiB of tables.
static SCRYPT_AVX512_TARGET void scrypt_avx512_romix(scrypt_avx512_vec state[][8], void *table) {
    scrypt_avx512_vec a[SCRYPT_AVX512_CHAINS][4], b[SCRYPT_AVX512_CHAINS][4];
    SCRYPT_AVX512_EACH for (int k = 0; k < 4; k++) {
        a[c][k] = state[c][k];
        b[c][k] = state[c][4 + k];
    }
    uint8_t *base = (uint8_t *)table;
    const size_t entry = (size_t)SCRYPT_AVX512_GROUP * 128;
    for (uint32_t i = 0; i < SCRYPT_AVX512_N; i++) {
        uint8_t *v = base + i * entry;
        SCRYPT_AVX512_EACH for (int k = 0; k < 8; k++) {
            __m512i r = k < 4 ? a[c][k] : b[c][k - 4];
            uint8_t *p = v + (size_t)(4 * c) * 128 + 16 * k;
            _mm_store_si128((__m128i *)p, _mm512_castsi512_si128(r));
            _mm_store_si128((__m128i *)(p + 128), _mm512_extracti32x4_epi32(r, 1));
            _mm_store_si128((__m128i *)(p + 256), _mm512_extracti32x4_epi32(r, 2));
            _mm_store_si128((__m128i *)(p + 384), _mm512_extracti32x4_epi32(r, 3));
        }
        scrypt_avx512_blockmix(a, b);
    }
    for (uint32_t i = 0; i < SCRYPT_AVX512_N; i++) {
        SCRYPT_AVX512_EACH {
            // Integerify: word 16 of each hash, which is element 0 of row 0 of block B in the
            // hash's 128-bit lane.
            __m512i j = _mm512_and_si512(b[c][0], _mm512_set1_epi32(SCRYPT_AVX512_N - 1));
            const uint8_t *p0 = base + (uint32_t)_mm_cvtsi128_si32(_mm512_castsi512_si128(j)) * entry;
            const uint8_t *p1 = base + (uint32_t)_mm_cvtsi128_si32(_mm512_extracti32x4_epi32(j, 1)) * entry;
            const uint8_t *p2 = base + (uint32_t)_mm_cvtsi128_si32(_mm512_extracti32x4_epi32(j, 2)) * entry;
            const uint8_t *p3 = base + (uint32_t)_mm_cvtsi128_si32(_mm512_extracti32x4_epi32(j, 3)) * entry;
            p0 += (size_t)(4 * c) * 128;
            p1 += (size_t)(4 * c + 1) * 128;
            p2 += (size_t)(4 * c + 2) * 128;
            p3 += (size_t)(4 * c + 3) * 128;
            for (int k = 0; k < 8; k++) {
                __m512i t = _mm512_castsi128_si512(_mm_load_si128((const __m128i *)(p0 + 16 * k)));
                t = _mm512_inserti32x4(t, _mm_load_si128((const __m128i *)(p1 + 16 * k)), 1);
                t = _mm512_inserti32x4(t, _mm_load_si128((const __m128i *)(p2 + 16 * k)), 2);
                t = _mm512_inserti32x4(t, _mm_load_si128((const __m128i *)(p3 + 16 * k)), 3);
                if (k < 4) a[c][k] = SV_XOR(a[c][k], t);
                else b[c][k - 4] = SV_XOR(b[c][k - 4], t);
            }
        }
        scrypt_avx512_blockmix(a, b);
    }
    SCRYPT_AVX512_EACH for (int k = 0; k < 4; k++) {
        state[c][k] = a[c][k];
        state[c][4 + k] = b[c][k];
    }
}

// Mixes hashes x[0..<GROUP] (natural word order) in place.
static SCRYPT_AVX512_TARGET void scrypt_avx512_mix_group(uint32_t x[][32], void *table) {
    uint32_t rows[SCRYPT_AVX512_CHAINS][8][4 * 4] __attribute__((aligned(64)));
    for (int c = 0; c < SCRYPT_AVX512_CHAINS; c++)
        for (int h = 0; h < 4; h++)
            for (int i = 0; i < 32; i++) {
                // Diagonal layout: slot i of a 16-word block holds word 5i mod 16.
                int word = (i & 16) | ((i & 15) * 5 % 16);
                rows[c][i / 4][4 * h + i % 4] = x[4 * c + h][word];
            }
    scrypt_avx512_romix((scrypt_avx512_vec(*)[8])rows, table);
    for (int c = 0; c < SCRYPT_AVX512_CHAINS; c++)
        for (int h = 0; h < 4; h++)
            for (int i = 0; i < 32; i++) {
                int word = (i & 16) | ((i & 15) * 5 % 16);
                x[4 * c + h][word] = rows[c][i / 4][4 * h + i % 4];
            }
}

// Hashes `count` inputs, a multiple of GROUP no larger than LANES.
static SCRYPT_AVX512_TARGET void scrypt_avx512_batch(const uint8_t *inputs, uint8_t *outputs,
                                                     uint32_t count, void *table) {
    uint32_t x[SCRYPT_AVX512_LANES][32];
    pbkdf2_hmac keys[(SCRYPT_AVX512_LANES + 15) / 16];
    for (uint32_t p = 0; p * 16 < count; p++) {
        uint32_t n = count - p * 16 < 16 ? count - p * 16 : 16;
        pbkdf2_vec hdr[20];
        pbkdf2_load_headers(hdr, inputs + (size_t)p * 16 * 80, n);
        pbkdf2_in(hdr, &keys[p], x + p * 16, n);
    }
    for (uint32_t g = 0; g < count; g += SCRYPT_AVX512_GROUP) scrypt_avx512_mix_group(x + g, table);
    for (uint32_t p = 0; p * 16 < count; p++) {
        uint32_t n = count - p * 16 < 16 ? count - p * 16 : 16;
        pbkdf2_out(&keys[p], x + p * 16, outputs + (size_t)p * 16 * 32, n);
    }
}

void rig_scrypt_avx512(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    // Whole groups go through the vector code, at most LANES at a time (the table needs only one
    // group's worth of scratch); a remainder smaller than a group uses the portable kernel.
    uint32_t done = 0;
    while (lanes - done >= SCRYPT_AVX512_GROUP) {
        uint32_t count = lanes - done;
        if (count > SCRYPT_AVX512_LANES) count = SCRYPT_AVX512_LANES;
        count -= count % SCRYPT_AVX512_GROUP;
        scrypt_avx512_batch(inputs + (size_t)done * 80, outputs + (size_t)done * 32, count, scratch);
        done += count;
    }
    if (done < lanes)
        rig_scrypt_generic(inputs + (size_t)done * 80, outputs + (size_t)done * 32, lanes - done, scratch);
}

#else

uint32_t rig_scrypt_preferred_lanes_avx512(void) { return rig_scrypt_preferred_lanes_generic(); }

void rig_scrypt_avx512(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    rig_scrypt_generic(inputs, outputs, lanes, scratch);
}

#endif
