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

// MARK: 4-way SHA-256, one hash per 32-bit element

typedef uint32_t scrypt_sse2_u32x4 __attribute__((vector_size(16), aligned(16)));

static const uint32_t scrypt_sse2_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t scrypt_sse2_sha256_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

SCRYPT_SSE2_INLINE scrypt_sse2_u32x4 scrypt_sse2_rotr(scrypt_sse2_u32x4 x, int n) {
    return (x >> n) | (x << (32 - n));
}

// state = compress(state, block), message words big-endian as FIPS 180-4 reads them.
static SCRYPT_SSE2_TARGET void scrypt_sse2_sha256_compress(scrypt_sse2_u32x4 state[8],
                                                           const scrypt_sse2_u32x4 block[16]) {
    scrypt_sse2_u32x4 w[16];
    for (int i = 0; i < 16; i++) w[i] = block[i];
    scrypt_sse2_u32x4 a = state[0], b = state[1], c = state[2], d = state[3];
    scrypt_sse2_u32x4 e = state[4], f = state[5], g = state[6], h = state[7];
#pragma GCC unroll 64
    for (int t = 0; t < 64; t++) {
        if (t >= 16) {
            scrypt_sse2_u32x4 w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            scrypt_sse2_u32x4 s0 = scrypt_sse2_rotr(w15, 7) ^ scrypt_sse2_rotr(w15, 18) ^ (w15 >> 3);
            scrypt_sse2_u32x4 s1 = scrypt_sse2_rotr(w2, 17) ^ scrypt_sse2_rotr(w2, 19) ^ (w2 >> 10);
            w[t & 15] += s0 + w[(t - 7) & 15] + s1;
        }
        scrypt_sse2_u32x4 t1 = h + (scrypt_sse2_rotr(e, 6) ^ scrypt_sse2_rotr(e, 11) ^
                                    scrypt_sse2_rotr(e, 25)) +
                               (((f ^ g) & e) ^ g) + scrypt_sse2_sha256_k[t] + w[t & 15];
        scrypt_sse2_u32x4 t2 = (scrypt_sse2_rotr(a, 2) ^ scrypt_sse2_rotr(a, 13) ^
                                scrypt_sse2_rotr(a, 22)) +
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

SCRYPT_SSE2_INLINE scrypt_sse2_u32x4 scrypt_sse2_splat(uint32_t v) {
    return (scrypt_sse2_u32x4){v, v, v, v};
}

SCRYPT_SSE2_INLINE uint32_t scrypt_sse2_be32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}

// HMAC-SHA256 keyed with each hash's 80-byte header: the ipad/opad states (key = SHA-256 of the
// header, RFC 2104, since 80 > 64), reused by both PBKDF2 calls.
typedef struct {
    scrypt_sse2_u32x4 inner[8];
    scrypt_sse2_u32x4 outer[8];
} scrypt_sse2_hmac;

// Words 0..<20 of the header as big-endian message words, lane l from header min(l, count - 1).
static SCRYPT_SSE2_TARGET void scrypt_sse2_load_headers(scrypt_sse2_u32x4 words[20],
                                                        const uint8_t *inputs, uint32_t count) {
    uint32_t lanes[20][4] __attribute__((aligned(16)));
    for (uint32_t l = 0; l < 4; l++) {
        const uint8_t *header = inputs + (size_t)(l < count ? l : count - 1) * 80;
        for (int t = 0; t < 20; t++) lanes[t][l] = scrypt_sse2_be32(header + 4 * t);
    }
    memcpy(words, lanes, sizeof lanes);
}

// First PBKDF2: 128 bytes from (P = S = header), as 32 little-endian scrypt words per hash.
static SCRYPT_SSE2_TARGET void scrypt_sse2_pbkdf2_in(const scrypt_sse2_u32x4 hdr[20],
                                                     scrypt_sse2_hmac *key,
                                                     uint32_t x[][32], uint32_t count) {
    scrypt_sse2_u32x4 block[16], state[8], k[8];
    for (int i = 0; i < 8; i++) k[i] = scrypt_sse2_splat(scrypt_sse2_sha256_iv[i]);
    scrypt_sse2_sha256_compress(k, hdr);
    block[0] = hdr[16];
    block[1] = hdr[17];
    block[2] = hdr[18];
    block[3] = hdr[19];
    block[4] = scrypt_sse2_splat(0x80000000);
    for (int i = 5; i < 15; i++) block[i] = scrypt_sse2_splat(0);
    block[15] = scrypt_sse2_splat(80 * 8);
    scrypt_sse2_sha256_compress(k, block);

    for (int i = 0; i < 8; i++) {
        key->inner[i] = scrypt_sse2_splat(scrypt_sse2_sha256_iv[i]);
        key->outer[i] = key->inner[i];
        block[i] = k[i] ^ 0x36363636;
        block[8 + i] = scrypt_sse2_splat(0x36363636);
    }
    scrypt_sse2_sha256_compress(key->inner, block);
    for (int i = 0; i < 8; i++) {
        block[i] = k[i] ^ 0x5c5c5c5c;
        block[8 + i] = scrypt_sse2_splat(0x5c5c5c5c);
    }
    scrypt_sse2_sha256_compress(key->outer, block);

    // The inner hash is ipad || header || BE32(i): the ipad block and the first 64 header bytes
    // are shared by all four output blocks.
    scrypt_sse2_u32x4 salted[8];
    for (int i = 0; i < 8; i++) salted[i] = key->inner[i];
    scrypt_sse2_sha256_compress(salted, hdr);

    uint32_t words[32][4] __attribute__((aligned(16)));
    for (uint32_t n = 1; n <= 4; n++) {
        for (int i = 0; i < 8; i++) state[i] = salted[i];
        block[0] = hdr[16];
        block[1] = hdr[17];
        block[2] = hdr[18];
        block[3] = hdr[19];
        block[4] = scrypt_sse2_splat(n);
        block[5] = scrypt_sse2_splat(0x80000000);
        for (int i = 6; i < 15; i++) block[i] = scrypt_sse2_splat(0);
        block[15] = scrypt_sse2_splat((64 + 80 + 4) * 8);
        scrypt_sse2_sha256_compress(state, block);

        for (int i = 0; i < 8; i++) block[i] = state[i];
        block[8] = scrypt_sse2_splat(0x80000000);
        for (int i = 9; i < 15; i++) block[i] = scrypt_sse2_splat(0);
        block[15] = scrypt_sse2_splat((64 + 32) * 8);
        for (int i = 0; i < 8; i++) state[i] = key->outer[i];
        scrypt_sse2_sha256_compress(state, block);
        memcpy(words[8 * (n - 1)], state, sizeof state);
    }
    // Digest bytes are big-endian SHA words; scrypt reads them as little-endian words.
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) x[l][i] = __builtin_bswap32(words[i][l]);
}

