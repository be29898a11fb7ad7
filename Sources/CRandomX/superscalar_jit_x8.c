// SuperscalarHash for several dataset items at once, compiled to AVX-512 code: eight consecutive
// items in zmm registers (building the dataset), or two given items in xmm registers (light mode,
// where each iteration's item and the next one are known together).
//
// Why: building the dataset is bound by memory latency, not arithmetic. Each of an item's eight
// programs ends by XORing one 64-byte line of the 256 MiB cache, chosen by the previous program's
// result, so a one-item-at-a-time function waits for one DRAM miss per program (more than half of
// its time here). Eight items side by side in the eight 64-bit lanes of zmm registers have eight
// independent misses in flight per program, prefetched when the program starts, and one vector
// instruction does the arithmetic of eight items.
//
// Register map: zmm0-7 = r0-r7 (lane k = item first + k), zmm8-15 scratch for the 64x64 -> 128
// multiplies, zmm16-23 the gathered cache qwords, zmm24 the lanes' cache-line offsets, zmm25 the
// item numbers. rdi = cache memory, rsi = first item, rdx = output (8 x 64 bytes, 64-aligned).
// Constants sit in a pool ahead of the code and are read as 64-bit broadcasts ({1to8}).
//
// The 64x64 high multiplies (IMULH_R, ISMULH_R) have no AVX-512 instruction: they are built from
// four 32x32 -> 64 VPMULUDQ products, and the signed form subtracts the usual corrections
// (hi_s = hi_u - (a < 0 ? b : 0) - (b < 0 ? a : 0)).
//
// The items are written with non-temporal stores (the dataset is written once and read later at
// random, so pulling its lines into the cache first is wasted bandwidth); rtx_init_dataset fences.
// Pages are never writable and executable at once: written read+write, then switched to read+exec.
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */
#include "rx_cache.h"
#include "rx_cpu.h"
#include <string.h>

#if defined(__x86_64__) && (defined(__unix__) || defined(__APPLE__))
#include <sys/mman.h>
#include <unistd.h>

typedef struct x8_emit {
    uint8_t *p;
    uint8_t ll;  // EVEX.L'L: 2 for 512-bit (zmm), 0 for 128-bit (xmm) operations
} x8_emit;

static void x8_u8(x8_emit *e, uint8_t b) { *e->p++ = b; }
static void x8_u32(x8_emit *e, uint32_t v) {
    for (int i = 0; i < 4; i++) x8_u8(e, (uint8_t)(v >> (8 * i)));
}

enum { MAP_0F = 1, MAP_0F38 = 2, MAP_0F3A = 3 };
enum { PP_NONE = 0, PP_66 = 1, PP_F3 = 2 };

/// The four-byte EVEX prefix for a 512-bit operation. `reg` is ModRM.reg (a zmm or an opcode
/// extension), `vvvv` the extra source (0 when unused: it is stored inverted), `x` and `b` the high bits of the rm or
/// index and base operands (bit 4 of a register-direct rm travels in X), `v4` bit 4 of vvvv or of
/// a VSIB index, `bcast` the {1to8} embedded broadcast, `mask` the opmask register.
static void x8_evex(x8_emit *e, int map, int pp, int w, int reg, int vvvv, int x, int b, int v4,
                    int bcast, int mask) {
    x8_u8(e, 0x62);
    x8_u8(e, (uint8_t)((!(reg & 8)) << 7 | (!x) << 6 | (!b) << 5 | (!(reg & 16)) << 4 | map));
    x8_u8(e, (uint8_t)(w << 7 | ((~vvvv) & 15) << 3 | 4 | pp));
    x8_u8(e, (uint8_t)(e->ll << 5 | bcast << 4 | (!v4) << 3 | mask));
}

