// Portable scrypt for Litecoin-style proof of work: scrypt(P = S = the 80-byte header, N = 1024,
// r = 1, p = 1, dkLen = 32). Algorithm from RFC 7914: PBKDF2-HMAC-SHA256 with one iteration expands
// the header to one 128-byte block B, ROMix (BlockMix = two Salsa20/8 cores, since r = 1) mixes B
// through a 128 KiB table, and a second PBKDF2 with B as salt yields the 32-byte hash.
//
// This is the reference the SIMD kernels are checked against, the fallback for lane counts they do
// not cover, and the only kernel on non-x86 hosts, so it is written for speed as well as clarity.
#include "CHashKernels.h"

#include <string.h>

// Litecoin's scrypt parameters (src/crypto/scrypt.cpp in Litecoin Core).
#define SCRYPT_N 1024u
#define SCRYPT_INPUT_BYTES 80u
// One 128-byte block (2 × 16 Salsa words) per table entry, since r = 1.
#define SCRYPT_BLOCK_WORDS 32u
#define SCRYPT_TABLE_BYTES ((size_t)SCRYPT_N * SCRYPT_BLOCK_WORDS * 4u)

size_t rig_scrypt_scratch_size(uint32_t lanes) {
    // Every kernel keeps one 128 KiB table per lane it mixes at once (at most `lanes`, and at least
    // one for the generic fallback); the 4 KiB slack lets a kernel round its table up to a page.
    size_t tables = lanes > 0 ? lanes : 1;
    return tables * SCRYPT_TABLE_BYTES + 4096;
}

uint32_t rig_scrypt_preferred_lanes_generic(void) {
    // Scalar code gains nothing from batching; one hash per call keeps the table in L2.
    return 1;
}

// MARK: SHA-256 (FIPS 180-4)

#include "sha256_constants.h"

