// Differential test core: the JIT against the portable interpreter on one program execution.
//
// TEST-ONLY. It allocates (four VMs and a fake dataset mapping, on first use, kept for the process)
// and is meant for the libFuzzer target and the JIT harness; nothing in the hash path calls it.
//
// Input bytes (any length is valid; short inputs are zero-padded):
//   [0]      bit 0: v2; bit 1: light mode (only when rx_jit_differential_set_cache gave a cache);
//            bit 2: raw program (else the program comes from AesGenerator4R like a real hash);
//            bits 3-4: fprc at entry (fprc carries over between the programs of a hash)
//            bits 5-7: code-generation variant: each set bit turns one default option off
//            (5: skip-unchanged-LDMXCSR and v1 CFROUND elimination, 6: IMUL_RCP constant table, 7: BMI2 RORX/MULX), so the
//            baseline encodings are compared as well as the default ones; all three also select the
//            single code mapping flipped by mprotect (the fallback to the two-view mapping)
//   raw:     [1..128] configuration quadwords, then the instruction words (256 or 384 x 8 bytes)
//   seeded:  [1..64] the 64-byte AesGenerator4R seed
// The scratchpad is AesGenerator1R output seeded with Blake2b-512 of the whole input.
//
// Both engines start from the same program, configuration, scratchpad and rounding mode; after
// the 2048 iterations we compare the register file (r, f, e, a), ma, mx, the rounding mode left in
// MXCSR and all 2 MiB of scratchpad, bit for bit.
//
// The full-mode dataset is fake but realistic: a 1 MiB tile of random bytes mapped over and over
// across the 2080 MiB address range (Linux memfd), so reads anywhere hit real, varied data without
// 2 GiB of memory or the dataset's minutes of initialisation.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  // memfd_create
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CRandomX.h"
#include "rx_aes.h"
#include "rx_blake2b.h"
#include "rx_cache.h"
#include "rx_jit.h"
#include "rx_program.h"
#include "rx_vm.h"

#if defined(__x86_64__) && defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#include <xmmintrin.h>

#define TILE ((size_t)1 << 20)

static struct {
    int ready;
    struct rtx_dataset fake_ds;
    rtx_cache *cache;              // optional, for light mode
    rtx_vm *vm[2][2][2];           // [v2][light][jit]
    struct rx_jit *variant[2][2][8]; // [v2][light][option bits]: JITs with options turned off
    char last_error[256];
    unsigned long compared;        // runs that really compared two engines
} g;

static uint8_t *make_fake_dataset(void) {
    size_t total = (size_t)2147483648u + 33554368u;  // base + extra (spec Table 1.2.1)
    size_t span = (total + TILE - 1) / TILE * TILE;
    uint8_t *base = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) return NULL;
    int fd = memfd_create("rx_fake_dataset", 0);
    if (fd < 0 || ftruncate(fd, (off_t)TILE) != 0) return NULL;
    uint8_t *tile = mmap(NULL, TILE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (tile == MAP_FAILED) return NULL;
    uint64_t s = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < TILE; i += 8) {  // xorshift64*: any varied bytes do
        s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
        uint64_t v = s * 0x2545F4914F6CDD1Dull;
        memcpy(tile + i, &v, 8);
    }
    munmap(tile, TILE);
    for (size_t off = 0; off < span; off += TILE)
        if (mmap(base + off, TILE, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) return NULL;
    close(fd);
    return base;
}

void rx_jit_differential_set_cache(rtx_cache *cache) {
    g.cache = cache;
    for (int v = 0; v < 2; v++)
        for (int k = 0; k < 2; k++)
            if (g.vm[v][1][k]) rtx_vm_set_cache(g.vm[v][1][k], cache);
}

const char *rx_jit_differential_last_error(void) { return g.last_error; }
unsigned long rx_jit_differential_compared(void) { return g.compared; }

static int setup(void) {
    if (g.ready) return g.ready > 0 ? 0 : -1;
    g.ready = -1;
    g.fake_ds.memory = make_fake_dataset();
    if (!g.fake_ds.memory) return -1;
    for (int v = 0; v < 2; v++)
        for (int k = 0; k < 2; k++) {
            int flags = RTX_FLAG_HARD_AES | RTX_FLAG_FULL_MEM | (v ? RTX_FLAG_V2 : 0) | (k ? RTX_FLAG_JIT : 0);
            g.vm[v][0][k] = rtx_create_vm(flags, NULL, &g.fake_ds);
            if (!g.vm[v][0][k]) return -1;
        }
    g.ready = 1;
    return 0;
}

static rtx_vm *light_vm(int v2, int jit) {
    if (!g.cache) return NULL;
    if (!g.vm[v2][1][jit]) {
        int flags = RTX_FLAG_HARD_AES | (v2 ? RTX_FLAG_V2 : 0) | (jit ? RTX_FLAG_JIT : 0);
        g.vm[v2][1][jit] = rtx_create_vm(flags, g.cache, NULL);
    }
    return g.vm[v2][1][jit];
}

