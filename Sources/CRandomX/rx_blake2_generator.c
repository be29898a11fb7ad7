#include "rx_blake2_generator.h"
#include "rx_blake2b.h"
#include <string.h>

enum { RX_GEN_MAX_SEED = 60 };

void rx_blake2_generator_init(rx_blake2_generator *gen, const void *seed, size_t seed_size, uint32_t nonce) {
    memset(gen->data, 0, sizeof gen->data);
    if (seed_size > RX_GEN_MAX_SEED) seed_size = RX_GEN_MAX_SEED;
    if (seed_size) memcpy(gen->data, seed, seed_size);
    gen->data[60] = (uint8_t)nonce;
    gen->data[61] = (uint8_t)(nonce >> 8);
    gen->data[62] = (uint8_t)(nonce >> 16);
    gen->data[63] = (uint8_t)(nonce >> 24);
    // Nothing is readable yet: the first request hashes the seeded state.
    gen->index = sizeof gen->data;
}

static inline void rx_gen_need(rx_blake2_generator *gen, size_t n) {
    if (gen->index + n > sizeof gen->data) {
        rx_blake2b_hash(gen->data, sizeof gen->data, gen->data, sizeof gen->data);
        gen->index = 0;
    }
}

uint8_t rx_blake2_generator_byte(rx_blake2_generator *gen) {
    rx_gen_need(gen, 1);
    return gen->data[gen->index++];
}

uint32_t rx_blake2_generator_u32(rx_blake2_generator *gen) {
    rx_gen_need(gen, 4);
    const uint8_t *p = gen->data + gen->index;
    gen->index += 4;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
