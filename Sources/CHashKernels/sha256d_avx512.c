// SHA-256d nonce scan with AVX-512: 32 nonces per iteration, as two independent 16-lane vectors.
//
// AVX-512 makes each SHA-256 round cheap: VPRORD rotates in one instruction, and VPTERNLOGD does
// Ch, Maj and the three-way XORs of Σ/σ in one instruction each, so a round is 6 rotates,
// 4 ternary-logic ops and about 7 adds. A round's new e waits on Σ1 and three adds, so one vector
// alone leaves issue slots empty; carrying two interleaved vectors (the V pair below) measured
// about 6% faster on Zen 4 than one, despite some spilling. The shared round/schedule code is in
// sha256d_lanes.h.
#include "CHashKernels.h"
#include "sha256d_job.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512vl,avx512bw")))
#define AVX512_INLINE AVX512_TARGET __attribute__((always_inline)) static inline

typedef __m512i Z;
typedef struct { Z lo, hi; } V;  // nonces base + 0..15 and base + 16..31
#define LANES 32
#define LANES_TARGET AVX512_TARGET
#define LANES_SCAN_NAME rig_sha256d_scan_avx512

// VPTERNLOGD truth tables, indexed by (a << 2 | b << 1 | c): 0x96 = a ^ b ^ c,
// 0xca = a ? b : c (Ch), 0xe8 = majority (Maj).
#define TERN_XOR3 0x96
#define TERN_CH 0xca
#define TERN_MAJ 0xe8

AVX512_INLINE Z z_bsig0(Z x) {
    return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 2), _mm512_ror_epi32(x, 13),
                                     _mm512_ror_epi32(x, 22), TERN_XOR3);
}
AVX512_INLINE Z z_bsig1(Z x) {
    return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 6), _mm512_ror_epi32(x, 11),
                                     _mm512_ror_epi32(x, 25), TERN_XOR3);
}
AVX512_INLINE Z z_ssig0(Z x) {
    return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 7), _mm512_ror_epi32(x, 18),
                                     _mm512_srli_epi32(x, 3), TERN_XOR3);
}
AVX512_INLINE Z z_ssig1(Z x) {
    return _mm512_ternarylogic_epi32(_mm512_ror_epi32(x, 17), _mm512_ror_epi32(x, 19),
                                     _mm512_srli_epi32(x, 10), TERN_XOR3);
}
AVX512_INLINE Z z_bswap(Z x) {
    const Z reverse = _mm512_broadcast_i32x4(
        _mm_setr_epi8(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
    return _mm512_shuffle_epi8(x, reverse);
}
AVX512_INLINE Z z_nonces(uint32_t base) {
    return _mm512_add_epi32(_mm512_set1_epi32((int)base),
                            _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

// The pair operations sha256d_lanes.h needs.
#define PAIR1(name, f) \
    AVX512_INLINE V name(V x) { V r = {f(x.lo), f(x.hi)}; return r; }
#define PAIR_TERN(name, imm)                                                          \
    AVX512_INLINE V name(V a, V b, V c) {                                             \
        V r = {_mm512_ternarylogic_epi32(a.lo, b.lo, c.lo, imm),                      \
               _mm512_ternarylogic_epi32(a.hi, b.hi, c.hi, imm)};                     \
        return r;                                                                     \
    }
PAIR1(v_bsig0, z_bsig0)
PAIR1(v_bsig1, z_bsig1)
PAIR1(v_ssig0, z_ssig0)
PAIR1(v_ssig1, z_ssig1)
PAIR1(v_bswap, z_bswap)
PAIR_TERN(v_ch, TERN_CH)
PAIR_TERN(v_maj, TERN_MAJ)

AVX512_INLINE V v_set1(uint32_t x) {
    V r = {_mm512_set1_epi32((int)x), _mm512_set1_epi32((int)x)};
    return r;
}
AVX512_INLINE V v_add(V a, V b) {
    V r = {_mm512_add_epi32(a.lo, b.lo), _mm512_add_epi32(a.hi, b.hi)};
    return r;
}
AVX512_INLINE V v_nonces(uint32_t base) {
    V r = {z_nonces(base), z_nonces(base + 16)};
    return r;
}
AVX512_INLINE uint32_t v_le_mask(V x, V t) {
    return (uint32_t)_mm512_cmple_epu32_mask(x.lo, t.lo) |
           (uint32_t)_mm512_cmple_epu32_mask(x.hi, t.hi) << 16;
}
AVX512_INLINE void v_store(uint32_t *p, V x) {
    _mm512_storeu_si512((void *)p, x.lo);
    _mm512_storeu_si512((void *)(p + 16), x.hi);
}

#include "sha256d_lanes.h"

#else

uint32_t rig_sha256d_scan_avx512(const uint32_t midstate[8], const uint8_t tail[16],
                                 uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                 uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    return rig_sha256d_scan_generic(midstate, tail, first_nonce, count, target_top, found_nonces,
                                    found_tops, max_found);
}

#endif
