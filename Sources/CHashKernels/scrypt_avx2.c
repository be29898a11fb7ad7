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

// MARK: 8-way SHA-256, one hash per 32-bit element

typedef uint32_t scrypt_avx2_u32x8 __attribute__((vector_size(32), aligned(32)));

static const uint32_t scrypt_avx2_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t scrypt_avx2_sha256_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

SCRYPT_AVX2_INLINE scrypt_avx2_u32x8 scrypt_avx2_rotr(scrypt_avx2_u32x8 x, int n) {
    return (x >> n) | (x << (32 - n));
}

// state = compress(state, block), message words big-endian as FIPS 180-4 reads them.
static SCRYPT_AVX2_TARGET void scrypt_avx2_sha256_compress(scrypt_avx2_u32x8 state[8],
                                                           const scrypt_avx2_u32x8 block[16]) {
    scrypt_avx2_u32x8 w[16];
    for (int i = 0; i < 16; i++) w[i] = block[i];
    scrypt_avx2_u32x8 a = state[0], b = state[1], c = state[2], d = state[3];
    scrypt_avx2_u32x8 e = state[4], f = state[5], g = state[6], h = state[7];
#pragma GCC unroll 64
    for (int t = 0; t < 64; t++) {
        if (t >= 16) {
            scrypt_avx2_u32x8 w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            scrypt_avx2_u32x8 s0 = scrypt_avx2_rotr(w15, 7) ^ scrypt_avx2_rotr(w15, 18) ^ (w15 >> 3);
            scrypt_avx2_u32x8 s1 = scrypt_avx2_rotr(w2, 17) ^ scrypt_avx2_rotr(w2, 19) ^ (w2 >> 10);
            w[t & 15] += s0 + w[(t - 7) & 15] + s1;
        }
        scrypt_avx2_u32x8 t1 = h + (scrypt_avx2_rotr(e, 6) ^ scrypt_avx2_rotr(e, 11) ^
                                    scrypt_avx2_rotr(e, 25)) +
                               (((f ^ g) & e) ^ g) + scrypt_avx2_sha256_k[t] + w[t & 15];
        scrypt_avx2_u32x8 t2 = (scrypt_avx2_rotr(a, 2) ^ scrypt_avx2_rotr(a, 13) ^
                                scrypt_avx2_rotr(a, 22)) +
                               ((a & b) | (c & (a | b)));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

SCRYPT_AVX2_INLINE scrypt_avx2_u32x8 scrypt_avx2_splat(uint32_t v) {
    return (scrypt_avx2_u32x8){v, v, v, v, v, v, v, v};
}

SCRYPT_AVX2_INLINE uint32_t scrypt_avx2_be32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}

// HMAC-SHA256 keyed with each hash's 80-byte header: the ipad/opad states (key = SHA-256 of the
// header, RFC 2104, since 80 > 64), reused by both PBKDF2 calls.
typedef struct {
    scrypt_avx2_u32x8 inner[8];
    scrypt_avx2_u32x8 outer[8];
} scrypt_avx2_hmac;

// Words 0..<20 of the header as big-endian message words, lane l from header min(l, count - 1).
static SCRYPT_AVX2_TARGET void scrypt_avx2_load_headers(scrypt_avx2_u32x8 words[20],
                                                        const uint8_t *inputs, uint32_t count) {
    uint32_t lanes[20][8] __attribute__((aligned(32)));
    for (uint32_t l = 0; l < 8; l++) {
        const uint8_t *header = inputs + (size_t)(l < count ? l : count - 1) * 80;
        for (int t = 0; t < 20; t++) lanes[t][l] = scrypt_avx2_be32(header + 4 * t);
    }
    memcpy(words, lanes, sizeof lanes);
}

// First PBKDF2: 128 bytes from (P = S = header), as 32 little-endian scrypt words per hash.
static SCRYPT_AVX2_TARGET void scrypt_avx2_pbkdf2_in(const scrypt_avx2_u32x8 hdr[20],
                                                     scrypt_avx2_hmac *key,
                                                     uint32_t x[][32], uint32_t count) {
    scrypt_avx2_u32x8 block[16], state[8], k[8];
    for (int i = 0; i < 8; i++) k[i] = scrypt_avx2_splat(scrypt_avx2_sha256_iv[i]);
    scrypt_avx2_sha256_compress(k, hdr);
    block[0] = hdr[16];
    block[1] = hdr[17];
    block[2] = hdr[18];
    block[3] = hdr[19];
    block[4] = scrypt_avx2_splat(0x80000000);
    for (int i = 5; i < 15; i++) block[i] = scrypt_avx2_splat(0);
    block[15] = scrypt_avx2_splat(80 * 8);
    scrypt_avx2_sha256_compress(k, block);

    for (int i = 0; i < 8; i++) {
        key->inner[i] = scrypt_avx2_splat(scrypt_avx2_sha256_iv[i]);
        key->outer[i] = key->inner[i];
        block[i] = k[i] ^ 0x36363636;
        block[8 + i] = scrypt_avx2_splat(0x36363636);
    }
    scrypt_avx2_sha256_compress(key->inner, block);
    for (int i = 0; i < 8; i++) {
        block[i] = k[i] ^ 0x5c5c5c5c;
        block[8 + i] = scrypt_avx2_splat(0x5c5c5c5c);
    }
    scrypt_avx2_sha256_compress(key->outer, block);

    // The inner hash is ipad || header || BE32(i): the ipad block and the first 64 header bytes
    // are shared by all four output blocks.
    scrypt_avx2_u32x8 salted[8];
    for (int i = 0; i < 8; i++) salted[i] = key->inner[i];
    scrypt_avx2_sha256_compress(salted, hdr);

    uint32_t words[32][8] __attribute__((aligned(32)));
    for (uint32_t n = 1; n <= 4; n++) {
        for (int i = 0; i < 8; i++) state[i] = salted[i];
        block[0] = hdr[16];
        block[1] = hdr[17];
        block[2] = hdr[18];
        block[3] = hdr[19];
        block[4] = scrypt_avx2_splat(n);
        block[5] = scrypt_avx2_splat(0x80000000);
        for (int i = 6; i < 15; i++) block[i] = scrypt_avx2_splat(0);
        block[15] = scrypt_avx2_splat((64 + 80 + 4) * 8);
        scrypt_avx2_sha256_compress(state, block);

        for (int i = 0; i < 8; i++) block[i] = state[i];
        block[8] = scrypt_avx2_splat(0x80000000);
        for (int i = 9; i < 15; i++) block[i] = scrypt_avx2_splat(0);
        block[15] = scrypt_avx2_splat((64 + 32) * 8);
        for (int i = 0; i < 8; i++) state[i] = key->outer[i];
        scrypt_avx2_sha256_compress(state, block);
        memcpy(words[8 * (n - 1)], state, sizeof state);
    }
    // Digest bytes are big-endian SHA words; scrypt reads them as little-endian words.
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) x[l][i] = __builtin_bswap32(words[i][l]);
}

