// Argon2d cache fill: initial hash H0, the first two blocks of each lane via H', then the passes.
// The portable compression function lives here; SIMD variants are in argon2d_{ssse3,avx2,avx512}.c.
#include "rx_argon2.h"
#include "rx_blake2b.h"
#include "rx_cpu.h"
#include <string.h>

static inline uint64_t rx_a2_rotr(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

// BlaMka: Blake2b's addition with an extra 2 * lo32(a) * lo32(b) to strengthen it against ASICs.
static inline uint64_t rx_a2_fblamka(uint64_t a, uint64_t b) {
    return a + b + 2 * (uint64_t)(uint32_t)a * (uint64_t)(uint32_t)b;
}

#define RX_A2_G(a, b, c, d)                                                                        \
    do {                                                                                           \
        a = rx_a2_fblamka(a, b);                                                                   \
        d = rx_a2_rotr(d ^ a, 32);                                                                 \
        c = rx_a2_fblamka(c, d);                                                                   \
        b = rx_a2_rotr(b ^ c, 24);                                                                 \
        a = rx_a2_fblamka(a, b);                                                                   \
        d = rx_a2_rotr(d ^ a, 16);                                                                 \
        c = rx_a2_fblamka(c, d);                                                                   \
        b = rx_a2_rotr(b ^ c, 63);                                                                 \
    } while (0)

#define RX_A2_ROUND(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15)            \
    do {                                                                                           \
        RX_A2_G(v0, v4, v8, v12);                                                                  \
        RX_A2_G(v1, v5, v9, v13);                                                                  \
        RX_A2_G(v2, v6, v10, v14);                                                                 \
        RX_A2_G(v3, v7, v11, v15);                                                                 \
        RX_A2_G(v0, v5, v10, v15);                                                                 \
        RX_A2_G(v1, v6, v11, v12);                                                                 \
        RX_A2_G(v2, v7, v8, v13);                                                                  \
        RX_A2_G(v3, v4, v9, v14);                                                                  \
    } while (0)

static inline void rx_a2_fill_block_ref(const uint64_t *prev, const uint64_t *ref, uint64_t *next,
                                        int with_xor) {
    uint64_t r[128], keep[128];
    for (int i = 0; i < 128; i++) {
        r[i] = prev[i] ^ ref[i];
        keep[i] = with_xor ? r[i] ^ next[i] : r[i];
    }
    // Rows: eight runs of 16 consecutive words.
    for (int i = 0; i < 8; i++) {
        uint64_t *v = r + 16 * i;
        RX_A2_ROUND(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                    v[13], v[14], v[15]);
    }
    // Columns: word pairs (2i, 2i+1) taken from each of the eight rows.
    for (int i = 0; i < 8; i++) {
        uint64_t *v = r + 2 * i;
        RX_A2_ROUND(v[0], v[1], v[16], v[17], v[32], v[33], v[48], v[49], v[64], v[65], v[80], v[81],
                    v[96], v[97], v[112], v[113]);
    }
    for (int i = 0; i < 128; i++) next[i] = r[i] ^ keep[i];
}

RX_ARGON2_DEFINE_FILL(rx_argon2_fill_ref, , rx_a2_fill_block_ref)

static void rx_a2_store32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

// Argon2's variable-length hash H' for a 1024-byte output: 32-byte halves of a Blake2b-512 chain,
// with the last link giving a full 64 bytes.
static void rx_a2_hprime_block(uint64_t *block, const uint8_t *in, size_t in_len) {
    uint8_t *out = (uint8_t *)block;
    uint8_t v[64], len[4];
    rx_blake2b_state s;
    rx_a2_store32(len, 1024);
    rx_blake2b_init(&s, 64);
    rx_blake2b_update(&s, len, 4);
    rx_blake2b_update(&s, in, in_len);
    rx_blake2b_final(&s, v);
    memcpy(out, v, 32);
    size_t pos = 32;
    while (1024 - pos > 64) {
        rx_blake2b_hash(v, 64, v, 64);
        memcpy(out + pos, v, 32);
        pos += 32;
    }
    rx_blake2b_hash(v, 64, v, 64);
    memcpy(out + pos, v, 64);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (int i = 0; i < 128; i++) block[i] = __builtin_bswap64(block[i]);
#endif
}

int rx_argon2_impl_supported(rx_argon2_impl impl) {
    const rx_cpu_features *f = rx_cpu_get();
    switch (impl) {
    case RX_ARGON2_REF: return 1;
    case RX_ARGON2_SSSE3: return f->ssse3;
    case RX_ARGON2_AVX2: return f->avx2;
    case RX_ARGON2_AVX512: return f->avx512f && f->avx512vl;
    default: return 0;
    }
}

rx_argon2_impl rx_argon2_best_impl(void) {
    // AVX-512 first only where it is real: the variant uses 256-bit vectors with VL rotates, so it
    // never lowers clocks the way 512-bit code can on older Intel parts.
    if (rx_argon2_impl_supported(RX_ARGON2_AVX512)) return RX_ARGON2_AVX512;
    if (rx_argon2_impl_supported(RX_ARGON2_AVX2)) return RX_ARGON2_AVX2;
    if (rx_argon2_impl_supported(RX_ARGON2_SSSE3)) return RX_ARGON2_SSSE3;
    return RX_ARGON2_REF;
}

void rx_argon2d_fill_cache(void *memory, const void *key, size_t key_size, rx_argon2_impl impl) {
    uint64_t *mem = (uint64_t *)memory;
    uint8_t word[4];
    uint8_t seed[72];
    rx_blake2b_state s;

    // H0 over the parameters, password (the key), salt, and the empty secret and associated data.
    rx_blake2b_init(&s, 64);
    const uint32_t params[6] = {RX_ARGON_LANES, 0 /* tag length */, RX_ARGON_MEMORY,
                                RX_ARGON_ITERATIONS, RX_ARGON_VERSION, 0 /* Argon2d */};
    for (int i = 0; i < 6; i++) {
        rx_a2_store32(word, params[i]);
        rx_blake2b_update(&s, word, 4);
    }
    rx_a2_store32(word, (uint32_t)key_size);
    rx_blake2b_update(&s, word, 4);
    rx_blake2b_update(&s, key, key_size);
    rx_a2_store32(word, RX_ARGON_SALT_SIZE);
    rx_blake2b_update(&s, word, 4);
    rx_blake2b_update(&s, RX_ARGON_SALT, RX_ARGON_SALT_SIZE);
    rx_a2_store32(word, 0);
    rx_blake2b_update(&s, word, 4);
    rx_blake2b_update(&s, word, 4);
    rx_blake2b_final(&s, seed);

    for (uint32_t lane = 0; lane < RX_ARGON_LANES; lane++) {
        for (uint32_t b = 0; b < 2; b++) {
            rx_a2_store32(seed + 64, b);
            rx_a2_store32(seed + 68, lane);
            rx_a2_hprime_block(mem + ((size_t)lane * RX_ARGON_LANE_LENGTH + b) * RX_ARGON_BLOCK_WORDS,
                               seed, sizeof seed);
        }
    }

    if (impl == RX_ARGON2_AUTO || !rx_argon2_impl_supported(impl)) impl = rx_argon2_best_impl();
    switch (impl) {
    case RX_ARGON2_AVX512: rx_argon2_fill_avx512(mem); break;
    case RX_ARGON2_AVX2: rx_argon2_fill_avx2(mem); break;
    case RX_ARGON2_SSSE3: rx_argon2_fill_ssse3(mem); break;
    default: rx_argon2_fill_ref(mem); break;
    }
}
