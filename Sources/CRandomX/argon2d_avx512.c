// Argon2d compression with AVX-512VL: the AVX2 data layout, with every rotation a single vprorq.
// 256-bit vectors on purpose: a 1 KiB block's rounds have only four independent 4-word lanes per
// step, and 512-bit vectors would need cross-row shuffles that cost what they save.
#include "rx_argon2.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define RX_A2V_ATTR __attribute__((target("avx2,avx512f,avx512vl")))
#define RX_A2V_PREFIX rx_a2avx512_
#define RX_A2V_ROTR24(x) _mm256_ror_epi64((x), 24)
#define RX_A2V_ROTR16(x) _mm256_ror_epi64((x), 16)
#define RX_A2V_ROTR63(x) _mm256_ror_epi64((x), 63)
#include "rx_argon2_avx_body.h"

RX_ARGON2_DEFINE_FILL(rx_argon2_fill_avx512, RX_A2V_ATTR, rx_a2avx512_fill_block)

#else
void rx_argon2_fill_avx512(uint64_t *memory) { rx_argon2_fill_ref(memory); }
#endif
