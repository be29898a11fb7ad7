#ifndef RX_BLAKE2B_H
#define RX_BLAKE2B_H
// Blake2b (RFC 7693), unkeyed, digest 1..64 bytes. The incremental API serves Argon2's H/H',
// the Blake2Generator, the VM's seeding and hashing; rtx_blake2b (CRandomX.h) is the one-shot form.
#include <stddef.h>
#include <stdint.h>

#define RX_BLAKE2B_BLOCKBYTES 128
#define RX_BLAKE2B_OUTBYTES 64

typedef struct rx_blake2b_state {
    uint64_t h[8];
    uint64_t t[2];
    size_t buflen;
    size_t outlen;
    uint8_t buf[RX_BLAKE2B_BLOCKBYTES];
} rx_blake2b_state;

/// Returns 0 on success, -1 when outlen is not in 1...64.
int rx_blake2b_init(rx_blake2b_state *state, size_t outlen);
void rx_blake2b_update(rx_blake2b_state *state, const void *in, size_t inlen);
/// Writes state->outlen bytes to out. The state must be re-initialised before reuse.
void rx_blake2b_final(rx_blake2b_state *state, void *out);
/// One-shot; returns 0 on success, -1 when outlen is not in 1...64.
int rx_blake2b_hash(void *out, size_t outlen, const void *in, size_t inlen);

#endif
