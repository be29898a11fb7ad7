// Private to CHashKernels: the body of the SHA-NI nonce scan, included by sha256d_shani.c once per
// instruction encoding. Expects SHANI_TARGET (a target attribute), SHANI_SCAN_NAME, STREAMS and
// FOR_STREAMS; see sha256d_shani.c for the design.

#define KV(i) _mm_set_epi32((int)rig_sha256_k[4 * (i) + 3], (int)rig_sha256_k[4 * (i) + 2], \
                            (int)rig_sha256_k[4 * (i) + 1], (int)rig_sha256_k[4 * (i)])

// Four rounds on every stream: rounds 4i..4i+3 with message vector m[s] (K not yet added).
#define ROUNDS4_MSG(i, m)                                                           \
    do {                                                                            \
        __m128i wk_[STREAMS];                                                       \
        FOR_STREAMS {                                                               \
            wk_[s] = _mm_add_epi32((m)[s], KV(i));                                  \
            cdgh[s] = _mm_sha256rnds2_epu32(cdgh[s], abef[s], wk_[s]);              \
        }                                                                           \
        FOR_STREAMS {                                                               \
            wk_[s] = _mm_shuffle_epi32(wk_[s], 0x0e);                               \
            abef[s] = _mm_sha256rnds2_epu32(abef[s], cdgh[s], wk_[s]);              \
        }                                                                           \
    } while (0)

// Four rounds with K + W already known: lo holds rounds 4i, 4i+1 and hi rounds 4i+2, 4i+3.
#define ROUNDS4_CONST(lo, hi)                                                       \
    do {                                                                            \
        FOR_STREAMS cdgh[s] = _mm_sha256rnds2_epu32(cdgh[s], abef[s], (lo));        \
        FOR_STREAMS abef[s] = _mm_sha256rnds2_epu32(abef[s], cdgh[s], (hi));        \
    } while (0)

// W[4k..4k+3] from the four previous message vectors (FIPS 180-4 §6.2.2 step 1).
#define SCHEDULE(out, m16, m12, m8, m4)                                             \
    FOR_STREAMS (out)[s] = _mm_sha256msg2_epu32(                                    \
        _mm_add_epi32(_mm_sha256msg1_epu32((m16)[s], (m12)[s]),                     \
                      _mm_alignr_epi8((m4)[s], (m8)[s], 4)),                        \
        (m4)[s])

// K + W for two rounds, in the low half of a message operand.
#define KW_PAIR(lo, hi) _mm_set_epi32(0, 0, (int)(hi), (int)(lo))