/// op zmm[dst], zmm[src1], zmm[src2] (src1 in vvvv, src2 in ModRM.rm).
static void x8_rrr(x8_emit *e, int map, int pp, int w, uint8_t op, int dst, int src1, int src2) {
    x8_evex(e, map, pp, w, dst, src1 & 15, (src2 >> 4) & 1, (src2 >> 3) & 1, (src1 >> 4) & 1, 0, 0);
    x8_u8(e, op);
    x8_u8(e, (uint8_t)(0xC0 | (dst & 7) << 3 | (src2 & 7)));
}

/// Shift or rotate by an immediate: op zmm[dst] (vvvv), zmm[src] (rm), imm8; ModRM.reg = ext.
static void x8_shift(x8_emit *e, uint8_t op, int ext, int dst, int src, uint8_t imm) {
    x8_evex(e, MAP_0F, PP_66, 1, ext, dst & 15, (src >> 4) & 1, (src >> 3) & 1, (dst >> 4) & 1, 0, 0);
    x8_u8(e, op);
    x8_u8(e, (uint8_t)(0xC0 | ext << 3 | (src & 7)));
    x8_u8(e, imm);
}

/// op zmm[dst], zmm[src1], [rip + constant]{1to8} (or the whole 64-byte constant when !bcast).
static void x8_rrc(x8_emit *e, int map, uint8_t op, int dst, int src1, const uint8_t *constant, int bcast) {
    x8_evex(e, map, PP_66, 1, dst, src1 & 15, 0, 0, (src1 >> 4) & 1, bcast, 0);
    x8_u8(e, op);
    x8_u8(e, (uint8_t)(0x05 | (dst & 7) << 3));
    x8_u32(e, (uint32_t)(int32_t)(constant - (e->p + 4)));
}

static void x8_vpaddq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F, PP_66, 1, 0xD4, d, a, b); }
static void x8_vpsubq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F, PP_66, 1, 0xFB, d, a, b); }
static void x8_vpxorq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F, PP_66, 1, 0xEF, d, a, b); }
static void x8_vpandq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F, PP_66, 1, 0xDB, d, a, b); }
static void x8_vpmuludq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F, PP_66, 1, 0xF4, d, a, b); }
static void x8_vpmullq(x8_emit *e, int d, int a, int b) { x8_rrr(e, MAP_0F38, PP_66, 1, 0x40, d, a, b); }
static void x8_vpsrlq(x8_emit *e, int d, int s, uint8_t n) { x8_shift(e, 0x73, 2, d, s, n); }
static void x8_vpsllq(x8_emit *e, int d, int s, uint8_t n) { x8_shift(e, 0x73, 6, d, s, n); }
static void x8_vpsraq(x8_emit *e, int d, int s, uint8_t n) { x8_shift(e, 0x72, 4, d, s, n); }
static void x8_vprorq(x8_emit *e, int d, int s, uint8_t n) { x8_shift(e, 0x72, 0, d, s, n); }

enum { ZT = 8, ZG = 16, ZLINE = 24, ZITEM = 25 };

/// The constant pool: fixed entries, then one qword per IADD_C/IXOR_C/IMUL_RCP operand.
enum { C_IOTA = 0, C_ONE = 8, C_MUL0 = 9, C_XOR = 10, C_LO32 = 17, C_LINEMASK = 18, C_FIXED = 24 };

typedef struct x8_pool {
    uint64_t *slot;
    const uint8_t *base;
    size_t used;
} x8_pool;

static const uint8_t *x8_const(x8_pool *pool, uint64_t value) {
    pool->slot[pool->used] = value;
    return pool->base + 8 * pool->used++;
}

