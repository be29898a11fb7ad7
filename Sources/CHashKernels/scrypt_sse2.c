// scrypt (N = 1024, r = 1, p = 1) with SSE2, several hashes per call. See scrypt_generic.c for the
// algorithm and scrypt_avx2.c for the layout, which this kernel shares at half the width: Percival's
// diagonal Salsa layout (crypto_scrypt-sse.c), one hash per xmm register, several hashes' chains
// interleaved so that the dependent steps of a half-round overlap. SSE2 is part of x86-64, so this
// is the floor every x86-64 host can run.
#include "CHashKernels.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <string.h>

#define SCRYPT_SSE2_TARGET __attribute__((target("sse2")))
#define SCRYPT_SSE2_INLINE static inline __attribute__((always_inline, target("sse2")))

// Litecoin's scrypt parameters (src/crypto/scrypt.cpp in Litecoin Core).
#define SCRYPT_SSE2_N 1024u
// Interleaved Salsa chains, one hash each: a half-round is 4 dependent steps of ~4 cycles.
// pooler's scrypt_core_3way uses 3; on Zen 4 (kH/s, one thread) 3 chains gave 12.1, 4 gave 12.4,
// 5 gave 12.3 and 6 gave 12.1.
#define SCRYPT_SSE2_CHAINS 4
// Hashes whose 128 KiB tables are live at once: 512 KiB, well inside L2.
#define SCRYPT_SSE2_GROUP SCRYPT_SSE2_CHAINS
// Hashes per call: one group, which is also one 4-wide PBKDF2 pass.
#define SCRYPT_SSE2_LANES 4

uint32_t rig_scrypt_preferred_lanes_sse2(void) { return SCRYPT_SSE2_LANES; }

// MARK: 4-way PBKDF2-HMAC-SHA256, one hash per 32-bit element

#define PBKDF2_LANES 4
#define PBKDF2_TARGET SCRYPT_SSE2_TARGET
#include "scrypt_pbkdf2_lanes.h"

// MARK: ROMix, one hash per xmm, SCRYPT_SSE2_CHAINS chains

#define SCRYPT_SSE2_ROTL(x, n) _mm_or_si128(_mm_slli_epi32((x), (n)), _mm_srli_epi32((x), 32 - (n)))
// One Salsa step: x ^= (y + z) <<< n.
#define SCRYPT_SSE2_STEP(x, y, z, n) _mm_xor_si128((x), SCRYPT_SSE2_ROTL(_mm_add_epi32((y), (z)), (n)))
#define SCRYPT_SSE2_EACH _Pragma("GCC unroll 8") for (int c = 0; c < SCRYPT_SSE2_CHAINS; c++)

// For every chain: x = s[dst] ^ s[src]; s[dst] = x + Salsa20/8(x), on the diagonal layout.
// The state stays in memory between Salsa calls and only the 4 working rows per chain live in
// registers: with all 8 rows per chain in registers the compiler spilled inside the rounds, and
// the kernel ran at 7 kH/s instead of 12 on Zen 4.
SCRYPT_SSE2_INLINE void scrypt_sse2_salsa_xor(__m128i (*s)[8], int dst, int src) {
    __m128i x0[SCRYPT_SSE2_CHAINS], x1[SCRYPT_SSE2_CHAINS], x2[SCRYPT_SSE2_CHAINS],
        x3[SCRYPT_SSE2_CHAINS];
    SCRYPT_SSE2_EACH {
        s[c][dst + 0] = x0[c] = _mm_xor_si128(s[c][dst + 0], s[c][src + 0]);
        s[c][dst + 1] = x1[c] = _mm_xor_si128(s[c][dst + 1], s[c][src + 1]);
        s[c][dst + 2] = x2[c] = _mm_xor_si128(s[c][dst + 2], s[c][src + 2]);
        s[c][dst + 3] = x3[c] = _mm_xor_si128(s[c][dst + 3], s[c][src + 3]);
    }
    for (int round = 0; round < 8; round += 2) {
        // Columns.
        SCRYPT_SSE2_EACH x1[c] = SCRYPT_SSE2_STEP(x1[c], x0[c], x3[c], 7);
        SCRYPT_SSE2_EACH x2[c] = SCRYPT_SSE2_STEP(x2[c], x1[c], x0[c], 9);
        SCRYPT_SSE2_EACH x3[c] = SCRYPT_SSE2_STEP(x3[c], x2[c], x1[c], 13);
        SCRYPT_SSE2_EACH x0[c] = SCRYPT_SSE2_STEP(x0[c], x3[c], x2[c], 18);
        SCRYPT_SSE2_EACH {
            x1[c] = _mm_shuffle_epi32(x1[c], 0x93);
            x2[c] = _mm_shuffle_epi32(x2[c], 0x4e);
            x3[c] = _mm_shuffle_epi32(x3[c], 0x39);
        }
        // Rows.
        SCRYPT_SSE2_EACH x3[c] = SCRYPT_SSE2_STEP(x3[c], x0[c], x1[c], 7);
        SCRYPT_SSE2_EACH x2[c] = SCRYPT_SSE2_STEP(x2[c], x3[c], x0[c], 9);
        SCRYPT_SSE2_EACH x1[c] = SCRYPT_SSE2_STEP(x1[c], x2[c], x3[c], 13);
        SCRYPT_SSE2_EACH x0[c] = SCRYPT_SSE2_STEP(x0[c], x1[c], x2[c], 18);
        SCRYPT_SSE2_EACH {
            x1[c] = _mm_shuffle_epi32(x1[c], 0x39);
            x2[c] = _mm_shuffle_epi32(x2[c], 0x4e);
            x3[c] = _mm_shuffle_epi32(x3[c], 0x93);
        }
    }
    SCRYPT_SSE2_EACH {
        s[c][dst + 0] = _mm_add_epi32(s[c][dst + 0], x0[c]);
        s[c][dst + 1] = _mm_add_epi32(s[c][dst + 1], x1[c]);
        s[c][dst + 2] = _mm_add_epi32(s[c][dst + 2], x2[c]);
        s[c][dst + 3] = _mm_add_epi32(s[c][dst + 3], x3[c]);
    }
}

