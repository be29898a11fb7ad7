// The 256-bit Argon2d compression shared by the AVX2 and AVX-512VL variants; the including file
// defines RX_A2V_ATTR (its target attribute), RX_A2V_ROTR24/16/63 and RX_A2V_PREFIX (a name prefix).
//
// Register j holds words 4j..4j+3. A row (16 words) is then four registers a,b,c,d; the two columns
// 2k and 2k+1 live in registers k, 4+k, 8+k, ... (low and high 128-bit halves), which
// permute2x128 regroups into two a,b,c,d sets.
#define RX_A2V_CAT2(a, b) a##b
#define RX_A2V_CAT(a, b) RX_A2V_CAT2(a, b)
#define RX_A2V(name) RX_A2V_CAT(RX_A2V_PREFIX, name)

RX_A2V_ATTR static inline __m256i RX_A2V(blamka)(__m256i x, __m256i y) {
    __m256i m = _mm256_mul_epu32(x, y);
    return _mm256_add_epi64(_mm256_add_epi64(x, y), _mm256_add_epi64(m, m));
}

#define RX_A2V_G(a, b, c, d)                                                                       \
    do {                                                                                           \
        a = RX_A2V(blamka)(a, b);                                                                  \
        d = _mm256_shuffle_epi32(_mm256_xor_si256(d, a), _MM_SHUFFLE(2, 3, 0, 1));                  \
        c = RX_A2V(blamka)(c, d);                                                                  \
        b = RX_A2V_ROTR24(_mm256_xor_si256(b, c));                                                 \
        a = RX_A2V(blamka)(a, b);                                                                  \
        d = RX_A2V_ROTR16(_mm256_xor_si256(d, a));                                                 \
        c = RX_A2V(blamka)(c, d);                                                                  \
        b = RX_A2V_ROTR63(_mm256_xor_si256(b, c));                                                 \
    } while (0)

RX_A2V_ATTR static inline void RX_A2V(round)(__m256i *pa, __m256i *pb, __m256i *pc, __m256i *pd) {
    __m256i a = *pa, b = *pb, c = *pc, d = *pd;
    RX_A2V_G(a, b, c, d);
    // Diagonals: rotate b, c, d left by one, two and three words.
    b = _mm256_permute4x64_epi64(b, _MM_SHUFFLE(0, 3, 2, 1));
    c = _mm256_permute4x64_epi64(c, _MM_SHUFFLE(1, 0, 3, 2));
    d = _mm256_permute4x64_epi64(d, _MM_SHUFFLE(2, 1, 0, 3));
    RX_A2V_G(a, b, c, d);
    b = _mm256_permute4x64_epi64(b, _MM_SHUFFLE(2, 1, 0, 3));
    c = _mm256_permute4x64_epi64(c, _MM_SHUFFLE(1, 0, 3, 2));
    d = _mm256_permute4x64_epi64(d, _MM_SHUFFLE(0, 3, 2, 1));
    *pa = a; *pb = b; *pc = c; *pd = d;
}

RX_A2V_ATTR static inline void RX_A2V(fill_block)(const uint64_t *prev, const uint64_t *ref,
                                                  uint64_t *next, int with_xor) {
    __m256i y[32], keep[32];
    for (int i = 0; i < 32; i++) {
        y[i] = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)prev + i),
                                _mm256_loadu_si256((const __m256i *)ref + i));
        keep[i] = with_xor ? _mm256_xor_si256(y[i], _mm256_loadu_si256((const __m256i *)next + i))
                           : y[i];
    }
    for (int i = 0; i < 8; i++) RX_A2V(round)(&y[4 * i], &y[4 * i + 1], &y[4 * i + 2], &y[4 * i + 3]);
    for (int k = 0; k < 4; k++) {
        __m256i lo[4], hi[4];
        for (int q = 0; q < 4; q++) {
            lo[q] = _mm256_permute2x128_si256(y[8 * q + k], y[8 * q + 4 + k], 0x20);
            hi[q] = _mm256_permute2x128_si256(y[8 * q + k], y[8 * q + 4 + k], 0x31);
        }
        RX_A2V(round)(&lo[0], &lo[1], &lo[2], &lo[3]);
        RX_A2V(round)(&hi[0], &hi[1], &hi[2], &hi[3]);
        for (int q = 0; q < 4; q++) {
            y[8 * q + k] = _mm256_permute2x128_si256(lo[q], hi[q], 0x20);
            y[8 * q + 4 + k] = _mm256_permute2x128_si256(lo[q], hi[q], 0x31);
        }
    }
    for (int i = 0; i < 32; i++)
        _mm256_storeu_si256((__m256i *)next + i, _mm256_xor_si256(y[i], keep[i]));
}
