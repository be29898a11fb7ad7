#ifndef RIGTOP_CHASHKERNELS_H
#define RIGTOP_CHASHKERNELS_H
// Hot hash kernels for rigtop, with run-time CPU dispatch.
//
// Every kernel here has a portable Swift twin in RigEngine; the test suite compares them on random
// inputs. Kernels allocate nothing, take no locks and never call back into Swift.
//
// Conventions
// - SHA-256 state words are host-order uint32 (FIPS 180-4 H0..H7).
// - A "top" value is the most significant 32 bits of a digest read as a Bitcoin-style little-endian
//   256-bit number: top = d[28] | d[29] << 8 | d[30] << 16 | d[31] << 24 (that is bswap32(H7) of the
//   final hash). Candidate test: top <= target_top. The caller re-verifies every candidate in full.
#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: CPU features (x86-64 CPUID + XGETBV; all zero elsewhere)
int rig_cpu_has_sse41(void);
int rig_cpu_has_avx2(void);
int rig_cpu_has_avx512(void);   // AVX-512 F + VL + BW, and the OS saves ZMM state
int rig_cpu_has_sha_ni(void);   // SHA extensions + SSE4.1

// MARK: SHA-256d nonce scan
//
// `midstate` is the SHA-256 state after compressing header bytes 0..<64. `tail` is header bytes
// 64..<80 (merkle root tail, ntime, nbits, nonce); its nonce field (bytes 12..<16) is ignored and
// replaced by each nonce, stored little-endian as in the Bitcoin header.
// Hashes nonces first_nonce ..< first_nonce + count (count may be any value; wraps modulo 2^32),
// writes up to max_found candidates (nonce and its top) and returns the number of candidates found
// (which may exceed max_found; the extra ones are dropped).
typedef uint32_t (*rig_sha256d_scan_fn)(const uint32_t midstate[8], const uint8_t tail[16],
                                        uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                        uint32_t *found_nonces, uint32_t *found_tops,
                                        uint32_t max_found);

uint32_t rig_sha256d_scan_generic(const uint32_t midstate[8], const uint8_t tail[16],
                                  uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                  uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found);
uint32_t rig_sha256d_scan_shani(const uint32_t midstate[8], const uint8_t tail[16],
                                uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found);
uint32_t rig_sha256d_scan_avx2(const uint32_t midstate[8], const uint8_t tail[16],
                               uint32_t first_nonce, uint32_t count, uint32_t target_top,
                               uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found);
uint32_t rig_sha256d_scan_avx512(const uint32_t midstate[8], const uint8_t tail[16],
                                 uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                 uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found);

// MARK: scrypt (N=1024, r=1, p=1, dkLen=32; password = salt = the 80-byte input)
//
// A kernel hashes exactly `lanes` inputs per call: `inputs` holds lanes × 80 bytes back to back,
// `outputs` receives lanes × 32 bytes. `scratch` is caller-owned memory of at least
// rig_scrypt_scratch_size(lanes) bytes, 64-byte aligned, allocated once per worker thread.
size_t rig_scrypt_scratch_size(uint32_t lanes);
void rig_scrypt_generic(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch);
void rig_scrypt_sse2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch);
void rig_scrypt_avx2(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch);
void rig_scrypt_avx512(const uint8_t *inputs, uint8_t *outputs, uint32_t lanes, void *scratch);
// The lane count each scrypt kernel is fastest at (a multiple of its SIMD width).
uint32_t rig_scrypt_preferred_lanes_generic(void);
uint32_t rig_scrypt_preferred_lanes_sse2(void);
uint32_t rig_scrypt_preferred_lanes_avx2(void);
uint32_t rig_scrypt_preferred_lanes_avx512(void);

#ifdef __cplusplus
}
#endif
#endif