// BlockMix with r = 1 on rows (a, b) = (0..<4, 4..<8): a = Salsa(a ^ b), b = Salsa(b ^ a).
SCRYPT_SSE2_INLINE void scrypt_sse2_blockmix(__m128i (*s)[8]) {
    scrypt_sse2_salsa_xor(s, 0, 4);
    scrypt_sse2_salsa_xor(s, 4, 0);
}

// ROMix for one group. `s` holds chain c's 8 rows (4 of block A, 4 of block B), one hash per
// chain. The table is N rows of CHAINS × 8 xmm: row i is the whole state after i BlockMix steps.
static __attribute__((noinline)) SCRYPT_SSE2_TARGET void scrypt_sse2_romix(__m128i (*s)[8], __m128i *table) {
    const size_t row = SCRYPT_SSE2_CHAINS * 8;
    for (uint32_t i = 0; i < SCRYPT_SSE2_N; i++) {
        __m128i *v = table + i * row;
        SCRYPT_SSE2_EACH for (int k = 0; k < 8; k++) _mm_store_si128(v + c * 8 + k, s[c][k]);
        scrypt_sse2_blockmix(s);
    }
    for (uint32_t i = 0; i < SCRYPT_SSE2_N; i++) {
        SCRYPT_SSE2_EACH {
            // Integerify: word 16, which is element 0 of row 0 of block B.
            uint32_t j = (uint32_t)_mm_cvtsi128_si32(s[c][4]) & (SCRYPT_SSE2_N - 1);
            const __m128i *v = table + j * row + c * 8;
            for (int k = 0; k < 8; k++) s[c][k] = _mm_xor_si128(s[c][k], _mm_load_si128(v + k));
        }
        scrypt_sse2_blockmix(s);
    }
}

// Mixes hashes x[0..<GROUP] (natural word order) in place.
static SCRYPT_SSE2_TARGET void scrypt_sse2_mix_group(uint32_t x[][32], void *table) {
    uint32_t rows[SCRYPT_SSE2_CHAINS][32] __attribute__((aligned(16)));
    for (int c = 0; c < SCRYPT_SSE2_CHAINS; c++)
        for (int i = 0; i < 32; i++) {
            // Diagonal layout: slot i of a 16-word block holds word 5i mod 16.
            rows[c][i] = x[c][(i & 16) | ((i & 15) * 5 % 16)];
        }
    scrypt_sse2_romix((__m128i(*)[8])rows, (__m128i *)table);
    for (int c = 0; c < SCRYPT_SSE2_CHAINS; c++)
        for (int i = 0; i < 32; i++) x[c][(i & 16) | ((i & 15) * 5 % 16)] = rows[c][i];
}

// Hashes `count` inputs, a multiple of GROUP no larger than LANES.
static SCRYPT_SSE2_TARGET void scrypt_sse2_batch(const uint8_t *inputs, uint8_t *outputs,
                                                 uint32_t count, void *table) {
    uint32_t x[SCRYPT_SSE2_LANES][32];
    pbkdf2_hmac keys[(SCRYPT_SSE2_LANES + 3) / 4];
    for (uint32_t p = 0; p * 4 < count; p++) {
        uint32_t n = count - p * 4 < 4 ? count - p * 4 : 4;
        pbkdf2_vec hdr[20];
        pbkdf2_load_headers(hdr, inputs + (size_t)p * 4 * 80, n);
        pbkdf2_in(hdr, &keys[p], x + p * 4, n);
    }
    for (uint32_t g = 0; g < count; g += SCRYPT_SSE2_GROUP) scrypt_sse2_mix_group(x + g, table);
    for (uint32_t p = 0; p * 4 < count; p++) {
        uint32_t n = count - p * 4 < 4 ? count - p * 4 : 4;
        pbkdf2_out(&keys[p], x + p * 4, outputs + (size_t)p * 4 * 32, n);
    }
}

void rig_scrypt_sse2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    // Whole groups go through the vector code, at most LANES at a time (the table needs only one
    // group's worth of scratch); a remainder smaller than a group uses the portable kernel.
    uint32_t done = 0;
    while (lanes - done >= SCRYPT_SSE2_GROUP) {
        uint32_t count = lanes - done;
        if (count > SCRYPT_SSE2_LANES) count = SCRYPT_SSE2_LANES;
        count -= count % SCRYPT_SSE2_GROUP;
        scrypt_sse2_batch(inputs + (size_t)done * 80, outputs + (size_t)done * 32, count, scratch);
        done += count;
    }
    if (done < lanes)
        rig_scrypt_generic(inputs + (size_t)done * 80, outputs + (size_t)done * 32, lanes - done, scratch);
}

#else

uint32_t rig_scrypt_preferred_lanes_sse2(void) { return rig_scrypt_preferred_lanes_generic(); }

void rig_scrypt_sse2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    rig_scrypt_generic(inputs, outputs, lanes, scratch);
}

#endif
