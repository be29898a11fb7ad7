// PBKDF2-HMAC-SHA256 for scrypt's two key derivations, PBKDF2_LANES hashes at once: one hash
// per 32-bit element of a vector, so the same source serves the SSE2 (4), AVX2 (8) and AVX-512
// (16) kernels. A kernel file defines PBKDF2_LANES and PBKDF2_TARGET (its target attribute), then
// includes this header; everything here is static, private to that file, and compiled for its
// instruction set. Only ROMix, where the layouts really differ, stays in each kernel file.
#ifndef PBKDF2_LANES
#error "define PBKDF2_LANES and PBKDF2_TARGET before including scrypt_pbkdf2_lanes.h"
#endif

#include <stdint.h>
#include <string.h>

#define PBKDF2_INLINE static inline __attribute__((always_inline)) PBKDF2_TARGET


typedef uint32_t pbkdf2_vec __attribute__((vector_size(4 * PBKDF2_LANES), aligned(4 * PBKDF2_LANES)));

#include "sha256_constants.h"

PBKDF2_INLINE pbkdf2_vec pbkdf2_rotr(pbkdf2_vec x, int n) {
    return (x >> n) | (x << (32 - n));
}

// state = compress(state, block), message words big-endian as FIPS 180-4 reads them.
static PBKDF2_TARGET void pbkdf2_sha256_compress(pbkdf2_vec state[8], const pbkdf2_vec block[16]) {
    pbkdf2_vec w[16];
    for (int i = 0; i < 16; i++) w[i] = block[i];
    pbkdf2_vec a = state[0], b = state[1], c = state[2], d = state[3];
    pbkdf2_vec e = state[4], f = state[5], g = state[6], h = state[7];
#pragma GCC unroll 64
    for (int t = 0; t < 64; t++) {
        if (t >= 16) {
            pbkdf2_vec w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            pbkdf2_vec s0 = pbkdf2_rotr(w15, 7) ^ pbkdf2_rotr(w15, 18) ^ (w15 >> 3);
            pbkdf2_vec s1 = pbkdf2_rotr(w2, 17) ^ pbkdf2_rotr(w2, 19) ^ (w2 >> 10);
            w[t & 15] += s0 + w[(t - 7) & 15] + s1;
        }
        pbkdf2_vec t1 = h + (pbkdf2_rotr(e, 6) ^ pbkdf2_rotr(e, 11) ^ pbkdf2_rotr(e, 25)) +
                        (((f ^ g) & e) ^ g) + rig_sha256_k[t] + w[t & 15];
        pbkdf2_vec t2 = (pbkdf2_rotr(a, 2) ^ pbkdf2_rotr(a, 13) ^ pbkdf2_rotr(a, 22)) +
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

PBKDF2_INLINE pbkdf2_vec pbkdf2_splat(uint32_t v) {
    return (pbkdf2_vec){0} + v;  // the scalar is broadcast to every lane
}

PBKDF2_INLINE uint32_t pbkdf2_be32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}

// HMAC-SHA256 keyed with each hash's 80-byte header: the ipad/opad states (key = SHA-256 of the
// header, RFC 2104, since 80 > 64), reused by both PBKDF2 calls.
typedef struct {
    pbkdf2_vec inner[8];
    pbkdf2_vec outer[8];
} pbkdf2_hmac;

// Words 0..<20 of the header as big-endian message words, lane l from header min(l, count - 1).
static PBKDF2_TARGET void pbkdf2_load_headers(pbkdf2_vec words[20], const uint8_t *inputs, uint32_t count) {
    uint32_t lanes[20][PBKDF2_LANES] __attribute__((aligned(4 * PBKDF2_LANES)));
    for (uint32_t l = 0; l < PBKDF2_LANES; l++) {
        const uint8_t *header = inputs + (size_t)(l < count ? l : count - 1) * 80;
        for (int t = 0; t < 20; t++) lanes[t][l] = pbkdf2_be32(header + 4 * t);
    }
    memcpy(words, lanes, sizeof lanes);
}


// HMAC's outer hash: H(K ^ opad || inner digest). `state` holds the inner digest and gets the
// HMAC value; the outer key's first block is already compressed into `key->outer`.
static PBKDF2_TARGET inline void pbkdf2_hmac_outer(const pbkdf2_hmac *key, pbkdf2_vec state[8]) {
    pbkdf2_vec block[16];
    for (int i = 0; i < 8; i++) block[i] = state[i];
    block[8] = pbkdf2_splat(0x80000000);
    for (int i = 9; i < 15; i++) block[i] = pbkdf2_splat(0);
    block[15] = pbkdf2_splat((64 + 32) * 8);
    for (int i = 0; i < 8; i++) state[i] = key->outer[i];
    pbkdf2_sha256_compress(state, block);
}
// First PBKDF2: 128 bytes from (P = S = header), as 32 little-endian scrypt words per hash.
static PBKDF2_TARGET void pbkdf2_in(const pbkdf2_vec hdr[20], pbkdf2_hmac *key, uint32_t x[][32],
                                     uint32_t count) {
    pbkdf2_vec block[16], state[8], k[8];
    for (int i = 0; i < 8; i++) k[i] = pbkdf2_splat(rig_sha256_iv[i]);
    pbkdf2_sha256_compress(k, hdr);
    block[0] = hdr[16];
    block[1] = hdr[17];
    block[2] = hdr[18];
    block[3] = hdr[19];
    block[4] = pbkdf2_splat(0x80000000);
    for (int i = 5; i < 15; i++) block[i] = pbkdf2_splat(0);
    block[15] = pbkdf2_splat(80 * 8);
    pbkdf2_sha256_compress(k, block);

    for (int i = 0; i < 8; i++) {
        key->inner[i] = pbkdf2_splat(rig_sha256_iv[i]);
        key->outer[i] = key->inner[i];
        block[i] = k[i] ^ 0x36363636;
        block[8 + i] = pbkdf2_splat(0x36363636);
    }
    pbkdf2_sha256_compress(key->inner, block);
    for (int i = 0; i < 8; i++) {
        block[i] = k[i] ^ 0x5c5c5c5c;
        block[8 + i] = pbkdf2_splat(0x5c5c5c5c);
    }
    pbkdf2_sha256_compress(key->outer, block);

    // The inner hash is ipad || header || BE32(i): the ipad block and the first 64 header bytes
    // are shared by all four output blocks.
    pbkdf2_vec salted[8];
    for (int i = 0; i < 8; i++) salted[i] = key->inner[i];
    pbkdf2_sha256_compress(salted, hdr);

    uint32_t words[32][PBKDF2_LANES] __attribute__((aligned(4 * PBKDF2_LANES)));
    for (uint32_t n = 1; n <= 4; n++) {
        for (int i = 0; i < 8; i++) state[i] = salted[i];
        block[0] = hdr[16];
        block[1] = hdr[17];
        block[2] = hdr[18];
        block[3] = hdr[19];
        block[4] = pbkdf2_splat(n);
        block[5] = pbkdf2_splat(0x80000000);
        for (int i = 6; i < 15; i++) block[i] = pbkdf2_splat(0);
        block[15] = pbkdf2_splat((64 + 80 + 4) * 8);
        pbkdf2_sha256_compress(state, block);

        pbkdf2_hmac_outer(key, state);
        memcpy(words[8 * (n - 1)], state, sizeof state);
    }
    // Digest bytes are big-endian SHA words; scrypt reads them as little-endian words.
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) x[l][i] = __builtin_bswap32(words[i][l]);
}