static inline uint32_t scrypt_rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }
static inline uint32_t scrypt_rotl(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

static inline uint32_t scrypt_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t scrypt_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void scrypt_put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void scrypt_put_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

// Compresses one block given as 16 big-endian message words.
static void scrypt_sha256_compress(uint32_t state[8], const uint32_t block[16]) {
    uint32_t w[64];
    memcpy(w, block, 64);
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = scrypt_rotr(w[t - 15], 7) ^ scrypt_rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = scrypt_rotr(w[t - 2], 17) ^ scrypt_rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (scrypt_rotr(e, 6) ^ scrypt_rotr(e, 11) ^ scrypt_rotr(e, 25)) +
                      ((e & f) ^ (~e & g)) + rig_sha256_k[t] + w[t];
        uint32_t t2 = (scrypt_rotr(a, 2) ^ scrypt_rotr(a, 13) ^ scrypt_rotr(a, 22)) +
                      ((a & b) ^ (a & c) ^ (b & c));
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

// Streaming SHA-256, enough for HMAC over arbitrary lengths (used by the RFC 7914 checks too).
typedef struct {
    uint32_t state[8];
    uint8_t buffer[64];
    uint64_t length;  // bytes absorbed so far
} scrypt_sha256_ctx;

static void scrypt_sha256_init(scrypt_sha256_ctx *ctx) {
    memcpy(ctx->state, rig_sha256_iv, sizeof ctx->state);
    ctx->length = 0;
}

static void scrypt_sha256_block_bytes(uint32_t state[8], const uint8_t *bytes) {
    uint32_t block[16];
    for (int i = 0; i < 16; i++) block[i] = scrypt_be32(bytes + 4 * i);
    scrypt_sha256_compress(state, block);
}

static void scrypt_sha256_update(scrypt_sha256_ctx *ctx, const uint8_t *data, size_t len) {
    size_t used = (size_t)(ctx->length % 64);
    ctx->length += len;
    if (used > 0) {
        size_t take = 64 - used < len ? 64 - used : len;
        memcpy(ctx->buffer + used, data, take);
        data += take;
        len -= take;
        if (used + take < 64) return;
        scrypt_sha256_block_bytes(ctx->state, ctx->buffer);
    }
    for (; len >= 64; data += 64, len -= 64) scrypt_sha256_block_bytes(ctx->state, data);
    memcpy(ctx->buffer, data, len);
}

static void scrypt_sha256_final(scrypt_sha256_ctx *ctx, uint8_t out[32]) {
    uint64_t bits = ctx->length * 8;
    static const uint8_t pad[64] = {0x80};
    size_t used = (size_t)(ctx->length % 64);
    scrypt_sha256_update(ctx, pad, used < 56 ? 56 - used : 120 - used);
    uint8_t len_be[8];
    for (int i = 0; i < 8; i++) len_be[i] = (uint8_t)(bits >> (56 - 8 * i));
    scrypt_sha256_update(ctx, len_be, 8);
    for (int i = 0; i < 8; i++) scrypt_put_be32(out + 4 * i, ctx->state[i]);
}

// MARK: HMAC-SHA256 / PBKDF2 (RFC 2104, RFC 8018), one iteration as scrypt uses it

// The hash contexts after absorbing the key's ipad and opad blocks; every HMAC under the same key
// starts from these, so each scrypt hash pays for them once.
typedef struct {
    scrypt_sha256_ctx inner;
    scrypt_sha256_ctx outer;
} scrypt_hmac_key;

static void scrypt_hmac_key_init(scrypt_hmac_key *key, const uint8_t *password, size_t len) {
    uint8_t k[64] = {0};
    if (len > 64) {
        // RFC 2104: keys longer than the block are hashed first (Litecoin's 80-byte header is).
        scrypt_sha256_ctx ctx;
        scrypt_sha256_init(&ctx);
        scrypt_sha256_update(&ctx, password, len);
        scrypt_sha256_final(&ctx, k);
    } else if (len > 0) {
        memcpy(k, password, len);
    }
    uint8_t pad[64];
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x36;
    scrypt_sha256_init(&key->inner);
    scrypt_sha256_update(&key->inner, pad, 64);
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x5c;
    scrypt_sha256_init(&key->outer);
    scrypt_sha256_update(&key->outer, pad, 64);
}

// PBKDF2-HMAC-SHA256 with c = 1: out = T1 || T2 || ..., Ti = HMAC(P, S || BE32(i)).
static void scrypt_pbkdf2_sha256(const scrypt_hmac_key *key, const uint8_t *salt, size_t salt_len,
                                 uint8_t *out, size_t out_len) {
    scrypt_sha256_ctx salted = key->inner;
    scrypt_sha256_update(&salted, salt, salt_len);
    for (uint32_t i = 1; out_len > 0; i++) {
        uint8_t counter[4], digest[32];
        scrypt_put_be32(counter, i);
        scrypt_sha256_ctx inner = salted;
        scrypt_sha256_update(&inner, counter, 4);
        scrypt_sha256_final(&inner, digest);
        scrypt_sha256_ctx outer = key->outer;
        scrypt_sha256_update(&outer, digest, 32);
        scrypt_sha256_final(&outer, digest);
        size_t take = out_len < 32 ? out_len : 32;
        memcpy(out, digest, take);
        out += take;
        out_len -= take;
    }
}

// MARK: ROMix (RFC 7914 §3–§5)

// B = B + Salsa20/8(B) on 16 host-order words. The words are locals rather than an array so that
// they stay in registers (all of them on arm64, where this is the only kernel).
static void scrypt_salsa20_8(uint32_t b[16]) {
    uint32_t x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
    uint32_t x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14],
             x15 = b[15];
    for (int i = 0; i < 8; i += 2) {
        // Columns.
        x4 ^= scrypt_rotl(x0 + x12, 7);
        x9 ^= scrypt_rotl(x5 + x1, 7);
        x14 ^= scrypt_rotl(x10 + x6, 7);
        x3 ^= scrypt_rotl(x15 + x11, 7);
        x8 ^= scrypt_rotl(x4 + x0, 9);
        x13 ^= scrypt_rotl(x9 + x5, 9);
        x2 ^= scrypt_rotl(x14 + x10, 9);
        x7 ^= scrypt_rotl(x3 + x15, 9);
        x12 ^= scrypt_rotl(x8 + x4, 13);
        x1 ^= scrypt_rotl(x13 + x9, 13);
        x6 ^= scrypt_rotl(x2 + x14, 13);
        x11 ^= scrypt_rotl(x7 + x3, 13);
        x0 ^= scrypt_rotl(x12 + x8, 18);
        x5 ^= scrypt_rotl(x1 + x13, 18);
        x10 ^= scrypt_rotl(x6 + x2, 18);
        x15 ^= scrypt_rotl(x11 + x7, 18);
        // Rows.
        x1 ^= scrypt_rotl(x0 + x3, 7);
        x6 ^= scrypt_rotl(x5 + x4, 7);
        x11 ^= scrypt_rotl(x10 + x9, 7);
        x12 ^= scrypt_rotl(x15 + x14, 7);
        x2 ^= scrypt_rotl(x1 + x0, 9);
        x7 ^= scrypt_rotl(x6 + x5, 9);
        x8 ^= scrypt_rotl(x11 + x10, 9);
        x13 ^= scrypt_rotl(x12 + x15, 9);
        x3 ^= scrypt_rotl(x2 + x1, 13);
        x4 ^= scrypt_rotl(x7 + x6, 13);
        x9 ^= scrypt_rotl(x8 + x11, 13);
        x14 ^= scrypt_rotl(x13 + x12, 13);
        x0 ^= scrypt_rotl(x3 + x2, 18);
        x5 ^= scrypt_rotl(x4 + x7, 18);
        x10 ^= scrypt_rotl(x9 + x8, 18);
        x15 ^= scrypt_rotl(x14 + x13, 18);
    }
    b[0] += x0;
    b[1] += x1;
    b[2] += x2;
    b[3] += x3;
    b[4] += x4;
    b[5] += x5;
    b[6] += x6;
    b[7] += x7;
    b[8] += x8;
    b[9] += x9;
    b[10] += x10;
    b[11] += x11;
    b[12] += x12;
    b[13] += x13;
    b[14] += x14;
    b[15] += x15;
}

// BlockMix with r = 1: X = (A, B) → (Salsa(A ^ B), Salsa(B ^ Salsa(A ^ B))). With r = 1 the
// even/odd output reordering of RFC 7914 §4 is the identity.
static inline void scrypt_blockmix(uint32_t x[32]) {
    for (int i = 0; i < 16; i++) x[i] ^= x[16 + i];
    scrypt_salsa20_8(x);
    for (int i = 0; i < 16; i++) x[16 + i] ^= x[i];
    scrypt_salsa20_8(x + 16);
}

// ROMix on 32 host-order words; `v` holds n × 32 words and n is a power of two.
static void scrypt_romix(uint32_t x[32], uint32_t *v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        memcpy(v + (size_t)i * 32, x, 128);
        scrypt_blockmix(x);
    }
    for (uint32_t i = 0; i < n; i++) {
        // Integerify: the first word of the last 64-byte block, reduced modulo n.
        const uint32_t *vj = v + (size_t)(x[16] & (n - 1)) * 32;
        for (int k = 0; k < 32; k++) x[k] ^= vj[k];
        scrypt_blockmix(x);
    }
}