// Second PBKDF2: 32 bytes from (P = header, S = the mixed block).
static SCRYPT_SSE2_TARGET void scrypt_sse2_pbkdf2_out(const scrypt_sse2_hmac *key,
                                                      const uint32_t x[][32], uint8_t *outputs,
                                                      uint32_t count) {
    uint32_t words[32][4] __attribute__((aligned(16))) = {{0}};
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) words[i][l] = __builtin_bswap32(x[l][i]);
    scrypt_sse2_u32x4 block[16], state[8];
    for (int i = 0; i < 8; i++) state[i] = key->inner[i];
    memcpy(block, words[0], sizeof block);
    scrypt_sse2_sha256_compress(state, block);
    memcpy(block, words[16], sizeof block);
    scrypt_sse2_sha256_compress(state, block);
    block[0] = scrypt_sse2_splat(1);
    block[1] = scrypt_sse2_splat(0x80000000);
    for (int i = 2; i < 15; i++) block[i] = scrypt_sse2_splat(0);
    block[15] = scrypt_sse2_splat((64 + 128 + 4) * 8);
    scrypt_sse2_sha256_compress(state, block);

    for (int i = 0; i < 8; i++) block[i] = state[i];
    block[8] = scrypt_sse2_splat(0x80000000);
    for (int i = 9; i < 15; i++) block[i] = scrypt_sse2_splat(0);
    block[15] = scrypt_sse2_splat((64 + 32) * 8);
    for (int i = 0; i < 8; i++) state[i] = key->outer[i];
    scrypt_sse2_sha256_compress(state, block);

    uint32_t digest[8][4] __attribute__((aligned(16)));
    memcpy(digest, state, sizeof digest);
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 8; i++) {
            uint32_t be = __builtin_bswap32(digest[i][l]);
            memcpy(outputs + (size_t)l * 32 + 4 * i, &be, 4);
        }
}

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
    scrypt_sse2_hmac keys[(SCRYPT_SSE2_LANES + 3) / 4];
    for (uint32_t p = 0; p * 4 < count; p++) {
        uint32_t n = count - p * 4 < 4 ? count - p * 4 : 4;
        scrypt_sse2_u32x4 hdr[20];
        scrypt_sse2_load_headers(hdr, inputs + (size_t)p * 4 * 80, n);
        scrypt_sse2_pbkdf2_in(hdr, &keys[p], x + p * 4, n);
    }
    for (uint32_t g = 0; g < count; g += SCRYPT_SSE2_GROUP) scrypt_sse2_mix_group(x + g, table);
    for (uint32_t p = 0; p * 4 < count; p++) {
        uint32_t n = count - p * 4 < 4 ? count - p * 4 : 4;
        scrypt_sse2_pbkdf2_out(&keys[p], x + p * 4, outputs + (size_t)p * 4 * 32, n);
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