int rx_jit_differential(const uint8_t *data, size_t size) {
    if (setup() != 0) return 0;  // cannot test here (no memory): not a mismatch
    uint8_t mode = size ? data[0] : 0;
    int v2 = mode & 1, light = (mode >> 1) & 1, raw = (mode >> 2) & 1;
    unsigned fprc0 = (mode >> 3) & 3;
    rtx_vm *vi, *vj;
    if (light && g.cache) {
        vi = light_vm(v2, 0);
        vj = light_vm(v2, 1);
        if (!vi || !vj) return 0;
    } else {
        vi = g.vm[v2][0][0];
        vj = g.vm[v2][0][1];
    }
    if (!vj->jit) return 0;  // JIT unsupported here: nothing to compare
    unsigned variant = (mode >> 5) & 7;
    struct rx_jit *default_jit = vj->jit;
    if (variant) {
        int lt = light && g.cache;
        struct rx_jit **slot = &g.variant[v2][lt][variant];
        if (!*slot) {
            unsigned opts = RX_JIT_OPT_DEFAULT;
            if (variant & 1) opts &= ~(unsigned)(RX_JIT_OPT_SKIP_SAME_MXCSR | RX_JIT_OPT_CFROUND_ELIMINATION);
            if (variant & 2) opts &= ~(unsigned)RX_JIT_OPT_RCP_TABLE;
            if (variant & 4) opts &= ~(unsigned)RX_JIT_OPT_BMI2;
            if (variant == 7) opts |= RX_JIT_OPT_SINGLE_MAPPING;  // the mprotect fallback too
            *slot = rx_jit_create_opts(vj->flags, opts);
            if (!*slot) return 0;
        }
        vj->jit = *slot;
    }

    unsigned int saved_csr = _mm_getcsr();
    _Alignas(16) uint64_t seed[8];
    static const uint8_t empty[1] = {0};
    rx_blake2b_hash(seed, 64, size ? data : empty, size);
    vi->aes->fill1r(seed, RX_SCRATCHPAD_L3, vi->scratchpad);

    if (raw) {
        uint8_t *dst = (uint8_t *)&vi->program;
        size_t need = sizeof(vi->program), have = size > 1 ? size - 1 : 0;
        memset(dst, 0, need);
        if (have) memcpy(dst, data + 1, have < need ? have : need);
        rx_program_configure(vi);
        memset(vi->reg.r, 0, sizeof(vi->reg.r));
    } else {
        _Alignas(16) uint8_t s[64] = {0};
        if (size > 1) memcpy(s, data + 1, size > 65 ? 64 : size - 1);
        rx_program_generate(vi, s);
    }
    // The JIT VM gets the identical programmed state.
    vj->reg = vi->reg;
    vj->ma = vi->ma;
    vj->mx = vi->mx;
    vj->config = vi->config;
    vj->dataset_offset = vi->dataset_offset;
    vj->program = vi->program;
    memcpy(vj->scratchpad, vi->scratchpad, RX_SCRATCHPAD_L3);

    rx_set_fprc(fprc0);
    vi->execute(vi);
    unsigned fi = (_mm_getcsr() >> 13) & 3;
    rx_set_fprc(fprc0);
    vj->execute(vj);
    unsigned fj = (_mm_getcsr() >> 13) & 3;
    vj->jit = default_jit;
    _mm_setcsr(saved_csr);

    int bad = 0;
    g.compared++;
    g.last_error[0] = 0;
    if (memcmp(vi->reg.r, vj->reg.r, 64)) bad |= 1;
    if (memcmp(vi->reg.f, vj->reg.f, 64)) bad |= 2;
    if (memcmp(vi->reg.e, vj->reg.e, 64)) bad |= 4;
    if (memcmp(vi->reg.a, vj->reg.a, 64)) bad |= 8;
    if (vi->ma != vj->ma || vi->mx != vj->mx) bad |= 16;
    if (fi != fj) bad |= 32;
    if (memcmp(vi->scratchpad, vj->scratchpad, RX_SCRATCHPAD_L3)) bad |= 64;
    if (bad)
        snprintf(g.last_error, sizeof g.last_error,
                 "mismatch mask 0x%x (1 r, 2 f, 4 e, 8 a, 16 ma/mx, 32 fprc %u/%u, 64 scratchpad) v%d %s %s variant %u",
                 bad, fi, fj, v2 ? 2 : 1, light && g.cache ? "light" : "full", raw ? "raw" : "seeded", variant);
    return bad;
}

#else

void rx_jit_differential_set_cache(rtx_cache *cache) { (void)cache; }
const char *rx_jit_differential_last_error(void) { return ""; }
unsigned long rx_jit_differential_compared(void) { return 0; }
int rx_jit_differential(const uint8_t *data, size_t size) { (void)data; (void)size; return 0; }

#endif
