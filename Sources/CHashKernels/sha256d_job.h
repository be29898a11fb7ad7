#ifndef RIGTOP_SHA256D_JOB_H
#define RIGTOP_SHA256D_JOB_H
// Private to CHashKernels: the per-call precomputation every SHA-256d scan kernel shares.
//
// A Bitcoin-style header is 80 bytes, so sha256d(header) is three compressions: the midstate
// (bytes 0..<64, done by the caller), a second block holding tail[0..<16] plus padding, and the
// second hash of the 32-byte digest. Only W3 of the second block (the nonce) changes between
// nonces, so everything that depends only on the midstate, W0..W2 and the padding is computed
// once per call here. Index names follow FIPS 180-4 (rounds 0..63, schedule words W0..W63).
#include <stdint.h>

#define RIG_ROTR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define RIG_BSIG0(x) (RIG_ROTR32(x, 2) ^ RIG_ROTR32(x, 13) ^ RIG_ROTR32(x, 22))
#define RIG_BSIG1(x) (RIG_ROTR32(x, 6) ^ RIG_ROTR32(x, 11) ^ RIG_ROTR32(x, 25))
#define RIG_SSIG0(x) (RIG_ROTR32(x, 7) ^ RIG_ROTR32(x, 18) ^ ((x) >> 3))
#define RIG_SSIG1(x) (RIG_ROTR32(x, 17) ^ RIG_ROTR32(x, 19) ^ ((x) >> 10))
#define RIG_CH(e, f, g) ((((f) ^ (g)) & (e)) ^ (g))
// Maj in the form whose b ^ c equals the previous round's a ^ b, so compilers reuse it.
#define RIG_MAJ(a, b, c) ((((a) ^ (b)) & ((b) ^ (c))) ^ (b))

#include "sha256_constants.h"

// Padding words. Block 2 of the header hash carries 16 message bytes, then 0x80, then the bit
// length 80 * 8 = 640; the second hash carries the 32-byte digest, 0x80, and length 256.
#define RIG_PAD_HEADER_W4 0x80000000u
#define RIG_PAD_HEADER_W15 640u
#define RIG_PAD_DIGEST_W8 0x80000000u
#define RIG_PAD_DIGEST_W15 256u

/// Nonce-independent values for one (midstate, tail) pair.
///
/// Second block of the header hash: with S3 the state before round 3 (rounds 0..2 done), round 3
/// adds W3 to a constant in both the new a and the new e, so the state before round 4 is
/// (a4 + W3, S3.a, S3.b, S3.c, e4 + W3, S3.e, S3.f, S3.g). W4..W15 are padding, so K+W of rounds
/// 4..17 is constant, and W18 = w18 + σ0(W3), W19 = w19 + W3.
struct rig_sha256d_job {
    uint32_t midstate[8];
    uint32_t w[3];            // W0..W2 of block 2
    uint32_t s3[8];           // state before round 3 of block 2
    uint32_t a4, e4;          // a and e before round 4, minus W3
    uint32_t kw1[18];         // K[i] + W[i] of block 2 for i = 4..17 (0..3 unused)
    uint32_t w16, w17, w18, w19;
    // Second hash: the state before round 1 is (a1 + W0, IV0, IV1, IV2, e1 + W0, IV4, IV5, IV6).
    uint32_t a1, e1;
};

static inline uint32_t rig_load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void rig_sha256d_job_init(struct rig_sha256d_job *job, const uint32_t midstate[8],
                                        const uint8_t tail[16]) {
    const uint32_t *k = rig_sha256_k;
    for (int i = 0; i < 8; i++) job->midstate[i] = midstate[i];
    for (int i = 0; i < 3; i++) job->w[i] = rig_load_be32(tail + 4 * i);

    uint32_t a = midstate[0], b = midstate[1], c = midstate[2], d = midstate[3];
    uint32_t e = midstate[4], f = midstate[5], g = midstate[6], h = midstate[7];
    for (int i = 0; i < 3; i++) {
        uint32_t t1 = h + RIG_BSIG1(e) + RIG_CH(e, f, g) + k[i] + job->w[i];
        uint32_t t2 = RIG_BSIG0(a) + RIG_MAJ(a, b, c);
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    job->s3[0] = a; job->s3[1] = b; job->s3[2] = c; job->s3[3] = d;
    job->s3[4] = e; job->s3[5] = f; job->s3[6] = g; job->s3[7] = h;
    uint32_t t1 = h + RIG_BSIG1(e) + RIG_CH(e, f, g) + k[3];
    job->e4 = d + t1;
    job->a4 = t1 + RIG_BSIG0(a) + RIG_MAJ(a, b, c);

    uint32_t w[18] = {job->w[0], job->w[1], job->w[2], 0, RIG_PAD_HEADER_W4, 0, 0, 0,
                      0, 0, 0, 0, 0, 0, 0, RIG_PAD_HEADER_W15};
    w[16] = RIG_SSIG1(w[14]) + w[9] + RIG_SSIG0(w[1]) + w[0];
    w[17] = RIG_SSIG1(w[15]) + w[10] + RIG_SSIG0(w[2]) + w[1];
    for (int i = 0; i < 18; i++) job->kw1[i] = k[i] + w[i];
    job->w16 = w[16];
    job->w17 = w[17];
    job->w18 = RIG_SSIG1(w[16]) + w[11] + w[2];              // + σ0(W3)
    job->w19 = RIG_SSIG1(w[17]) + w[12] + RIG_SSIG0(w[4]);   // + W3

    const uint32_t *iv = rig_sha256_iv;
    uint32_t t1_2 = iv[7] + RIG_BSIG1(iv[4]) + RIG_CH(iv[4], iv[5], iv[6]) + k[0];
    job->e1 = iv[3] + t1_2;
    job->a1 = t1_2 + RIG_BSIG0(iv[0]) + RIG_MAJ(iv[0], iv[1], iv[2]);
}

/// Appends one candidate, keeping the count even when the output is full.
static inline void rig_sha256d_record(uint32_t nonce, uint32_t top, uint32_t *found_nonces,
                                      uint32_t *found_tops, uint32_t max_found, uint32_t *count) {
    if (*count < max_found) {
        found_nonces[*count] = nonce;
        found_tops[*count] = top;
    }
    *count += 1;
}

#endif