// Second PBKDF2: 32 bytes from (P = header, S = the mixed block).
static SCRYPT_AVX2_TARGET void scrypt_avx2_pbkdf2_out(const scrypt_avx2_hmac *key,
                                                      const uint32_t x[][32], uint8_t *outputs,
                                                      uint32_t count) {
    uint32_t words[32][8] __attribute__((aligned(32))) = {{0}};
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) words[i][l] = __builtin_bswap32(x[l][i]);
    scrypt_avx2_u32x8 block[16], state[8];
    for (int i = 0; i < 8; i++) state[i] = key->inner[i];
    memcpy(block, words[0], sizeof block);
    scrypt_avx2_sha256_compress(state, block);
    memcpy(block, words[16], sizeof block);
    scrypt_avx2_sha256_compress(state, block);
    block[0] = scrypt_avx2_splat(1);
    block[1] = scrypt_avx2_splat(0x80000000);
    for (int i = 2; i < 15; i++) block[i] = scrypt_avx2_splat(0);
    block[15] = scrypt_avx2_splat((64 + 128 + 4) * 8);
    scrypt_avx2_sha256_compress(state, block);

    for (int i = 0; i < 8; i++) block[i] = state[i];
    block[8] = scrypt_avx2_splat(0x80000000);
    for (int i = 9; i < 15; i++) block[i] = scrypt_avx2_splat(0);
    block[15] = scrypt_avx2_splat((64 + 32) * 8);
    for (int i = 0; i < 8; i++) state[i] = key->outer[i];
    scrypt_avx2_sha256_compress(state, block);

    uint32_t digest[8][8] __attribute__((aligned(32)));
    memcpy(digest, state, sizeof digest);
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 8; i++) {
            uint32_t be = __builtin_bswap32(digest[i][l]);
            memcpy(outputs + (size_t)l * 32 + 4 * i, &be, 4);
        }
}

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
    scrypt_avx2_hmac keys[(SCRYPT_AVX2_LANES + 7) / 8];
    for (uint32_t p = 0; p * 8 < count; p++) {
        uint32_t n = count - p * 8 < 8 ? count - p * 8 : 8;
        scrypt_avx2_u32x8 hdr[20];
        scrypt_avx2_load_headers(hdr, inputs + (size_t)p * 8 * 80, n);
        scrypt_avx2_pbkdf2_in(hdr, &keys[p], x + p * 8, n);
    }
    for (uint32_t g = 0; g < count; g += SCRYPT_AVX2_GROUP) scrypt_avx2_mix_group(x + g, table);
    for (uint32_t p = 0; p * 8 < count; p++) {
        uint32_t n = count - p * 8 < 8 ? count - p * 8 : 8;
        scrypt_avx2_pbkdf2_out(&keys[p], x + p * 8, outputs + (size_t)p * 8 * 32, n);
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
