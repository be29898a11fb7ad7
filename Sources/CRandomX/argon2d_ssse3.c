// Argon2d compression with SSSE3: each 128-bit register holds a word pair (2i, 2i+1), which is
// exactly the unit Argon2's column rounds take from every row, so columns need no shuffling.
#include "rx_argon2.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define RX_A2S_ATTR __attribute__((target("ssse3")))
// Constant register indices let the compiler schedule each round's loads and stores freely.
#if defined(__clang__)
#define RX_A2S_UNROLL _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#define RX_A2S_UNROLL _Pragma("GCC unroll 8")
#else
#define RX_A2S_UNROLL
#endif

RX_A2S_ATTR static inline __m128i rx_a2s_blamka(__m128i x, __m128i y) {
    __m128i m = _mm_mul_epu32(x, y);
    return _mm_add_epi64(_mm_add_epi64(x, y), _mm_add_epi64(m, m));
}

#define RX_A2S_G(a, b, c, d, r24, r16)                                                             \
    do {                                                                                           \
        a = rx_a2s_blamka(a, b);                                                                   \
        d = _mm_shuffle_epi32(_mm_xor_si128(d, a), _MM_SHUFFLE(2, 3, 0, 1));                        \
        c = rx_a2s_blamka(c, d);                                                                   \
        b = _mm_shuffle_epi8(_mm_xor_si128(b, c), r24);                                            \
        a = rx_a2s_blamka(a, b);                                                                   \
        d = _mm_shuffle_epi8(_mm_xor_si128(d, a), r16);                                            \
        c = rx_a2s_blamka(c, d);                                                                   \
        b = _mm_xor_si128(b, c);                                                                   \
        b = _mm_xor_si128(_mm_srli_epi64(b, 63), _mm_add_epi64(b, b));                             \
    } while (0)

// One Blake2 round over 16 words held as pairs a0=(v0,v1) a1=(v2,v3) b0=(v4,v5) ... d1=(v14,v15).
// The diagonal step realigns b, c and d with alignr so that the same column code applies.
RX_A2S_ATTR static inline void rx_a2s_round(__m128i *a0, __m128i *a1, __m128i *b0, __m128i *b1,
                                            __m128i *c0, __m128i *c1, __m128i *d0, __m128i *d1) {
    const __m128i r24 = _mm_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
    const __m128i r16 = _mm_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
    __m128i A0 = *a0, A1 = *a1, B0 = *b0, B1 = *b1, C0 = *c0, C1 = *c1, D0 = *d0, D1 = *d1, t0, t1;
    RX_A2S_G(A0, B0, C0, D0, r24, r16);
    RX_A2S_G(A1, B1, C1, D1, r24, r16);
    t0 = _mm_alignr_epi8(B1, B0, 8); /* (v5, v6) */
    t1 = _mm_alignr_epi8(B0, B1, 8); /* (v7, v4) */
    B0 = t0;
    B1 = t1;
    t0 = C0;
    C0 = C1;
    C1 = t0;
    t0 = _mm_alignr_epi8(D0, D1, 8); /* (v15, v12) */
    t1 = _mm_alignr_epi8(D1, D0, 8); /* (v13, v14) */
    D0 = t0;
    D1 = t1;
    RX_A2S_G(A0, B0, C0, D0, r24, r16);
    RX_A2S_G(A1, B1, C1, D1, r24, r16);
    t0 = _mm_alignr_epi8(B0, B1, 8);
    t1 = _mm_alignr_epi8(B1, B0, 8);
    B0 = t0;
    B1 = t1;
    t0 = C0;
    C0 = C1;
    C1 = t0;
    t0 = _mm_alignr_epi8(D1, D0, 8);
    t1 = _mm_alignr_epi8(D0, D1, 8);
    D0 = t0;
    D1 = t1;
    *a0 = A0; *a1 = A1; *b0 = B0; *b1 = B1; *c0 = C0; *c1 = C1; *d0 = D0; *d1 = D1;
}

RX_A2S_ATTR static inline void rx_a2s_fill_block(const uint64_t *prev, const uint64_t *ref,
                                                 uint64_t *next, int with_xor) {
    __m128i x[64], keep[64];
    for (int i = 0; i < 64; i++) {
        x[i] = _mm_xor_si128(_mm_loadu_si128((const __m128i *)prev + i),
                             _mm_loadu_si128((const __m128i *)ref + i));
        keep[i] = with_xor ? _mm_xor_si128(x[i], _mm_loadu_si128((const __m128i *)next + i)) : x[i];
    }
    RX_A2S_UNROLL
    for (int i = 0; i < 8; i++) {
        __m128i *r = x + 8 * i;
        rx_a2s_round(&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7]);
    }
    RX_A2S_UNROLL
    for (int i = 0; i < 8; i++) {
        __m128i *c = x + i;
        rx_a2s_round(&c[0], &c[8], &c[16], &c[24], &c[32], &c[40], &c[48], &c[56]);
    }
    for (int i = 0; i < 64; i++) _mm_storeu_si128((__m128i *)next + i, _mm_xor_si128(x[i], keep[i]));
}

RX_ARGON2_DEFINE_FILL(rx_argon2_fill_ssse3, RX_A2S_ATTR, rx_a2s_fill_block)

#else
void rx_argon2_fill_ssse3(uint64_t *memory) { rx_argon2_fill_ref(memory); }
#endif
