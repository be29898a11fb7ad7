// Portable SHA-256d nonce scan: the reference the SIMD kernels are tested against and the
// fallback on every CPU (and every architecture) without them.
//
// It already uses the nonce-independent shortcuts the SIMD kernels use (see sha256d_job.h):
// block 2 starts at round 4, padding words are compile-time constants that the compiler folds
// out of the schedule, and the second hash stops after round 60 because only H7 is needed.
#include "CHashKernels.h"
#include "sha256d_job.h"

// One round with the eight working variables named by position; callers rotate the names
// instead of moving values (b..h of the next round are a..g of this one).
#define RND(a, b, c, d, e, f, g, h, kw)                                                  \
    do {                                                                                 \
        uint32_t t1_ = (h) + RIG_BSIG1(e) + RIG_CH(e, f, g) + (kw);                      \
        (d) += t1_;                                                                      \
        (h) = t1_ + RIG_BSIG0(a) + RIG_MAJ(a, b, c);                                     \
    } while (0)

#define RND8(i, KW)                                  \
    RND(a, b, c, d, e, f, g, h, KW(i + 0));          \
    RND(h, a, b, c, d, e, f, g, KW(i + 1));          \
    RND(g, h, a, b, c, d, e, f, KW(i + 2));          \
    RND(f, g, h, a, b, c, d, e, KW(i + 3));          \
    RND(e, f, g, h, a, b, c, d, KW(i + 4));          \
    RND(d, e, f, g, h, a, b, c, KW(i + 5));          \
    RND(c, d, e, f, g, h, a, b, KW(i + 6));          \
    RND(b, c, d, e, f, g, h, a, KW(i + 7))

// K + W with W computed on first use from the message-schedule recurrence.
#define SCHED(W, i) \
    ((W)[i] = RIG_SSIG1((W)[(i)-2]) + (W)[(i)-7] + RIG_SSIG0((W)[(i)-15]) + (W)[(i)-16])
#define KW_1(i) (rig_sha256_k[i] + ((i) < 20 ? w1[i] : SCHED(w1, i)))
#define KW_2(i) (rig_sha256_k[i] + ((i) < 16 ? w2[i] : SCHED(w2, i)))

uint32_t rig_sha256d_scan_generic(const uint32_t midstate[8], const uint8_t tail[16],
                                  uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                  uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    struct rig_sha256d_job job;
    rig_sha256d_job_init(&job, midstate, tail);
    uint32_t found = 0;

    for (uint32_t i = 0; i < count; i++) {
        const uint32_t nonce = first_nonce + i;
        // The nonce is stored little-endian in the header; SHA-256 reads words big-endian.
        const uint32_t w3 = __builtin_bswap32(nonce);

        uint32_t w1[64] = {job.w[0], job.w[1], job.w[2], w3, RIG_PAD_HEADER_W4, 0, 0, 0,
                           0, 0, 0, 0, 0, 0, 0, RIG_PAD_HEADER_W15};
        w1[16] = job.w16;
        w1[17] = job.w17;
        w1[18] = job.w18 + RIG_SSIG0(w3);
        w1[19] = job.w19 + w3;

        // Rounds 4..63 of block 2 (0..3 are in the job). Round 4 uses the names rotated by
        // four (e plays a), so that round 8 starts from a again.
        uint32_t e = job.a4 + w3, f = job.s3[0], g = job.s3[1], h = job.s3[2];
        uint32_t a = job.e4 + w3, b = job.s3[4], c = job.s3[5], d = job.s3[6];
        RND(e, f, g, h, a, b, c, d, KW_1(4));
        RND(d, e, f, g, h, a, b, c, KW_1(5));
        RND(c, d, e, f, g, h, a, b, KW_1(6));
        RND(b, c, d, e, f, g, h, a, KW_1(7));
        RND8(8, KW_1);
        RND8(16, KW_1);
        RND8(24, KW_1);
        RND8(32, KW_1);
        RND8(40, KW_1);
        RND8(48, KW_1);
        RND8(56, KW_1);

        uint32_t w2[61] = {
            job.midstate[0] + a, job.midstate[1] + b, job.midstate[2] + c, job.midstate[3] + d,
            job.midstate[4] + e, job.midstate[5] + f, job.midstate[6] + g, job.midstate[7] + h,
            RIG_PAD_DIGEST_W8, 0, 0, 0, 0, 0, 0, RIG_PAD_DIGEST_W15};

        // Round 0 of the second hash starts from the constant IV, so it is in the job; round 1
        // uses the names rotated by one (h plays a).
        h = job.a1 + w2[0]; a = rig_sha256_iv[0]; b = rig_sha256_iv[1]; c = rig_sha256_iv[2];
        d = job.e1 + w2[0]; e = rig_sha256_iv[4]; f = rig_sha256_iv[5]; g = rig_sha256_iv[6];
        RND(h, a, b, c, d, e, f, g, KW_2(1));
        RND(g, h, a, b, c, d, e, f, KW_2(2));
        RND(f, g, h, a, b, c, d, e, KW_2(3));
        RND(e, f, g, h, a, b, c, d, KW_2(4));
        RND(d, e, f, g, h, a, b, c, KW_2(5));
        RND(c, d, e, f, g, h, a, b, KW_2(6));
        RND(b, c, d, e, f, g, h, a, KW_2(7));
        RND8(8, KW_2);
        RND8(16, KW_2);
        RND8(24, KW_2);
        RND8(32, KW_2);
        RND8(40, KW_2);
        RND8(48, KW_2);
        // Rounds 56..60. The final h (H7 before the feed-forward) is the e that round 60
        // produces; rounds 61..63 only shift it along, so they are skipped, and the a values
        // nothing reads any more are dead code the compiler drops.
        RND(a, b, c, d, e, f, g, h, KW_2(56));
        RND(h, a, b, c, d, e, f, g, KW_2(57));
        RND(g, h, a, b, c, d, e, f, KW_2(58));
        RND(f, g, h, a, b, c, d, e, KW_2(59));
        RND(e, f, g, h, a, b, c, d, KW_2(60));
        const uint32_t top = __builtin_bswap32(h + rig_sha256_iv[7]);
        if (top <= target_top) {
            rig_sha256d_record(nonce, top, found_nonces, found_tops, max_found, &found);
        }
    }
    return found;
}
