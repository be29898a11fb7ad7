#ifndef RX_BLAKE2_GENERATOR_H
#define RX_BLAKE2_GENERATOR_H
// The spec's BlakeGenerator (chapter 3.5): a 64-byte state S seeded with the key (at most 60 bytes,
// zero padded) and a 32-bit little-endian nonce in bytes 60..63; S = Hash512(S) whenever the
// unread part of S is too short for the request.
#include <stddef.h>
#include <stdint.h>

typedef struct rx_blake2_generator {
    uint8_t data[64];
    size_t index;
} rx_blake2_generator;

/// Keys longer than 60 bytes are truncated to 60, as librandomx does (the spec calls them
/// implementation-defined).
void rx_blake2_generator_init(rx_blake2_generator *gen, const void *seed, size_t seed_size, uint32_t nonce);
uint8_t rx_blake2_generator_byte(rx_blake2_generator *gen);
uint32_t rx_blake2_generator_u32(rx_blake2_generator *gen);

#endif
