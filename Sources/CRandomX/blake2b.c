// Blake2b as specified in RFC 7693: unkeyed, no salt or personalisation, sequential mode.
#include "rx_blake2b.h"
#include "CRandomX.h"
#include <string.h>

static const uint64_t rx_blake2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static const uint8_t rx_blake2b_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static inline uint64_t rx_load64(const void *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void rx_store64(void *p, uint64_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

static inline uint64_t rx_rotr64(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

#define RX_G(r, i, a, b, c, d)                                                                     \
    do {                                                                                           \
        a = a + b + m[rx_blake2b_sigma[r][2 * (i)]];                                               \
        d = rx_rotr64(d ^ a, 32);                                                                  \
        c = c + d;                                                                                 \
        b = rx_rotr64(b ^ c, 24);                                                                  \
        a = a + b + m[rx_blake2b_sigma[r][2 * (i) + 1]];                                           \
        d = rx_rotr64(d ^ a, 16);                                                                  \
        c = c + d;                                                                                 \
        b = rx_rotr64(b ^ c, 63);                                                                  \
    } while (0)

static void rx_blake2b_compress(rx_blake2b_state *s, const uint8_t *block, int last) {
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = rx_load64(block + 8 * i);
    for (int i = 0; i < 8; i++) {
        v[i] = s->h[i];
        v[i + 8] = rx_blake2b_iv[i];
    }
    v[12] ^= s->t[0];
    v[13] ^= s->t[1];
    if (last) v[14] = ~v[14];
    for (int r = 0; r < 12; r++) {
        RX_G(r, 0, v[0], v[4], v[8], v[12]);
        RX_G(r, 1, v[1], v[5], v[9], v[13]);
        RX_G(r, 2, v[2], v[6], v[10], v[14]);
        RX_G(r, 3, v[3], v[7], v[11], v[15]);
        RX_G(r, 4, v[0], v[5], v[10], v[15]);
        RX_G(r, 5, v[1], v[6], v[11], v[12]);
        RX_G(r, 6, v[2], v[7], v[8], v[13]);
        RX_G(r, 7, v[3], v[4], v[9], v[14]);
    }
    for (int i = 0; i < 8; i++) s->h[i] ^= v[i] ^ v[i + 8];
}

static inline void rx_blake2b_count(rx_blake2b_state *s, uint64_t n) {
    s->t[0] += n;
    if (s->t[0] < n) s->t[1]++;
}

int rx_blake2b_init(rx_blake2b_state *s, size_t outlen) {
    if (outlen == 0 || outlen > RX_BLAKE2B_OUTBYTES) return -1;
    memcpy(s->h, rx_blake2b_iv, sizeof s->h);
    // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
    s->h[0] ^= 0x01010000ULL ^ (uint64_t)outlen;
    s->t[0] = s->t[1] = 0;
    s->buflen = 0;
    s->outlen = outlen;
    memset(s->buf, 0, sizeof s->buf);
    return 0;
}

void rx_blake2b_update(rx_blake2b_state *s, const void *in_, size_t inlen) {
    const uint8_t *in = (const uint8_t *)in_;
    if (inlen == 0) return;
    // The last block must be compressed with the final flag, so a full buffer is held back
    // until more input shows it was not the last.
    size_t fill = RX_BLAKE2B_BLOCKBYTES - s->buflen;
    if (inlen > fill) {
        memcpy(s->buf + s->buflen, in, fill);
        rx_blake2b_count(s, RX_BLAKE2B_BLOCKBYTES);
        rx_blake2b_compress(s, s->buf, 0);
        s->buflen = 0;
        in += fill;
        inlen -= fill;
        while (inlen > RX_BLAKE2B_BLOCKBYTES) {
            rx_blake2b_count(s, RX_BLAKE2B_BLOCKBYTES);
            rx_blake2b_compress(s, in, 0);
            in += RX_BLAKE2B_BLOCKBYTES;
            inlen -= RX_BLAKE2B_BLOCKBYTES;
        }
    }
    memcpy(s->buf + s->buflen, in, inlen);
    s->buflen += inlen;
}

void rx_blake2b_final(rx_blake2b_state *s, void *out) {
    uint8_t full[RX_BLAKE2B_OUTBYTES];
    rx_blake2b_count(s, s->buflen);
    memset(s->buf + s->buflen, 0, RX_BLAKE2B_BLOCKBYTES - s->buflen);
    rx_blake2b_compress(s, s->buf, 1);
    for (int i = 0; i < 8; i++) rx_store64(full + 8 * i, s->h[i]);
    memcpy(out, full, s->outlen);
}

int rx_blake2b_hash(void *out, size_t outlen, const void *in, size_t inlen) {
    rx_blake2b_state s;
    if (rx_blake2b_init(&s, outlen) != 0) return -1;
    rx_blake2b_update(&s, in, inlen);
    rx_blake2b_final(&s, out);
    return 0;
}

void rtx_blake2b(void *out, size_t out_size, const void *in, size_t in_size) {
    (void)rx_blake2b_hash(out, out_size, in, in_size);
}
