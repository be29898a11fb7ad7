// SHA-256d nonce scan with the x86 SHA extensions (SHA-NI), four nonces interleaved.
//
// SHA256RNDS2 does two rounds. On Zen 4 it has a latency of 4 cycles and can issue every cycle
// (measured on the dev box: 3.8-4.0 cycles for a dependent chain, 0.95 cycles each with four
// independent chains), so a single hash leaves the unit idle three cycles in four. STREAMS
// independent nonces therefore run in lock step. The per-nonce work is also cut down (see
// sha256d_job.h):
// - block 2 starts at round 4: the state there is a constant plus W3 in the a and e lanes;
// - K + W of rounds 4..15 are constants, and W16..W31 reuse constant partial schedules;
// - the second hash's rounds 8..15 use constant K + W and it stops after rounds 60-61, because
//   H7 = IV7 + (the f lane after round 61).
// That is 30 + 31 = 61 SHA256RNDS2 per nonce instead of 64.
//
// State layout is the one SHA256RNDS2 uses: ABEF = {F, E, B, A} and CDGH = {H, G, D, C} in
// lanes 0..3. Message vectors hold W[4i..4i+3] in lanes 0..3.
#include "CHashKernels.h"
#include "sha256d_job.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdatomic.h>

// Four chains cover the 4-cycle latency. Measured on Zen 4 (VEX build, MH/s per thread): 1 stream
// 18.5, 2 streams 29.9, 4 streams 31.0, 3 and 5 the same as 4 within noise. Beyond two streams the
// limit is issue bandwidth rather than latency: the ~140 other vector ops per nonce (K adds,
// shuffles, message schedule) compete with SHA256RNDS2 for the FP pipes, and with 16 XMM
// registers four streams already spill a little.
#ifndef RIG_SHANI_STREAMS
#define RIG_SHANI_STREAMS 4
#endif
#define STREAMS RIG_SHANI_STREAMS
#define FOR_STREAMS for (int s = 0; s < STREAMS; s++)

// Compiled twice: with legacy SSE encoding for every SHA-NI CPU (the SHA instructions exist only
// in that encoding, and Goldmont-class Atoms have SHA-NI without AVX), and with VEX encoding where
// AVX2 is present. VEX's three-operand forms drop most register copies around the destructive
// SSE instructions; that measured 5-10% faster on Zen 4.
#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))
#define SHANI_SCAN_NAME scan_shani_sse
#include "sha256d_shani_body.h"
#undef SHANI_TARGET
#undef SHANI_SCAN_NAME

#define SHANI_TARGET __attribute__((target("sha,avx2")))
#define SHANI_SCAN_NAME scan_shani_vex
#include "sha256d_shani_body.h"
#undef SHANI_TARGET
#undef SHANI_SCAN_NAME

// 0 until the first call has asked CPUID, then 1 (no AVX2) or 2 (AVX2).
// This is safe to share between worker threads because every thread that finds 0 computes and
// stores the same value, and the relaxed atomic makes the concurrent load/store well defined.
static _Atomic int vex_support;

uint32_t rig_sha256d_scan_shani(const uint32_t midstate[8], const uint8_t tail[16],
                                uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    int vex = atomic_load_explicit(&vex_support, memory_order_relaxed);
    if (vex == 0) {
        vex = rig_cpu_has_avx2() ? 2 : 1;
        atomic_store_explicit(&vex_support, vex, memory_order_relaxed);
    }
    rig_sha256d_scan_fn scan = vex == 2 ? scan_shani_vex : scan_shani_sse;
    return scan(midstate, tail, first_nonce, count, target_top, found_nonces, found_tops, max_found);
}

#else

uint32_t rig_sha256d_scan_shani(const uint32_t midstate[8], const uint8_t tail[16],
                                uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    return rig_sha256d_scan_generic(midstate, tail, first_nonce, count, target_top, found_nonces,
                                    found_tops, max_found);
}

#endif
