// Private to CHashKernels: the body of a lane-parallel SHA-256d nonce scan (one nonce per 32-bit
// lane), shared by the AVX2 (8 lanes) and AVX-512 (32 lanes as two 16-lane vectors) kernels,
// which differ only in their primitive operations. Not a public header: it expands to a function definition and is
// included once per kernel file, after that file defines
//
//   V, LANES, LANES_TARGET, LANES_SCAN_NAME    vector type, lanes (at most 32: hit masks are
//                                              uint32_t), target attribute, function name
//   v_set1(x)  v_add(a, b)  v_bsig0(x)  v_bsig1(x)  v_ssig0(x)  v_ssig1(x)  v_ch(e, f, g)  v_maj(a, b, c)
//   v_nonces(base)          {base, base + 1, ...} (wrapping)
//   v_bswap(x)              byte-swap every lane
//   v_le_mask(x, t)         bit i set when lane i of x <= t (unsigned)
//   v_store(p, x)           store all lanes to uint32_t p[LANES]
//
// Work per nonce is cut down as in sha256d_job.h: block 2 starts at round 4, the padding words
// of both blocks are folded into constants (the schedule terms that involve only them are added
// once), and the second hash stops at round 60, whose new e is H7 minus the IV.

#define RND(a, b, c, d, e, f, g, h, kw)                                            \
    do {                                                                           \
        V t1_ = v_add(v_add(v_add(h, kw), v_ch(e, f, g)), v_bsig1(e));             \
        d = v_add(d, t1_);                                                         \
        h = v_add(v_add(t1_, v_maj(a, b, c)), v_bsig0(a));                         \
    } while (0)

// Round i with its message word W[i] (K added here).
#define RNDW(a, b, c, d, e, f, g, h, i, w) RND(a, b, c, d, e, f, g, h, v_add(w, v_set1(rig_sha256_k[i])))

#define SCHED(W, i) \
    (W[i] = v_add(v_add(v_ssig1(W[(i)-2]), W[(i)-7]), v_add(v_ssig0(W[(i)-15]), W[(i)-16])))

// Eight rounds i..i+7 with message words from `W`, computing those at index >= from by SCHED.
#define RND8(i, W, from)                                                                         \
    RNDW(a, b, c, d, e, f, g, h, i + 0, ((i) + 0 >= (from) ? SCHED(W, (i) + 0) : W[(i) + 0])); \
    RNDW(h, a, b, c, d, e, f, g, i + 1, ((i) + 1 >= (from) ? SCHED(W, (i) + 1) : W[(i) + 1])); \
    RNDW(g, h, a, b, c, d, e, f, i + 2, ((i) + 2 >= (from) ? SCHED(W, (i) + 2) : W[(i) + 2])); \
    RNDW(f, g, h, a, b, c, d, e, i + 3, ((i) + 3 >= (from) ? SCHED(W, (i) + 3) : W[(i) + 3])); \
    RNDW(e, f, g, h, a, b, c, d, i + 4, ((i) + 4 >= (from) ? SCHED(W, (i) + 4) : W[(i) + 4])); \
    RNDW(d, e, f, g, h, a, b, c, i + 5, ((i) + 5 >= (from) ? SCHED(W, (i) + 5) : W[(i) + 5])); \
    RNDW(c, d, e, f, g, h, a, b, i + 6, ((i) + 6 >= (from) ? SCHED(W, (i) + 6) : W[(i) + 6])); \
    RNDW(b, c, d, e, f, g, h, a, i + 7, ((i) + 7 >= (from) ? SCHED(W, (i) + 7) : W[(i) + 7]))