SHANI_TARGET
static uint32_t SHANI_SCAN_NAME(const uint32_t midstate[8], const uint8_t tail[16],
                                uint32_t first_nonce, uint32_t count, uint32_t target_top,
                                uint32_t *found_nonces, uint32_t *found_tops, uint32_t max_found) {
    struct rig_sha256d_job job;
    rig_sha256d_job_init(&job, midstate, tail);
    const uint32_t *ms = job.midstate, *iv = rig_sha256_iv;

    // Block 2 of the header hash.
    const __m128i abef4 = _mm_set_epi32((int)job.a4, (int)job.s3[0], (int)job.e4, (int)job.s3[4]);
    const __m128i cdgh4 = _mm_set_epi32((int)job.s3[1], (int)job.s3[2], (int)job.s3[5], (int)job.s3[6]);
    const __m128i kw1_4 = KW_PAIR(job.kw1[4], job.kw1[5]), kw1_6 = KW_PAIR(job.kw1[6], job.kw1[7]);
    const __m128i kw1_8 = KW_PAIR(job.kw1[8], job.kw1[9]), kw1_10 = KW_PAIR(job.kw1[10], job.kw1[11]);
    const __m128i kw1_12 = KW_PAIR(job.kw1[12], job.kw1[13]), kw1_14 = KW_PAIR(job.kw1[14], job.kw1[15]);
    const __m128i w1_4 = _mm_set_epi32(0, 0, 0, (int)RIG_PAD_HEADER_W4);           // W4..W7
    const __m128i zero = _mm_setzero_si128();                                      // W8..W11
    const __m128i w1_12 = _mm_set_epi32((int)RIG_PAD_HEADER_W15, 0, 0, 0);         // W12..W15
    // W16..W19 = w16_base + {0, 0, σ0(W3), W3}.
    const __m128i w16_base = _mm_set_epi32((int)job.w19, (int)job.w18, (int)job.w17, (int)job.w16);
    // The parts of the W20..W31 recurrences that do not involve W18 and later: σ0 terms of
    // constant words plus the W[i-7] that are still constant (W13..W16).
    const __m128i q20 = _mm_add_epi32(_mm_sha256msg1_epu32(w1_4, zero),
                                      _mm_set_epi32((int)job.w16, (int)RIG_PAD_HEADER_W15, 0, 0));
    const __m128i q24 = _mm_sha256msg1_epu32(zero, w1_12);
    const __m128i q28 = _mm_sha256msg1_epu32(w1_12, _mm_cvtsi32_si128((int)job.w16));
    const __m128i ms_abef = _mm_set_epi32((int)ms[0], (int)ms[1], (int)ms[4], (int)ms[5]);
    const __m128i ms_cdgh = _mm_set_epi32((int)ms[2], (int)ms[3], (int)ms[6], (int)ms[7]);

    // Second hash: IV state, and K + W of rounds 8..15 (W8 = 0x80000000, W15 = 256).
    const __m128i abef_iv = _mm_set_epi32((int)iv[0], (int)iv[1], (int)iv[4], (int)iv[5]);
    const __m128i cdgh_iv = _mm_set_epi32((int)iv[2], (int)iv[3], (int)iv[6], (int)iv[7]);
    const uint32_t *k = rig_sha256_k;
    const __m128i kw2_8 = KW_PAIR(k[8] + RIG_PAD_DIGEST_W8, k[9]), kw2_10 = KW_PAIR(k[10], k[11]);
    const __m128i kw2_12 = KW_PAIR(k[12], k[13]), kw2_14 = KW_PAIR(k[14], k[15] + RIG_PAD_DIGEST_W15);
    const __m128i w2_8 = _mm_cvtsi32_si128((int)RIG_PAD_DIGEST_W8);                 // W8..W11
    const __m128i w2_12 = _mm_set_epi32((int)RIG_PAD_DIGEST_W15, 0, 0, 0);          // W12..W15
    const __m128i q2_24 = _mm_sha256msg1_epu32(w2_8, w2_12);

    uint32_t found = 0;
    for (uint32_t done = 0; done < count; done += STREAMS) {
        const uint32_t base = first_nonce + done;
        __m128i abef[STREAMS], cdgh[STREAMS];
        __m128i m0[STREAMS], m1[STREAMS], m2[STREAMS], m3[STREAMS];

        // Header hash, block 2, rounds 4..63.
        FOR_STREAMS {
            // W3 is the nonce read big-endian; x = {W3, 0, 0, 0}.
            const __m128i x = _mm_cvtsi32_si128((int)__builtin_bswap32(base + (uint32_t)s));
            abef[s] = _mm_add_epi32(abef4, _mm_shuffle_epi32(x, 0x11));  // + W3 in lanes 1, 3
            cdgh[s] = cdgh4;
            // msg1({0, 0, 0, W3}, 0) = {0, 0, σ0(W3), W3}.
            m0[s] = _mm_add_epi32(w16_base, _mm_sha256msg1_epu32(_mm_slli_si128(x, 12), zero));
        }
        ROUNDS4_CONST(kw1_4, kw1_6);
        ROUNDS4_CONST(kw1_8, kw1_10);
        ROUNDS4_CONST(kw1_12, kw1_14);
        ROUNDS4_MSG(4, m0);                                             // W16..W19
        FOR_STREAMS m1[s] = _mm_sha256msg2_epu32(q20, m0[s]);
        ROUNDS4_MSG(5, m1);                                             // W20..W23
        FOR_STREAMS m2[s] = _mm_sha256msg2_epu32(
            _mm_add_epi32(q24, _mm_alignr_epi8(m1[s], m0[s], 4)), m1[s]);
        ROUNDS4_MSG(6, m2);                                             // W24..W27
        FOR_STREAMS m3[s] = _mm_sha256msg2_epu32(
            _mm_add_epi32(q28, _mm_alignr_epi8(m2[s], m1[s], 4)), m2[s]);
        ROUNDS4_MSG(7, m3);                                             // W28..W31
        SCHEDULE(m0, m0, m1, m2, m3); ROUNDS4_MSG(8, m0);
        SCHEDULE(m1, m1, m2, m3, m0); ROUNDS4_MSG(9, m1);
        SCHEDULE(m2, m2, m3, m0, m1); ROUNDS4_MSG(10, m2);
        SCHEDULE(m3, m3, m0, m1, m2); ROUNDS4_MSG(11, m3);
        SCHEDULE(m0, m0, m1, m2, m3); ROUNDS4_MSG(12, m0);
        SCHEDULE(m1, m1, m2, m3, m0); ROUNDS4_MSG(13, m1);
        SCHEDULE(m2, m2, m3, m0, m1); ROUNDS4_MSG(14, m2);
        SCHEDULE(m3, m3, m0, m1, m2); ROUNDS4_MSG(15, m3);

        // Second hash: its W0..W7 are the header hash H0..H7.
        FOR_STREAMS {
            const __m128i abef_out = _mm_add_epi32(abef[s], ms_abef);
            const __m128i cdgh_out = _mm_add_epi32(cdgh[s], ms_cdgh);
            // {D, C, B, A} -> {A, B, C, D} and {H, G, F, E} -> {E, F, G, H}.
            m0[s] = _mm_shuffle_epi32(_mm_unpackhi_epi64(cdgh_out, abef_out), 0x1b);
            m1[s] = _mm_shuffle_epi32(_mm_unpacklo_epi64(cdgh_out, abef_out), 0x1b);
            abef[s] = abef_iv;
            cdgh[s] = cdgh_iv;
        }
        ROUNDS4_MSG(0, m0);
        ROUNDS4_MSG(1, m1);
        ROUNDS4_CONST(kw2_8, kw2_10);
        ROUNDS4_CONST(kw2_12, kw2_14);
        // W16..W31: the recurrences with W8..W15 substituted.
        FOR_STREAMS m2[s] = _mm_sha256msg2_epu32(_mm_sha256msg1_epu32(m0[s], m1[s]), w2_12);
        ROUNDS4_MSG(4, m2);                                             // W16..W19
        FOR_STREAMS m3[s] = _mm_sha256msg2_epu32(
            _mm_add_epi32(_mm_sha256msg1_epu32(m1[s], w2_8), _mm_alignr_epi8(m2[s], w2_12, 4)),
            m2[s]);
        ROUNDS4_MSG(5, m3);                                             // W20..W23
        FOR_STREAMS m0[s] = _mm_sha256msg2_epu32(
            _mm_add_epi32(q2_24, _mm_alignr_epi8(m3[s], m2[s], 4)), m3[s]);
        ROUNDS4_MSG(6, m0);                                             // W24..W27
        FOR_STREAMS m1[s] = _mm_sha256msg2_epu32(
            _mm_add_epi32(_mm_sha256msg1_epu32(w2_12, m2[s]), _mm_alignr_epi8(m0[s], m3[s], 4)),
            m0[s]);
        ROUNDS4_MSG(7, m1);                                             // W28..W31
        SCHEDULE(m2, m2, m3, m0, m1); ROUNDS4_MSG(8, m2);
        SCHEDULE(m3, m3, m0, m1, m2); ROUNDS4_MSG(9, m3);
        SCHEDULE(m0, m0, m1, m2, m3); ROUNDS4_MSG(10, m0);
        SCHEDULE(m1, m1, m2, m3, m0); ROUNDS4_MSG(11, m1);
        SCHEDULE(m2, m2, m3, m0, m1); ROUNDS4_MSG(12, m2);
        SCHEDULE(m3, m3, m0, m1, m2); ROUNDS4_MSG(13, m3);
        SCHEDULE(m0, m0, m1, m2, m3); ROUNDS4_MSG(14, m0);
        SCHEDULE(m1, m1, m2, m3, m0);                                   // W60..W63
        // Rounds 60-61 only: the new ABEF's F lane is e after round 60, which rounds 61..63
        // would carry into H7 unchanged.
        uint32_t h7[STREAMS];
        FOR_STREAMS {
            const __m128i abef62 = _mm_sha256rnds2_epu32(cdgh[s], abef[s], _mm_add_epi32(m1[s], KV(15)));
            h7[s] = (uint32_t)_mm_cvtsi128_si32(abef62) + iv[7];
        }

        const uint32_t lanes = count - done < STREAMS ? count - done : STREAMS;
        for (uint32_t s = 0; s < lanes; s++) {
            const uint32_t top = __builtin_bswap32(h7[s]);
            if (top <= target_top) {
                rig_sha256d_record(base + s, top, found_nonces, found_tops, max_found, &found);
            }
        }
        if (count - done <= STREAMS) break;  // also stops `done` from wrapping near 2^32
    }
    return found;
}

#undef KV
#undef ROUNDS4_MSG
#undef ROUNDS4_CONST
#undef SCHEDULE
#undef KW_PAIR