/// d = high 64 bits of d * s (unsigned, or signed when `sign`), for each lane.
static void x8_mulh(x8_emit *e, const x8_pool *pool, int d, int s, int sign) {
    const int ah = ZT, bh = ZT + 1, p0 = ZT + 2, p1 = ZT + 3, p2 = ZT + 4, p3 = ZT + 5;
    const int fix = ZT + 6, fix2 = ZT + 7;
    if (sign) {
        x8_vpsraq(e, fix, d, 63);
        x8_vpandq(e, fix, fix, s);
        x8_vpsraq(e, fix2, s, 63);
        x8_vpandq(e, fix2, fix2, d);
        x8_vpaddq(e, fix, fix, fix2);
    }
    x8_vpsrlq(e, ah, d, 32);
    x8_vpsrlq(e, bh, s, 32);
    x8_vpmuludq(e, p0, d, s);      // aL bL
    x8_vpmuludq(e, p1, ah, s);     // aH bL
    x8_vpmuludq(e, p2, d, bh);     // aL bH
    x8_vpmuludq(e, p3, ah, bh);    // aH bH
    x8_vpsrlq(e, p0, p0, 32);
    x8_vpaddq(e, p1, p1, p0);      // aH bL + (aL bL >> 32): no carry out of 64 bits
    x8_rrc(e, MAP_0F, 0xDB, p0, p1, pool->base + 8 * C_LO32, 1);  // vpandq p0, p1, lo32
    x8_vpaddq(e, p2, p2, p0);      // aL bH + low half of the above: no carry out either
    x8_vpsrlq(e, p1, p1, 32);
    x8_vpsrlq(e, p2, p2, 32);
    x8_vpaddq(e, p3, p3, p1);
    x8_vpaddq(e, d, p3, p2);
    if (sign) x8_vpsubq(e, d, d, fix);
}

static void x8_instr(x8_emit *e, x8_pool *pool, const rx_ss_instr *in) {
    const int d = in->dst, s = in->src;
    switch (in->op) {
    case RX_SS_ISUB_R: x8_vpsubq(e, d, d, s); break;
    case RX_SS_IXOR_R: x8_vpxorq(e, d, d, s); break;
    case RX_SS_IADD_RS:
        if (in->operand) {
            x8_vpsllq(e, ZT, s, (uint8_t)in->operand);
            x8_vpaddq(e, d, d, ZT);
        } else {
            x8_vpaddq(e, d, d, s);
        }
        break;
    case RX_SS_IMUL_R: x8_vpmullq(e, d, d, s); break;
    case RX_SS_IROR_C: x8_vprorq(e, d, d, (uint8_t)(in->operand & 63)); break;
    case RX_SS_IADD_C7: case RX_SS_IADD_C8: case RX_SS_IADD_C9:
        x8_rrc(e, MAP_0F, 0xD4, d, d, x8_const(pool, in->operand), 1);
        break;
    case RX_SS_IXOR_C7: case RX_SS_IXOR_C8: case RX_SS_IXOR_C9:
        x8_rrc(e, MAP_0F, 0xEF, d, d, x8_const(pool, in->operand), 1);
        break;
    case RX_SS_IMULH_R: x8_mulh(e, pool, d, s, 0); break;
    case RX_SS_ISMULH_R: x8_mulh(e, pool, d, s, 1); break;
    case RX_SS_IMUL_RCP: x8_rrc(e, MAP_0F38, 0x40, d, d, x8_const(pool, in->operand), 1); break;
    default: break;
    }
}

/// The lanes' cache lines for the next program: offsets into zmm24, then a prefetch of each.
static void x8_line_offsets(x8_emit *e, const x8_pool *pool, int index_reg, int lanes) {
    x8_rrc(e, MAP_0F, 0xDB, ZLINE, index_reg, pool->base + 8 * C_LINEMASK, 1);  // vpandq
    x8_vpsllq(e, ZLINE, ZLINE, 6);
    // vmovdqu64 [rsp], zmm24
    x8_evex(e, MAP_0F, PP_F3, 1, ZLINE, 0, 0, 0, 0, 0, 0);
    x8_u8(e, 0x7F); x8_u8(e, (uint8_t)(0x04 | (ZLINE & 7) << 3)); x8_u8(e, 0x24);
    for (int k = 0; k < lanes; k++) {
        x8_u8(e, 0x48); x8_u8(e, 0x8B); x8_u8(e, 0x44); x8_u8(e, 0x24); x8_u8(e, (uint8_t)(8 * k));  // mov rax, [rsp + 8k]
        x8_u8(e, 0x0F); x8_u8(e, 0x18); x8_u8(e, 0x0C); x8_u8(e, 0x07);                          // prefetcht0 [rdi + rax]
    }
}