// Second PBKDF2: 32 bytes from (P = header, S = the mixed block).
static PBKDF2_TARGET void pbkdf2_out(const pbkdf2_hmac *key, const uint32_t x[][32], uint8_t *outputs,
                                      uint32_t count) {
    uint32_t words[32][PBKDF2_LANES] __attribute__((aligned(4 * PBKDF2_LANES))) = {{0}};
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 32; i++) words[i][l] = __builtin_bswap32(x[l][i]);
    pbkdf2_vec block[16], state[8];
    for (int i = 0; i < 8; i++) state[i] = key->inner[i];
    memcpy(block, words[0], sizeof block);
    pbkdf2_sha256_compress(state, block);
    memcpy(block, words[16], sizeof block);
    pbkdf2_sha256_compress(state, block);
    block[0] = pbkdf2_splat(1);
    block[1] = pbkdf2_splat(0x80000000);
    for (int i = 2; i < 15; i++) block[i] = pbkdf2_splat(0);
    block[15] = pbkdf2_splat((64 + 128 + 4) * 8);
    pbkdf2_sha256_compress(state, block);

    pbkdf2_hmac_outer(key, state);

    uint32_t digest[8][PBKDF2_LANES] __attribute__((aligned(4 * PBKDF2_LANES)));
    memcpy(digest, state, sizeof digest);
    for (uint32_t l = 0; l < count; l++)
        for (int i = 0; i < 8; i++) {
            uint32_t be = __builtin_bswap32(digest[i][l]);
            memcpy(outputs + (size_t)l * 32 + 4 * i, &be, 4);
        }
}
