// Argon2d compression with AVX2 (256-bit vectors; rotations by byte shuffles and shift pairs).
#include "rx_argon2.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define RX_A2V_ATTR __attribute__((target("avx2")))
#define RX_A2V_PREFIX rx_a2avx2_
#define RX_A2V_ROTR24(x)                                                                           \
    _mm256_shuffle_epi8((x), _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, \
                                              3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10))
#define RX_A2V_ROTR16(x)                                                                           \
    _mm256_shuffle_epi8((x), _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, \
                                              2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9))
#define RX_A2V_ROTR63(x) _mm256_xor_si256(_mm256_srli_epi64((x), 63), _mm256_add_epi64((x), (x)))
#include "rx_argon2_avx_body.h"

RX_ARGON2_DEFINE_FILL(rx_argon2_fill_avx2, RX_A2V_ATTR, rx_a2avx2_fill_block)

#else
void rx_argon2_fill_avx2(uint64_t *memory) { rx_argon2_fill_ref(memory); }
#endif
