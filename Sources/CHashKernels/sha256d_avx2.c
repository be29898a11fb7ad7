// SHA-256d nonce scan, 8 nonces per AVX2 vector (one per 32-bit lane).
//
// AVX2 has no vector rotate, so each rotate is two shifts and an OR; the XOR trees of Σ/σ then
// take the shifted parts directly (11 ops for Σ instead of 3 rotates + 2 XORs = 11 anyway, with
// a shallower dependency chain). Ch and Maj are 3 ops each. The shared round/schedule code is in
// sha256d_lanes.h.
#include "CHashKernels.h"
#include "sha256d_job.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2")))
#define AVX2_INLINE AVX2_TARGET __attribute__((always_inline)) static inline

typedef __m256i V;
#define LANES 8
#define LANES_TARGET AVX2_TARGET
#define LANES_SCAN_NAME rig_sha256d_scan_avx2

AVX2_INLINE V v_set1(uint32_t x) { return _mm256_set1_epi32((int)x); }
AVX2_INLINE V v_add(V a, V b) { return _mm256_add_epi32(a, b); }
AVX2_INLINE V v_xor(V a, V b) { return _mm256_xor_si256(a, b); }
// x >> r1 ^ x >> r2 ^ x >> r3, rotated: the left-shifted halves are x << (32 - r).
AVX2_INLINE V rot3(V x, int r1, int r2, int r3) {
    V right = v_xor(v_xor(_mm256_srli_epi32(x, r1), _mm256_srli_epi32(x, r2)), _mm256_srli_epi32(x, r3));
    V left = v_xor(v_xor(_mm256_slli_epi32(x, 32 - r1), _mm256_slli_epi32(x, 32 - r2)),
                   _mm256_slli_epi32(x, 32 - r3));
    return v_xor(right, left);
}
// Two rotates and a shift: x >> r1 ^ x >> r2 ^ x >> s, rotated parts x << (32 - r).
AVX2_INLINE V rot2shr(V x, int r1, int r2, int s) {
    V right = v_xor(v_xor(_mm256_srli_epi32(x, r1), _mm256_srli_epi32(x, r2)), _mm256_srli_epi32(x, s));
    V left = v_xor(_mm256_slli_epi32(x, 32 - r1), _mm256_slli_epi32(x, 32 - r2));
    return v_xor(right, left);
}
AVX2_INLINE V v_bsig0(V x) { return rot3(x, 2, 13, 22); }
AVX2_INLINE V v_bsig1(V x) { return rot3(x, 6, 11, 25); }
AVX2_INLINE V v_ssig0(V x) { return rot2shr(x, 7, 18, 3); }
AVX2_INLINE V v_ssig1(V x) { return rot2shr(x, 17, 19, 10); }
AVX2_INLINE V v_ch(V e, V f, V g) { return v_xor(_mm256_and_si256(v_xor(f, g), e), g); }
// Maj as ((a ^ b) & (b ^ c)) ^ b: the next round's b ^ c is this round's a ^ b, which the compiler
// reuses, so Maj costs two operations after the first round.
AVX2_INLINE V v_maj(V a, V b, V c) { return v_xor(_mm256_and_si256(v_xor(a, b), v_xor(b, c)), b); }
AVX2_INLINE V v_nonces(uint32_t base) {
    return _mm256_add_epi32(_mm256_set1_epi32((int)base), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
AVX2_INLINE V v_bswap(V x) {
    const V reverse = _mm256_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
                                       3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
    return _mm256_shuffle_epi8(x, reverse);
}
// AVX2 has no unsigned compare: x <= t exactly when max(x, t) == t.
AVX2_INLINE uint32_t v_le_mask(V x, V t) {
    return (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_max_epu32(x, t), t)));
}
AVX2_INLINE void v_store(uint32_t *p, V x) { _mm256_storeu_si256((V *)p, x); }

#include "sha256d_lanes.h"

#else

uint32_t rig_sha256d_scan_avx2(const uint32_t midstate[8], const uint8_t tail[16],
                               uint32_t first_nonce, uint32_t count, uint32_t target_top,
                               uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    return rig_sha256d_scan_generic(midstate, tail, first_nonce, count, target_top, found_nonces,
                                    found_tops, max_found);
}

#endif