// scrypt with r = 1, p = 1 and any N, password and salt: the RFC 7914 vector with N = 16 goes
// through the same code as Litecoin's parameters.
static void scrypt_r1p1(const uint8_t *password, size_t password_len, const uint8_t *salt,
                        size_t salt_len, uint32_t n, uint32_t *table, uint8_t *out, size_t out_len) {
    scrypt_hmac_key key;
    scrypt_hmac_key_init(&key, password, password_len);
    uint8_t b[128];
    scrypt_pbkdf2_sha256(&key, salt, salt_len, b, sizeof b);
    uint32_t x[32];
    for (int i = 0; i < 32; i++) x[i] = scrypt_le32(b + 4 * i);
    scrypt_romix(x, table, n);
    for (int i = 0; i < 32; i++) scrypt_put_le32(b + 4 * i, x[i]);
    scrypt_pbkdf2_sha256(&key, b, sizeof b, out, out_len);
}

void rig_scrypt_generic(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch) {
    uint32_t *table = (uint32_t *)scratch;
    for (uint32_t lane = 0; lane < lanes; lane++) {
        const uint8_t *header = inputs + (size_t)lane * SCRYPT_INPUT_BYTES;
        scrypt_r1p1(header, SCRYPT_INPUT_BYTES, header, SCRYPT_INPUT_BYTES, SCRYPT_N, table,
                    outputs + (size_t)lane * 32, 32);
    }
}
