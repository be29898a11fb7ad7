// The portable RandomX VM interpreter (spec 4.6 and chapter 5), v1 and v2.
//
// This is the reference the JIT is checked against, so it follows the spec's wording step by step.
// For speed, each program is first decoded into `rx_op`s: the opcode ranges, register groups,
// memory masks, "src == dst" substitutions, IMUL_RCP reciprocals and CBRANCH targets are resolved
// once per program instead of 2048 times.
#include <stdlib.h>
#include <string.h>

#include "rx_aes.h"
#include "rx_vm.h"

// RX_INTERP_PORTABLE forces the portable floating point path on x86-64 too (for testing it).
#if (defined(__x86_64__) || defined(_M_X64)) && !defined(RX_INTERP_PORTABLE)
#define RX_X86 1
#include <emmintrin.h>
#include <xmmintrin.h>
#else
#include <fenv.h>
#endif

// ---------------------------------------------------------------------------------------------
// Instruction set: the 29 instructions in the order of spec tables 5.2.1-5.5.1, with their opcode
// counts. Opcode ranges are consecutive in this order.

enum rx_instr {
    I_IADD_RS, I_IADD_M, I_ISUB_R, I_ISUB_M, I_IMUL_R, I_IMUL_M, I_IMULH_R, I_IMULH_M, I_ISMULH_R,
    I_ISMULH_M, I_IMUL_RCP, I_INEG_R, I_IXOR_R, I_IXOR_M, I_IROR_R, I_IROL_R, I_ISWAP_R,
    I_FSWAP_R, I_FADD_R, I_FADD_M, I_FSUB_R, I_FSUB_M, I_FSCAL_R, I_FMUL_R, I_FDIV_M, I_FSQRT_R,
    I_CBRANCH, I_CFROUND, I_ISTORE, I_COUNT
};

static const uint8_t rx_instr_freq[I_COUNT] = {
    16, 7, 16, 7, 16, 4, 4, 1, 4, 1, 8, 2, 15, 5, 8, 2, 4,   // integer: 120
    4, 16, 5, 16, 5, 6, 32, 4, 6,                            // floating point: 94
    25, 1,                                                   // control: 26
    16,                                                      // store: 16
};

static enum rx_instr rx_instr_of_opcode(uint8_t opcode) {
    unsigned ceil = 0;
    for (int i = 0; i < I_COUNT; i++) {
        ceil += rx_instr_freq[i];
        if (opcode < ceil) return (enum rx_instr)i;
    }
    return I_ISTORE; // unreachable: the frequencies sum to 256
}

// Decoded operations. Register-immediate forms are separate types so the hot loop never tests
// "src == dst". Integer register index 8 is a constant zero, which is how "src = 0" memory
// operands are expressed.
enum rx_optype {
    OP_NOP,
    OP_IADD_RS,  // r[d] += (r[s] << shift) + imm
    OP_IADD_M,   // r[d] += mem64[(r[s] + imm) & mask]
    OP_ISUB_R,   // r[d] -= r[s]
    OP_ISUB_M,
    OP_IMUL_R,
    OP_IMUL_I,   // r[d] *= imm (IMUL_R with src == dst, and IMUL_RCP)
    OP_IMUL_M,
    OP_IMULH_R,
    OP_IMULH_M,
    OP_ISMULH_R,
    OP_ISMULH_M,
    OP_INEG_R,
    OP_IXOR_R,
    OP_IXOR_M,
    OP_IROR_R,
    OP_IROR_I,
    OP_IROL_R,
    OP_IROL_I,
    OP_ISWAP_R,
    OP_FSWAP_R,  // fe[d], d in 0..7 (f0-f3, e0-e3)
    OP_FADD_R,   // f[d] += a[s]
    OP_FADD_M,
    OP_FSUB_R,
    OP_FSUB_M,
    OP_FSCAL_R,
    OP_FMUL_R,   // e[d] *= a[s]
    OP_FDIV_M,   // e[d] /= E-converted mem
    OP_FSQRT_R,
    OP_CBRANCH,  // r[d] += imm; if (!(r[d] & mask)) pc = target
    OP_CFROUND,  // fprc from rotr(r[s], imm)
    OP_ISTORE,   // mem64[(r[d] + imm) & mask] = r[s]
};

typedef struct rx_op {
    uint8_t type;
    uint8_t dst;
    uint8_t src;
    uint8_t shift;
    uint32_t mask;     // scratchpad mask for memory operands, condition mask for CBRANCH
    uint64_t imm;      // sign-extended imm32, reciprocal, or rotation count
    int32_t target;    // CBRANCH: index of the next instruction to execute when taken
} rx_op;