LANES_TARGET
uint32_t LANES_SCAN_NAME(const uint32_t midstate[8], const uint8_t tail[16], uint32_t first_nonce,
                         uint32_t count, uint32_t target_top, uint32_t *found_nonces,
                         uint32_t *found_tops, uint32_t max_found) {
    struct rig_sha256d_job job;
    rig_sha256d_job_init(&job, midstate, tail);
    const uint32_t *k = rig_sha256_k, *iv = rig_sha256_iv;

    // Schedule terms of block 2 that involve only W0..W2, padding and W16/W17 (FIPS 180-4
    // recurrence with W4 = 0x80000000, W5..W14 = 0, W15 = 640).
    const uint32_t c30 = RIG_SSIG0(RIG_PAD_HEADER_W15);                      // σ0(W15) + W14
    const uint32_t c31 = RIG_SSIG0(job.w16) + RIG_PAD_HEADER_W15;            // σ0(W16) + W15
    const uint32_t c32 = RIG_SSIG0(job.w17) + job.w16;                       // σ0(W17) + W16
    // Same for the second hash (W8 = 0x80000000, W9..W14 = 0, W15 = 256).
    const uint32_t d17 = RIG_SSIG1(RIG_PAD_DIGEST_W15);                      // σ1(W15)
    const uint32_t d23 = RIG_SSIG0(RIG_PAD_DIGEST_W8);                       // σ0(W8)
    const uint32_t d30 = RIG_SSIG0(RIG_PAD_DIGEST_W15);                      // σ0(W15)

    const V target = v_set1(target_top);
    uint32_t found = 0;
    for (uint32_t done = 0; done < count; done += LANES) {
        const uint32_t base = first_nonce + done;
        const V w3 = v_bswap(v_nonces(base));  // the nonce is little-endian; SHA reads big-endian

        // Header hash, block 2: rounds 4..63. Round 4 uses the names rotated by four.
        V W[64];
        V e = v_add(v_set1(job.a4), w3), f = v_set1(job.s3[0]), g = v_set1(job.s3[1]), h = v_set1(job.s3[2]);
        V a = v_add(v_set1(job.e4), w3), b = v_set1(job.s3[4]), c = v_set1(job.s3[5]), d = v_set1(job.s3[6]);
        RND(e, f, g, h, a, b, c, d, v_set1(job.kw1[4]));
        RND(d, e, f, g, h, a, b, c, v_set1(job.kw1[5]));
        RND(c, d, e, f, g, h, a, b, v_set1(job.kw1[6]));
        RND(b, c, d, e, f, g, h, a, v_set1(job.kw1[7]));
        RND(a, b, c, d, e, f, g, h, v_set1(job.kw1[8]));
        RND(h, a, b, c, d, e, f, g, v_set1(job.kw1[9]));
        RND(g, h, a, b, c, d, e, f, v_set1(job.kw1[10]));
        RND(f, g, h, a, b, c, d, e, v_set1(job.kw1[11]));
        RND(e, f, g, h, a, b, c, d, v_set1(job.kw1[12]));
        RND(d, e, f, g, h, a, b, c, v_set1(job.kw1[13]));
        RND(c, d, e, f, g, h, a, b, v_set1(job.kw1[14]));
        RND(b, c, d, e, f, g, h, a, v_set1(job.kw1[15]));
        RND(a, b, c, d, e, f, g, h, v_set1(job.kw1[16]));
        RND(h, a, b, c, d, e, f, g, v_set1(job.kw1[17]));
        W[18] = v_add(v_set1(job.w18), v_ssig0(w3));
        RNDW(g, h, a, b, c, d, e, f, 18, W[18]);
        W[19] = v_add(v_set1(job.w19), w3);
        RNDW(f, g, h, a, b, c, d, e, 19, W[19]);
        W[20] = v_add(v_ssig1(W[18]), v_set1(RIG_PAD_HEADER_W4));
        RNDW(e, f, g, h, a, b, c, d, 20, W[20]);
        W[21] = v_ssig1(W[19]);
        RNDW(d, e, f, g, h, a, b, c, 21, W[21]);
        W[22] = v_add(v_ssig1(W[20]), v_set1(RIG_PAD_HEADER_W15));
        RNDW(c, d, e, f, g, h, a, b, 22, W[22]);
        W[23] = v_add(v_ssig1(W[21]), v_set1(job.w16));
        RNDW(b, c, d, e, f, g, h, a, 23, W[23]);
        W[24] = v_add(v_ssig1(W[22]), v_set1(job.w17));
        RNDW(a, b, c, d, e, f, g, h, 24, W[24]);
        W[25] = v_add(v_ssig1(W[23]), W[18]);
        RNDW(h, a, b, c, d, e, f, g, 25, W[25]);
        W[26] = v_add(v_ssig1(W[24]), W[19]);
        RNDW(g, h, a, b, c, d, e, f, 26, W[26]);
        W[27] = v_add(v_ssig1(W[25]), W[20]);
        RNDW(f, g, h, a, b, c, d, e, 27, W[27]);
        W[28] = v_add(v_ssig1(W[26]), W[21]);
        RNDW(e, f, g, h, a, b, c, d, 28, W[28]);
        W[29] = v_add(v_ssig1(W[27]), W[22]);
        RNDW(d, e, f, g, h, a, b, c, 29, W[29]);
        W[30] = v_add(v_add(v_ssig1(W[28]), W[23]), v_set1(c30));
        RNDW(c, d, e, f, g, h, a, b, 30, W[30]);
        W[31] = v_add(v_add(v_ssig1(W[29]), W[24]), v_set1(c31));
        RNDW(b, c, d, e, f, g, h, a, 31, W[31]);
        W[32] = v_add(v_add(v_ssig1(W[30]), W[25]), v_set1(c32));
        RNDW(a, b, c, d, e, f, g, h, 32, W[32]);
        W[33] = v_add(v_add(v_ssig1(W[31]), W[26]), v_add(v_ssig0(W[18]), v_set1(job.w17)));
        RNDW(h, a, b, c, d, e, f, g, 33, W[33]);
        W[34] = v_add(v_add(v_ssig1(W[32]), W[27]), v_add(v_ssig0(W[19]), W[18]));
        RNDW(g, h, a, b, c, d, e, f, 34, W[34]);
        W[35] = v_add(v_add(v_ssig1(W[33]), W[28]), v_add(v_ssig0(W[20]), W[19]));
        RNDW(f, g, h, a, b, c, d, e, 35, W[35]);
        RNDW(e, f, g, h, a, b, c, d, 36, SCHED(W, 36));
        RNDW(d, e, f, g, h, a, b, c, 37, SCHED(W, 37));
        RNDW(c, d, e, f, g, h, a, b, 38, SCHED(W, 38));
        RNDW(b, c, d, e, f, g, h, a, 39, SCHED(W, 39));
        RND8(40, W, 40);
        RND8(48, W, 48);
        RND8(56, W, 56);

        // Second hash of the 32-byte digest. Round 0 (from the IV) is in the job; round 1
        // uses the names rotated by one.
        V X[61];
        X[0] = v_add(a, v_set1(job.midstate[0]));
        X[1] = v_add(b, v_set1(job.midstate[1]));
        X[2] = v_add(c, v_set1(job.midstate[2]));
        X[3] = v_add(d, v_set1(job.midstate[3]));
        X[4] = v_add(e, v_set1(job.midstate[4]));
        X[5] = v_add(f, v_set1(job.midstate[5]));
        X[6] = v_add(g, v_set1(job.midstate[6]));
        X[7] = v_add(h, v_set1(job.midstate[7]));
        h = v_add(v_set1(job.a1), X[0]); a = v_set1(iv[0]); b = v_set1(iv[1]); c = v_set1(iv[2]);
        d = v_add(v_set1(job.e1), X[0]); e = v_set1(iv[4]); f = v_set1(iv[5]); g = v_set1(iv[6]);
        RNDW(h, a, b, c, d, e, f, g, 1, X[1]);
        RNDW(g, h, a, b, c, d, e, f, 2, X[2]);
        RNDW(f, g, h, a, b, c, d, e, 3, X[3]);
        RNDW(e, f, g, h, a, b, c, d, 4, X[4]);
        RNDW(d, e, f, g, h, a, b, c, 5, X[5]);
        RNDW(c, d, e, f, g, h, a, b, 6, X[6]);
        RNDW(b, c, d, e, f, g, h, a, 7, X[7]);
        RND(a, b, c, d, e, f, g, h, v_set1(k[8] + RIG_PAD_DIGEST_W8));
        RND(h, a, b, c, d, e, f, g, v_set1(k[9]));
        RND(g, h, a, b, c, d, e, f, v_set1(k[10]));
        RND(f, g, h, a, b, c, d, e, v_set1(k[11]));
        RND(e, f, g, h, a, b, c, d, v_set1(k[12]));
        RND(d, e, f, g, h, a, b, c, v_set1(k[13]));
        RND(c, d, e, f, g, h, a, b, v_set1(k[14]));
        RND(b, c, d, e, f, g, h, a, v_set1(k[15] + RIG_PAD_DIGEST_W15));
        X[16] = v_add(v_ssig0(X[1]), X[0]);
        RNDW(a, b, c, d, e, f, g, h, 16, X[16]);
        X[17] = v_add(v_add(v_ssig0(X[2]), X[1]), v_set1(d17));
        RNDW(h, a, b, c, d, e, f, g, 17, X[17]);
        X[18] = v_add(v_add(v_ssig1(X[16]), v_ssig0(X[3])), X[2]);
        RNDW(g, h, a, b, c, d, e, f, 18, X[18]);
        X[19] = v_add(v_add(v_ssig1(X[17]), v_ssig0(X[4])), X[3]);
        RNDW(f, g, h, a, b, c, d, e, 19, X[19]);
        X[20] = v_add(v_add(v_ssig1(X[18]), v_ssig0(X[5])), X[4]);
        RNDW(e, f, g, h, a, b, c, d, 20, X[20]);
        X[21] = v_add(v_add(v_ssig1(X[19]), v_ssig0(X[6])), X[5]);
        RNDW(d, e, f, g, h, a, b, c, 21, X[21]);
        X[22] = v_add(v_add(v_ssig1(X[20]), v_ssig0(X[7])), v_add(X[6], v_set1(RIG_PAD_DIGEST_W15)));
        RNDW(c, d, e, f, g, h, a, b, 22, X[22]);
        X[23] = v_add(v_add(v_ssig1(X[21]), X[16]), v_add(X[7], v_set1(d23)));
        RNDW(b, c, d, e, f, g, h, a, 23, X[23]);
        X[24] = v_add(v_add(v_ssig1(X[22]), X[17]), v_set1(RIG_PAD_DIGEST_W8));
        RNDW(a, b, c, d, e, f, g, h, 24, X[24]);
        X[25] = v_add(v_ssig1(X[23]), X[18]);
        RNDW(h, a, b, c, d, e, f, g, 25, X[25]);
        X[26] = v_add(v_ssig1(X[24]), X[19]);
        RNDW(g, h, a, b, c, d, e, f, 26, X[26]);
        X[27] = v_add(v_ssig1(X[25]), X[20]);
        RNDW(f, g, h, a, b, c, d, e, 27, X[27]);
        X[28] = v_add(v_ssig1(X[26]), X[21]);
        RNDW(e, f, g, h, a, b, c, d, 28, X[28]);
        X[29] = v_add(v_ssig1(X[27]), X[22]);
        RNDW(d, e, f, g, h, a, b, c, 29, X[29]);
        X[30] = v_add(v_add(v_ssig1(X[28]), X[23]), v_set1(d30));
        RNDW(c, d, e, f, g, h, a, b, 30, X[30]);
        X[31] = v_add(v_add(v_ssig1(X[29]), X[24]), v_add(v_ssig0(X[16]), v_set1(RIG_PAD_DIGEST_W15)));
        RNDW(b, c, d, e, f, g, h, a, 31, X[31]);
        RND8(32, X, 32);
        RND8(40, X, 40);
        RND8(48, X, 48);
        // Rounds 56..60; round 60's new e (in h) is H7 minus the IV, and rounds 61..63 would
        // only carry it along. The a values nothing reads any more are dead code.
        RNDW(a, b, c, d, e, f, g, h, 56, SCHED(X, 56));
        RNDW(h, a, b, c, d, e, f, g, 57, SCHED(X, 57));
        RNDW(g, h, a, b, c, d, e, f, 58, SCHED(X, 58));
        RNDW(f, g, h, a, b, c, d, e, 59, SCHED(X, 59));
        RNDW(e, f, g, h, a, b, c, d, 60, SCHED(X, 60));

        const V top = v_bswap(v_add(h, v_set1(iv[7])));
        uint32_t hits = v_le_mask(top, target);
        const uint32_t left = count - done;
        if (left < LANES) hits &= (1u << left) - 1;
        if (hits) {
            uint32_t tops[LANES];
            v_store(tops, top);
            for (; hits; hits &= hits - 1) {
                const uint32_t lane = (uint32_t)__builtin_ctz(hits);
                rig_sha256d_record(base + lane, tops[lane], found_nonces, found_tops, max_found, &found);
            }
        }
        if (left <= LANES) break;  // also stops `done` from wrapping near 2^32
    }
    return found;
}

#undef RND
#undef RNDW
#undef SCHED
#undef RND8