/// r_q ^= qword q of each lane's cache line: eight gathers, then eight XORs.
static void x8_xor_lines(x8_emit *e) {
    for (int q = 0; q < 8; q++) {
        // kxnorw k1, k0, k0: an all-ones mask that does not wait for the previous gather's k1.
        x8_u8(e, 0xC5); x8_u8(e, 0xFC); x8_u8(e, 0x46); x8_u8(e, 0xC8);
        // vpgatherqq zmm(16+q){k1}, [rdi + zmm24 * 1 + 8q]
        x8_evex(e, MAP_0F38, PP_66, 1, ZG + q, 0, (ZLINE >> 3) & 1, 0, (ZLINE >> 4) & 1, 0, 1);
        x8_u8(e, 0x91);
        x8_u8(e, (uint8_t)(0x84 | ((ZG + q) & 7) << 3));
        x8_u8(e, (uint8_t)((ZLINE & 7) << 3 | 7));
        x8_u32(e, (uint32_t)(8 * q));
    }
    for (int q = 0; q < 8; q++) x8_vpxorq(e, q, q, ZG + q);
}

/// Lanes hold registers (zmm q = r_q of items 0-7); memory wants items (r0-r7 of one item):
/// an 8 x 8 transpose of qwords, then non-temporal stores of the eight items.
static void x8_store_items(x8_emit *e) {
    for (int k = 0; k < 4; k++) {
        x8_rrr(e, MAP_0F, PP_66, 1, 0x6C, ZT + 2 * k, 2 * k, 2 * k + 1);      // vpunpcklqdq
        x8_rrr(e, MAP_0F, PP_66, 1, 0x6D, ZT + 2 * k + 1, 2 * k, 2 * k + 1);  // vpunpckhqdq
    }
    // vshufi64x2 dst, a, b, imm: 0x88 takes 128-bit lanes 0 and 2 of a then of b, 0xDD lanes 1, 3.
    static const struct { uint8_t dst, a, b, imm; } shuffles[16] = {
        {ZG + 0, ZT + 0, ZT + 2, 0x88}, {ZG + 1, ZT + 0, ZT + 2, 0xDD},
        {ZG + 2, ZT + 1, ZT + 3, 0x88}, {ZG + 3, ZT + 1, ZT + 3, 0xDD},
        {ZG + 4, ZT + 4, ZT + 6, 0x88}, {ZG + 5, ZT + 4, ZT + 6, 0xDD},
        {ZG + 6, ZT + 5, ZT + 7, 0x88}, {ZG + 7, ZT + 5, ZT + 7, 0xDD},
        {0, ZG + 0, ZG + 4, 0x88}, {4, ZG + 0, ZG + 4, 0xDD},
        {2, ZG + 1, ZG + 5, 0x88}, {6, ZG + 1, ZG + 5, 0xDD},
        {1, ZG + 2, ZG + 6, 0x88}, {5, ZG + 2, ZG + 6, 0xDD},
        {3, ZG + 3, ZG + 7, 0x88}, {7, ZG + 3, ZG + 7, 0xDD},
    };
    for (int k = 0; k < 16; k++) {
        x8_rrr(e, MAP_0F3A, PP_66, 1, 0x43, shuffles[k].dst, shuffles[k].a, shuffles[k].b);
        x8_u8(e, shuffles[k].imm);
    }
    for (int k = 0; k < 8; k++) {  // vmovntdq [rdx + 64k], zmm k
        x8_evex(e, MAP_0F, PP_66, 0, k, 0, 0, 0, 0, 0, 0);
        x8_u8(e, 0xE7);
        x8_u8(e, (uint8_t)(0x82 | k << 3));
        x8_u32(e, (uint32_t)(64 * k));
    }
}