struct rx_interp {
    rx_op ops[RX_PROGRAM_MAX_SIZE];
};

int rx_interpreter_init(struct rtx_vm *vm) {
    vm->interp = malloc(sizeof(struct rx_interp));
    return vm->interp ? 0 : -1;
}

void rx_interpreter_release(struct rtx_vm *vm) {
    free(vm->interp);
    vm->interp = NULL;
}

static inline uint64_t sign_extend32(uint32_t x) { return (uint64_t)(int64_t)(int32_t)x; }

static inline int is_zero_or_pow2(uint32_t x) { return (x & (x - 1)) == 0; }

// IMUL_RCP (spec 5.2.6): floor(2^x / d) for the largest x that keeps it below 2^64. With
// 2^(k-1) < d < 2^k (d not a power of two), that x is 63 + k.
static uint64_t reciprocal(uint32_t d) {
    int k = 32 - __builtin_clz(d);
    unsigned __int128 num = (unsigned __int128)1 << (63 + k);
    return (uint64_t)(num / d);
}

// Scratchpad level for a memory operand (Table 5.1.4).
static inline uint32_t read_mask(const rx_instruction *in) {
    return (in->mod & 3) ? RX_L1_MASK : RX_L2_MASK;
}

static void decode(const struct rtx_vm *vm, rx_op *ops) {
    // last_mod[r]: index of the last instruction that modified r (CBRANCH rules, spec 5.4.2);
    // -1 means "not yet", whose target is instruction 0.
    int32_t last_mod[8];
    for (int i = 0; i < 8; i++) last_mod[i] = -1;

    for (uint32_t i = 0; i < vm->program_size; i++) {
        const rx_instruction *in = &vm->program.code[i];
        rx_op *op = &ops[i];
        memset(op, 0, sizeof(*op));
        const uint8_t dst = in->dst & 7, src = in->src & 7;
        const uint64_t imm = sign_extend32(in->imm32);
        // Memory read operand: the source register with L1/L2 mask, or for src == dst the
        // immediate alone with the L3 mask.
        const uint8_t msrc = (src == dst) ? 8 : src;
        const uint32_t mmask = (src == dst) ? RX_L3_MASK : read_mask(in);
        const enum rx_instr ins = rx_instr_of_opcode(in->opcode);
        op->dst = dst;

        switch (ins) {
        case I_IADD_RS:
            op->type = OP_IADD_RS;
            op->src = src;
            op->shift = (in->mod >> 2) & 3;
            // Only r5 takes the displacement (x86 lea cannot encode r13 as a base without one).
            op->imm = (dst == 5) ? imm : 0;
            last_mod[dst] = (int32_t)i;
            break;
        case I_IADD_M:
        case I_ISUB_M:
        case I_IMUL_M:
        case I_IMULH_M:
        case I_ISMULH_M:
        case I_IXOR_M: {
            static const uint8_t map[I_COUNT] = {
                [I_IADD_M] = OP_IADD_M, [I_ISUB_M] = OP_ISUB_M, [I_IMUL_M] = OP_IMUL_M,
                [I_IMULH_M] = OP_IMULH_M, [I_ISMULH_M] = OP_ISMULH_M, [I_IXOR_M] = OP_IXOR_M,
            };
            op->type = map[ins];
            op->src = msrc;
            op->mask = mmask;
            op->imm = imm;
            last_mod[dst] = (int32_t)i;
            break;
        }
        case I_ISUB_R:
            if (src != dst) {
                op->type = OP_ISUB_R;
                op->src = src;
            } else {
                // dst - imm is dst + (0 << 0) + (-imm): IADD_RS from the zero register.
                op->type = OP_IADD_RS;
                op->src = 8;
                op->imm = (uint64_t)0 - imm;
            }
            last_mod[dst] = (int32_t)i;
            break;
        case I_IMUL_R:
            if (src != dst) {
                op->type = OP_IMUL_R;
                op->src = src;
            } else {
                op->type = OP_IMUL_I;
                op->imm = imm;
            }
            last_mod[dst] = (int32_t)i;
            break;
        case I_IMULH_R:
            op->type = OP_IMULH_R;
            op->src = src;
            last_mod[dst] = (int32_t)i;
            break;
        case I_ISMULH_R:
            op->type = OP_ISMULH_R;
            op->src = src;
            last_mod[dst] = (int32_t)i;
            break;
        case I_IMUL_RCP:
            // A no-op for 0 and powers of two, and then it does not count as modifying dst.
            if (!is_zero_or_pow2(in->imm32)) {
                op->type = OP_IMUL_I;
                op->imm = reciprocal(in->imm32);
                last_mod[dst] = (int32_t)i;
            }
            break;
        case I_INEG_R:
            op->type = OP_INEG_R;
            last_mod[dst] = (int32_t)i;
            break;
        case I_IXOR_R:
            // The register form XORs r[src] ^ imm with imm = 0; the src == dst form XORs the
            // immediate against the zero register.
            op->type = OP_IXOR_R;
            op->src = (src != dst) ? src : 8;
            op->imm = (src != dst) ? 0 : imm;
            last_mod[dst] = (int32_t)i;
            break;
        case I_IROR_R:
        case I_IROL_R: {
            const int left = ins == I_IROL_R;
            if (src != dst) {
                op->type = left ? OP_IROL_R : OP_IROR_R;
                op->src = src;
            } else {
                op->type = left ? OP_IROL_I : OP_IROR_I;
                op->imm = in->imm32 & 63;
            }
            last_mod[dst] = (int32_t)i;
            break;
        }
        case I_ISWAP_R:
            if (src != dst) {
                op->type = OP_ISWAP_R;
                op->src = src;
                last_mod[dst] = (int32_t)i;
                last_mod[src] = (int32_t)i;
            }
            break;
        case I_FSWAP_R:
            op->type = OP_FSWAP_R; // dst in 0..7 over f0-f3, e0-e3
            break;
        case I_FADD_R:
        case I_FSUB_R:
        case I_FMUL_R:
            op->type = ins == I_FADD_R ? OP_FADD_R : ins == I_FSUB_R ? OP_FSUB_R : OP_FMUL_R;
            op->dst = dst & 3;
            op->src = src & 3;
            break;
        case I_FADD_M:
        case I_FSUB_M:
        case I_FDIV_M:
            op->type = ins == I_FADD_M ? OP_FADD_M : ins == I_FSUB_M ? OP_FSUB_M : OP_FDIV_M;
            op->dst = dst & 3;
            op->src = src; // integer address register; never "src == dst" (different groups)
            op->mask = read_mask(in);
            op->imm = imm;
            break;
        case I_FSCAL_R:
            op->type = OP_FSCAL_R;
            op->dst = dst & 3;
            break;
        case I_FSQRT_R:
            op->type = OP_FSQRT_R;
            op->dst = dst & 3;
            break;
        case I_CBRANCH: {
            const unsigned b = (unsigned)(in->mod >> 4) + RX_JUMP_OFFSET;
            uint64_t cimm = imm | (1ull << b);
            cimm &= ~(1ull << (b - 1)); // b >= RX_JUMP_OFFSET = 8 > 0
            op->type = OP_CBRANCH;
            op->imm = cimm;
            op->mask = ((1u << RX_JUMP_BITS) - 1) << b;
            op->target = last_mod[dst] + 1;
            for (int r = 0; r < 8; r++) last_mod[r] = (int32_t)i;
            break;
        }
        case I_CFROUND:
            op->type = OP_CFROUND;
            op->src = src;
            op->imm = in->imm32 & 63;
            break;
        case I_ISTORE:
            op->type = OP_ISTORE;
            op->src = src;
            op->imm = imm;
            op->mask = ((in->mod >> 4) >= 14) ? RX_L3_MASK : read_mask(in);
            break;
        case I_COUNT:
            break;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Floating point: a 128-bit register is a pair of doubles operated on together. On x86-64 that is
// an SSE2 vector (the same instructions the JIT uses, so rounding is identical by construction);
// elsewhere two scalar doubles, which IEEE-754 makes equivalent.

#ifdef RX_X86
typedef __m128d fvec;
static inline fvec fv_add(fvec a, fvec b) { return _mm_add_pd(a, b); }
static inline fvec fv_sub(fvec a, fvec b) { return _mm_sub_pd(a, b); }
static inline fvec fv_mul(fvec a, fvec b) { return _mm_mul_pd(a, b); }
static inline fvec fv_div(fvec a, fvec b) { return _mm_div_pd(a, b); }
static inline fvec fv_sqrt(fvec a) { return _mm_sqrt_pd(a); }
static inline fvec fv_swap(fvec a) { return _mm_shuffle_pd(a, a, 1); }
static inline fvec fv_xor_bits(fvec a, uint64_t m) {
    return _mm_xor_pd(a, _mm_castsi128_pd(_mm_set1_epi64x((long long)m)));
}
// Spec 4.3.1: two little-endian int32 -> two doubles (exact).
static inline fvec fv_from_int(const uint8_t *p) {
    return _mm_cvtepi32_pd(_mm_loadl_epi64((const __m128i *)(const void *)p));
}
static inline fvec fv_emask(fvec a, const uint64_t m[2]) {
    const __m128i keep = _mm_set1_epi64x((long long)RX_E_KEEP_MASK);
    const __m128i or_ = _mm_set_epi64x((long long)m[1], (long long)m[0]);
    return _mm_castsi128_pd(_mm_or_si128(_mm_and_si128(_mm_castpd_si128(a), keep), or_));
}
static inline fvec fv_load(const rx_fpair *p) { return _mm_loadu_pd(&p->lo); }
static inline void fv_store(void *p, fvec v) { _mm_storeu_pd((double *)p, v); }
#else
typedef struct {
    double lo, hi;
} fvec;
static inline fvec fv_add(fvec a, fvec b) { return (fvec){a.lo + b.lo, a.hi + b.hi}; }
static inline fvec fv_sub(fvec a, fvec b) { return (fvec){a.lo - b.lo, a.hi - b.hi}; }
static inline fvec fv_mul(fvec a, fvec b) { return (fvec){a.lo * b.lo, a.hi * b.hi}; }
static inline fvec fv_div(fvec a, fvec b) { return (fvec){a.lo / b.lo, a.hi / b.hi}; }
static inline fvec fv_sqrt(fvec a) { return (fvec){__builtin_sqrt(a.lo), __builtin_sqrt(a.hi)}; }
static inline fvec fv_swap(fvec a) { return (fvec){a.hi, a.lo}; }
static inline double bits_xor(double d, uint64_t m) {
    uint64_t u;
    memcpy(&u, &d, 8);
    u ^= m;
    memcpy(&d, &u, 8);
    return d;
}
static inline fvec fv_xor_bits(fvec a, uint64_t m) { return (fvec){bits_xor(a.lo, m), bits_xor(a.hi, m)}; }
static inline fvec fv_from_int(const uint8_t *p) {
    int32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + 4, 4);
    return (fvec){(double)lo, (double)hi};
}
static inline double bits_emask(double d, uint64_t m) {
    uint64_t u;
    memcpy(&u, &d, 8);
    u = (u & RX_E_KEEP_MASK) | m;
    memcpy(&d, &u, 8);
    return d;
}
static inline fvec fv_emask(fvec a, const uint64_t m[2]) {
    return (fvec){bits_emask(a.lo, m[0]), bits_emask(a.hi, m[1])};
}
static inline fvec fv_load(const rx_fpair *p) { return (fvec){p->lo, p->hi}; }
static inline void fv_store(void *p, fvec v) { memcpy(p, &v, 16); }
#endif

void rx_set_fprc(unsigned fprc) {
#ifdef RX_X86
    // The x86 RC field uses fprc's encoding (see RX_MXCSR_DEFAULT).
    _mm_setcsr(RX_MXCSR_DEFAULT | ((fprc & 3) << 13));
#else
    static const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    fesetround(modes[fprc & 3]);
#endif
}

static inline uint64_t load64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline void store64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static inline uint64_t rotr64(uint64_t x, unsigned c) {
    c &= 63;
    return c ? (x >> c) | (x << (64 - c)) : x;
}

static inline uint64_t rotl64(uint64_t x, unsigned c) {
    c &= 63;
    return c ? (x << c) | (x >> (64 - c)) : x;
}

static inline uint64_t mulh(uint64_t a, uint64_t b) {
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

static inline uint64_t smulh(uint64_t a, uint64_t b) {
    return (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64);
}

void rx_vm_dataset_read(const struct rtx_vm *vm, uint64_t addr, uint64_t out[8]) {
    if (vm->dataset) {
        memcpy(out, vm->dataset + addr, 64);
    } else {
        rtx_dataset_item(vm->cache, addr / 64, out);
    }
}

// Runs one pass of the program (spec 4.6.2 step 4) over the register state.
static inline void run_program(const rx_op *ops, uint32_t n, uint64_t *r, fvec *fe, const fvec *a,
                               uint8_t *sp, const uint64_t e_mask[2], int v2) {
    fvec *f = fe, *e = fe + 4;
    for (uint32_t pc = 0; pc < n; pc++) {
        const rx_op *op = &ops[pc];
        switch (op->type) {
        case OP_NOP:
            break;
        case OP_IADD_RS:
            r[op->dst] += (r[op->src] << op->shift) + op->imm;
            break;
        case OP_IADD_M:
            r[op->dst] += load64(sp + ((r[op->src] + op->imm) & op->mask));
            break;
        case OP_ISUB_R:
            r[op->dst] -= r[op->src];
            break;
        case OP_ISUB_M:
            r[op->dst] -= load64(sp + ((r[op->src] + op->imm) & op->mask));
            break;
        case OP_IMUL_R:
            r[op->dst] *= r[op->src];
            break;
        case OP_IMUL_I:
            r[op->dst] *= op->imm;
            break;
        case OP_IMUL_M:
            r[op->dst] *= load64(sp + ((r[op->src] + op->imm) & op->mask));
            break;
        case OP_IMULH_R:
            r[op->dst] = mulh(r[op->dst], r[op->src]);
            break;
        case OP_IMULH_M:
            r[op->dst] = mulh(r[op->dst], load64(sp + ((r[op->src] + op->imm) & op->mask)));
            break;
        case OP_ISMULH_R:
            r[op->dst] = smulh(r[op->dst], r[op->src]);
            break;
        case OP_ISMULH_M:
            r[op->dst] = smulh(r[op->dst], load64(sp + ((r[op->src] + op->imm) & op->mask)));
            break;
        case OP_INEG_R:
            r[op->dst] = (uint64_t)0 - r[op->dst];
            break;
        case OP_IXOR_R:
            r[op->dst] ^= r[op->src] ^ op->imm;
            break;
        case OP_IXOR_M:
            r[op->dst] ^= load64(sp + ((r[op->src] + op->imm) & op->mask));
            break;
        case OP_IROR_R:
            r[op->dst] = rotr64(r[op->dst], (unsigned)r[op->src]);
            break;
        case OP_IROR_I:
            r[op->dst] = rotr64(r[op->dst], (unsigned)op->imm);
            break;
        case OP_IROL_R:
            r[op->dst] = rotl64(r[op->dst], (unsigned)r[op->src]);
            break;
        case OP_IROL_I:
            r[op->dst] = rotl64(r[op->dst], (unsigned)op->imm);
            break;
        case OP_ISWAP_R: {
            const uint64_t t = r[op->src];
            r[op->src] = r[op->dst];
            r[op->dst] = t;
            break;
        }
        case OP_FSWAP_R:
            fe[op->dst] = fv_swap(fe[op->dst]);
            break;
        case OP_FADD_R:
            f[op->dst] = fv_add(f[op->dst], a[op->src]);
            break;
        case OP_FADD_M:
            f[op->dst] = fv_add(f[op->dst], fv_from_int(sp + ((r[op->src] + op->imm) & op->mask)));
            break;
        case OP_FSUB_R:
            f[op->dst] = fv_sub(f[op->dst], a[op->src]);
            break;
        case OP_FSUB_M:
            f[op->dst] = fv_sub(f[op->dst], fv_from_int(sp + ((r[op->src] + op->imm) & op->mask)));
            break;
        case OP_FSCAL_R:
            f[op->dst] = fv_xor_bits(f[op->dst], RX_FSCAL_MASK);
            break;
        case OP_FMUL_R:
            e[op->dst] = fv_mul(e[op->dst], a[op->src]);
            break;
        case OP_FDIV_M:
            e[op->dst] = fv_div(
                e[op->dst],
                fv_emask(fv_from_int(sp + ((r[op->src] + op->imm) & op->mask)), e_mask));
            break;
        case OP_FSQRT_R:
            e[op->dst] = fv_sqrt(e[op->dst]);
            break;
        case OP_CBRANCH:
            r[op->dst] += op->imm;
            if ((r[op->dst] & op->mask) == 0) {
                pc = (uint32_t)op->target - 1; // the loop's increment lands on target
            }
            break;
        case OP_CFROUND: {
            const uint64_t v = rotr64(r[op->src], (unsigned)op->imm);
            // v2 only changes the mode when bits 2-5 are zero (1 time in 16).
            if (!v2 || (v & 60) == 0) rx_set_fprc((unsigned)(v & 3));
            break;
        }
        case OP_ISTORE:
            store64(sp + ((r[op->dst] + op->imm) & op->mask), r[op->src]);
            break;
        }
    }
}

void rx_interpreter_execute(struct rtx_vm *vm) {
    rx_op *ops = vm->interp->ops;
    decode(vm, ops);

    const uint32_t n = vm->program_size;
    const int v2 = vm->version == 2;
    uint8_t *const sp = vm->scratchpad;
    const uint32_t *rr = vm->config.read_reg;
    const uint64_t *e_mask = vm->config.e_mask;

    // r[8] is the constant zero operand of decoded ops.
    uint64_t r[9];
    memcpy(r, vm->reg.r, 64);
    r[8] = 0;
    fvec fe[8], a[4];
    for (int i = 0; i < 4; i++) a[i] = fv_load(&vm->reg.a[i]);
    for (int i = 0; i < 4; i++) fe[i] = fv_load(&vm->reg.f[i]);
    for (int i = 0; i < 4; i++) fe[4 + i] = fv_load(&vm->reg.e[i]);

    // Spec 4.6.1.
    uint32_t sp_addr0 = vm->mx;
    uint32_t sp_addr1 = vm->ma;
    uint32_t ma = vm->ma, mx = vm->mx;

    for (int ic = 0; ic < RX_PROGRAM_ITERATIONS; ic++) {
        // Step 1.
        const uint64_t sp_mix = r[rr[0]] ^ r[rr[1]];
        sp_addr0 = (sp_addr0 ^ (uint32_t)sp_mix) & RX_L3_MASK64;
        sp_addr1 = (sp_addr1 ^ (uint32_t)(sp_mix >> 32)) & RX_L3_MASK64;

        // Step 2.
        for (int i = 0; i < 8; i++) r[i] ^= load64(sp + sp_addr0 + 8 * i);

        // Step 3.
        for (int i = 0; i < 4; i++) fe[i] = fv_from_int(sp + sp_addr1 + 8 * i);
        for (int i = 0; i < 4; i++) fe[4 + i] = fv_emask(fv_from_int(sp + sp_addr1 + 32 + 8 * i), e_mask);

        // Step 4.
        run_program(ops, n, r, fe, a, sp, e_mask, v2);

        // Step 5: mp is mx in v1 and ma in v2.
        const uint32_t mt = ma;
        const uint32_t mix = (uint32_t)(r[rr[2]] ^ r[rr[3]]);
        uint32_t mp;
        if (v2) {
            ma ^= mix;
            mp = ma;
        } else {
            mx ^= mix;
            mp = mx;
        }

        // Step 6: only meaningful with a dataset in memory.
        if (vm->dataset) {
            __builtin_prefetch(vm->dataset + vm->dataset_offset + (mp & RX_DATASET_BASE_MASK), 0, 0);
        }

        // Step 7.
        uint64_t item[8];
        rx_vm_dataset_read(vm, vm->dataset_offset + (mt & RX_DATASET_BASE_MASK), item);
        for (int i = 0; i < 8; i++) r[i] ^= item[i];

        // Step 8.
        const uint32_t t = ma;
        ma = mx;
        mx = t;

        // Step 9.
        for (int i = 0; i < 8; i++) store64(sp + sp_addr1 + 8 * i, r[i]);

        // Step 10.
        if (v2) {
            uint8_t fb[64], eb[64];
            for (int i = 0; i < 4; i++) {
                fv_store(fb + 16 * i, fe[i]);
                fv_store(eb + 16 * i, fe[4 + i]);
            }
            vm->aes->mix_fe(fb, eb);
            for (int i = 0; i < 4; i++) {
                rx_fpair p;
                memcpy(&p, fb + 16 * i, 16);
                fe[i] = fv_load(&p);
            }
        } else {
            for (int i = 0; i < 4; i++) {
                uint8_t fb[16], eb[16];
                fv_store(fb, fe[i]);
                fv_store(eb, fe[4 + i]);
                for (int j = 0; j < 16; j++) fb[j] ^= eb[j];
                rx_fpair p;
                memcpy(&p, fb, 16);
                fe[i] = fv_load(&p);
            }
        }

        // Step 11.
        for (int i = 0; i < 4; i++) fv_store(sp + sp_addr0 + 16 * i, fe[i]);

        // Step 12.
        sp_addr0 = 0;
        sp_addr1 = 0;
    }

    memcpy(vm->reg.r, r, 64);
    for (int i = 0; i < 4; i++) fv_store(&vm->reg.f[i], fe[i]);
    for (int i = 0; i < 4; i++) fv_store(&vm->reg.e[i], fe[4 + i]);
    vm->ma = ma;
    vm->mx = mx;
}
