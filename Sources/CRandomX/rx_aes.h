#ifndef RX_AES_H
#define RX_AES_H
// The AES-based generators and hash of spec chapter 3 (AesGenerator1R, AesGenerator4R, AesHash1R)
// and v2's F/E mixing (spec 4.6.2 step 10), each in an AES-NI and a table-based software form.
// "aesenc"/"aesdec" mean one x86 AESENC/AESDEC round (spec 3.1): the state is 16 bytes in memory
// order, the round key is XOR-ed last.
#include <stddef.h>
#include <stdint.h>

typedef struct rx_aes_impl {
    /// AesGenerator1R: writes `size` (a multiple of 64) bytes to `out`; `state` (64 bytes) becomes
    /// the generator's final state (spec chapter 2 step 5 seeds AesGenerator4R with it).
    void (*fill1r)(void *state, size_t size, void *out);
    /// AesGenerator4R: writes `size` (a multiple of 64) bytes; `state` is not modified.
    void (*fill4r)(const void *state, size_t size, void *out);
    /// AesHash1R over `size` (a multiple of 64) bytes into 64 bytes at `hash`.
    void (*hash1r)(const void *in, size_t size, void *hash);
    /// AesHash1R of `pad` followed by AesGenerator1R(fill_state) over the same bytes, in one pass:
    /// each 64-byte block is hashed before it is overwritten. Used by hash_next's pipelining.
    void (*hash_fill1r)(void *pad, size_t size, void *hash, void *fill_state);
    /// v2 step 10: f (4 x 16 bytes) is mixed with the round keys e (4 x 16 bytes):
    /// for i in 0..3: f0 = aesenc(f0, e_i), f1 = aesdec(f1, e_i), f2 = aesenc(f2, e_i),
    /// f3 = aesdec(f3, e_i).
    void (*mix_fe)(void *f, const void *e);
    /// One round each, for tests and other engines.
    void (*enc)(void *state16, const void *key16);
    void (*dec)(void *state16, const void *key16);
} rx_aes_impl;

/// The software implementation (always available).
extern const rx_aes_impl rx_aes_soft;
/// The AES-NI implementation, or NULL when not compiled for x86-64 or the CPU lacks AES-NI.
const rx_aes_impl *rx_aes_hard(void);
/// rx_aes_hard() when `want_hard` and available, otherwise &rx_aes_soft.
const rx_aes_impl *rx_aes_select(int want_hard);

#endif