/// Registers to memory for the two-item form: xmm q (r_q of both items) to out + 16q; the caller
/// takes item k's r_q from out[2q + k].
static void x2_store_registers(x8_emit *e) {
    for (int q = 0; q < 8; q++) {  // vmovdqu64 [rdx + 16q], xmm q
        x8_evex(e, MAP_0F, PP_F3, 1, q, 0, 0, 0, 0, 0, 0);
        x8_u8(e, 0x7F);
        x8_u8(e, (uint8_t)(0x82 | q << 3));
        x8_u32(e, (uint32_t)(16 * q));
    }
}

static size_t x8_emit_function(uint8_t *code, size_t pool_bytes, const rtx_cache *cache, int lanes) {
    x8_pool pool = {(uint64_t *)(void *)code, code, C_FIXED};
    for (int k = 0; k < 8; k++) pool.slot[C_IOTA + k] = (uint64_t)k;
    pool.slot[C_ONE] = 1;
    pool.slot[C_MUL0] = 6364136223846793005ULL;
    static const uint64_t xor_init[7] = {
        9298411001130361340ULL, 12065312585734608966ULL, 9306329213124626780ULL, 5281919268842080866ULL,
        10536153434571861004ULL, 3398623926847679864ULL, 9549104520008361294ULL,
    };
    for (int k = 0; k < 7; k++) pool.slot[C_XOR + k] = xor_init[k];
    pool.slot[C_LO32] = 0xFFFFFFFFULL;
    pool.slot[C_LINEMASK] = RX_CACHE_LINE_MASK;

    x8_emit e = {code + pool_bytes, lanes == 8 ? 2 : 0};
    x8_u8(&e, 0x48); x8_u8(&e, 0x83); x8_u8(&e, 0xEC); x8_u8(&e, 72);  // sub rsp, 72
    // Lane k's item number in zmm25: first + k, or the k-th number at [rsi] for the two-item form.
    // Then r0 = (item + 1) * MUL0 and r_q = r0 ^ constant_q.
    if (lanes == 8) {
        x8_evex(&e, MAP_0F38, PP_66, 1, ZITEM, 0, 0, 0, 0, 0, 0);    // vpbroadcastq zmm25, rsi
        x8_u8(&e, 0x7C); x8_u8(&e, (uint8_t)(0xC0 | (ZITEM & 7) << 3 | 6));
        x8_rrc(&e, MAP_0F, 0xD4, ZITEM, ZITEM, pool.base + 8 * C_IOTA, 0);
    } else {
        x8_evex(&e, MAP_0F, PP_F3, 1, ZITEM, 0, 0, 0, 0, 0, 0);      // vmovdqu64 xmm25, [rsi]
        x8_u8(&e, 0x6F); x8_u8(&e, (uint8_t)(0x06 | (ZITEM & 7) << 3));
    }
    x8_rrc(&e, MAP_0F, 0xD4, 0, ZITEM, pool.base + 8 * C_ONE, 1);
    x8_rrc(&e, MAP_0F38, 0x40, 0, 0, pool.base + 8 * C_MUL0, 1);
    for (int q = 1; q < 8; q++) x8_rrc(&e, MAP_0F, 0xEF, q, 0, pool.base + 8 * (C_XOR + q - 1), 1);
    int index_reg = ZITEM;
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) {
        const rx_ss_program *prog = &cache->programs[i];
        x8_line_offsets(&e, &pool, index_reg, lanes);
        for (uint32_t j = 0; j < prog->size; j++) x8_instr(&e, &pool, &prog->instr[j]);
        x8_xor_lines(&e);
        index_reg = (int)prog->address_reg;
    }
    if (lanes == 8) x8_store_items(&e);
    else x2_store_registers(&e);
    x8_u8(&e, 0xC5); x8_u8(&e, 0xF8); x8_u8(&e, 0x77);                 // vzeroupper
    x8_u8(&e, 0x48); x8_u8(&e, 0x83); x8_u8(&e, 0xC4); x8_u8(&e, 72);  // add rsp, 72
    x8_u8(&e, 0xC3);
    return (size_t)(e.p - code);
}

// Upper bounds for sizing the mapping: the longest instruction form is the signed high multiply
// (20 EVEX instructions of at most 11 bytes); a program adds its line offsets, prefetches and gathers.
enum { X8_INSTR_MAX = 20 * 11, X8_PROGRAM_OVERHEAD = 512, X8_FIXED = 1024 };

int rx_cache_jit_x8_supported(void) {
    const rx_cpu_features *f = rx_cpu_get();
    return f->avx512f && f->avx512dq;
}

int rx_cache_jit_x2_supported(void) {
    const rx_cpu_features *f = rx_cpu_get();
    return f->avx512f && f->avx512dq && f->avx512vl;  // 128-bit EVEX forms need VL
}

/// Maps, emits and seals one function of the given width; NULL where the OS refuses.
static void *x8_compile(const rtx_cache *cache, int lanes, size_t *len_out, size_t *entry_out) {
    size_t constants = C_FIXED, bound = X8_FIXED;
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) {
        constants += cache->programs[i].size;
        bound += X8_PROGRAM_OVERHEAD + (size_t)cache->programs[i].size * X8_INSTR_MAX;
    }
    size_t pool_bytes = (constants * 8 + 63) & ~(size_t)63;
    long page = sysconf(_SC_PAGESIZE);
    size_t pg = page > 0 ? (size_t)page : 4096;
    size_t len = (pool_bytes + bound + pg - 1) / pg * pg;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    size_t used = x8_emit_function((uint8_t *)p, pool_bytes, cache, lanes);
    if (used > len || mprotect(p, len, PROT_READ | PROT_EXEC) != 0) {
        munmap(p, len);
        return NULL;
    }
    *len_out = len;
    *entry_out = pool_bytes;
    return p;
}

int rx_cache_jit_x8_compile(rtx_cache *cache) {
    rx_cache_jit_x8_release(cache);
    size_t len, entry;
    if (rx_cache_jit_x8_supported()) {
        void *p = x8_compile(cache, 8, &len, &entry);
        if (!p) return -1;
        cache->jit_x8_code = p;
        cache->jit_x8_size = len;
        union { void *obj; rx_ss_items8_fn fn; } cast = {(uint8_t *)p + entry};
        cache->jit_items8 = cast.fn;
    }
    if (rx_cache_jit_x2_supported()) {
        void *p = x8_compile(cache, 2, &len, &entry);
        if (!p) return -1;
        cache->jit_x2_code = p;
        cache->jit_x2_size = len;
        union { void *obj; rx_ss_items2_fn fn; } cast = {(uint8_t *)p + entry};
        cache->jit_items2 = cast.fn;
    }
    return cache->jit_items8 || cache->jit_items2 ? 0 : -1;
}

void rx_cache_jit_x8_release(rtx_cache *cache) {
    if (cache->jit_x8_code) munmap(cache->jit_x8_code, cache->jit_x8_size);
    if (cache->jit_x2_code) munmap(cache->jit_x2_code, cache->jit_x2_size);
    cache->jit_x8_code = cache->jit_x2_code = NULL;
    cache->jit_x8_size = cache->jit_x2_size = 0;
    cache->jit_items8 = NULL;
    cache->jit_items2 = NULL;
}

#else

int rx_cache_jit_x8_supported(void) { return 0; }
int rx_cache_jit_x2_supported(void) { return 0; }
int rx_cache_jit_x8_compile(rtx_cache *cache) {
    (void)cache;
    return -1;
}
void rx_cache_jit_x8_release(rtx_cache *cache) {
    cache->jit_x8_code = cache->jit_x2_code = NULL;
    cache->jit_x8_size = cache->jit_x2_size = 0;
    cache->jit_items8 = NULL;
    cache->jit_items2 = NULL;
}

#endif
