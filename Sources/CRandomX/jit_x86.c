// x86-64 JIT for the RandomX program loop (doc/specs.md 4.6, v1 and v2).
//
// HOOK CONTRACT with vm.c (owned by the vm engineer; see also rx_jit.h):
//   * rtx_create_vm with RTX_FLAG_JIT: if rx_jit_supported(flags), jit = rx_jit_create(flags)
//     (flags as passed: FULL_MEM and V2 matter); keep it in the VM; NULL -> fall back to the
//     interpreter. rtx_destroy_vm: rx_jit_destroy(jit).
//   * per program (after the VM is programmed, spec 4.5): rx_jit_compile(jit, program bytes,
//     program size (256 v1 / 384 v2), &{readReg0..3}); then fill an rx_jit_state (a, emask, mx, ma,
//     fprc, scratchpad, dataset memory or cache + rtx_dataset_item, datasetOffset, iterations 2048),
//     rx_jit_run(jit, &state), copy r, f, e, mx, ma back (vm.c's jit_execute does exactly this; the
//     pragma-weak references there keep the target linkable without this file).
//   * MXCSR: the run sets MXCSR from state.fprc on entry and leaves it in the last mode (the
//     interpreter's behaviour); vm.c restores the caller's MXCSR around rtx_calculate_*.
//
// Design (all choices are ours, from the spec and the Intel SDM):
//   * 64 KiB of code memory per VM, W^X: no mapping of it is ever writable and executable at once.
//     Where Linux allows (memfd), the memory is mapped twice: a read+write view that the compiler
//     writes and a read+exec view that runs, so a compile costs no system call. Flipping one mapping
//     with mprotect twice per program (RX -> RW -> RX) costs a TLB shootdown each time, an
//     inter-processor interrupt to every core running another miner thread: measured here, the
//     flips cost 2-thread full-mode hashing about a fifth of its rate. Where a second mapping is
//     refused (or RX_JIT_OPT_SINGLE_MAPPING asks), that single mapping is flipped instead.
//     Page 0 holds the prologue, epilogue and constants, written once at creation. Pages 1.. hold
//     the IMUL_RCP constant table and the loop body, rewritten by each compile. x86 keeps
//     instruction fetch coherent with stores by physical address, so code written through the
//     other view runs correctly once the store has executed.
//   * Register map (SysV): r0-r7 -> r8-r15; rsi = scratchpad; rdi = rx_jit_state*; rbp = dataset +
//     datasetOffset (full) or datasetOffset (light); rbx = ma (low half) and mx (high half), so
//     step 8's swap is one rotate and the dataset address never waits on memory; rax/rcx/rdx
//     scratch, except that rax and rdx carry the next iteration's spAddr0/1 (masked) from the end of
//     one iteration to the head of the next: computed once, they also feed the scratchpad prefetch.
//     ic counts down in the stack frame.
//     f0-f3 -> xmm0-3, e0-e3 -> xmm4-7, a0-a3 -> xmm8-11, xmm12 scratch, xmm13 = E "and" mask,
//     xmm14 = E "or" mask (per program), xmm15 = FSCAL xor mask.
//   * Stack frame: spAddr0/1 of the running iteration, the (mx, ma) seed of iteration 0, the
//     current MXCSR image, and for light mode a save area for caller-saved registers plus the
//     64-byte item buffer (the call to the item function keeps rsp 16-byte aligned).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1  // MAP_ANONYMOUS and memfd_create under -std=c11 on glibc
#endif
#include "rx_jit.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && !defined(_WIN32)

#include <cpuid.h>
#include <sys/mman.h>
#include <unistd.h>
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

#include "rx_x86_emit.h"

// Flag values from CRandomX.h (duplicated so this file compiles alone in the test harness).
#define JIT_FLAG_FULL_MEM 4
#define JIT_FLAG_V2 128

_Static_assert(offsetof(rx_jit_state, r) == 0, "layout");
_Static_assert(offsetof(rx_jit_state, f) == 64, "layout");
_Static_assert(offsetof(rx_jit_state, e) == 128, "layout");
_Static_assert(offsetof(rx_jit_state, a) == 192, "layout");
_Static_assert(offsetof(rx_jit_state, emask) == 256, "layout");
_Static_assert(offsetof(rx_jit_state, scratchpad) == 272, "layout");
_Static_assert(offsetof(rx_jit_state, dataset) == 280, "layout");
_Static_assert(offsetof(rx_jit_state, cache) == 288, "layout");
_Static_assert(offsetof(rx_jit_state, item_fn) == 296, "layout");
_Static_assert(offsetof(rx_jit_state, dataset_offset) == 304, "layout");
_Static_assert(offsetof(rx_jit_state, mx) == 312, "layout");
_Static_assert(offsetof(rx_jit_state, ma) == 316, "layout");
_Static_assert(offsetof(rx_jit_state, fprc) == 320, "layout");
_Static_assert(offsetof(rx_jit_state, iterations) == 324, "layout");

// rx_jit_state field offsets as the generated code addresses them ([rdi + S_x]).
enum {
    S_R = offsetof(rx_jit_state, r), S_F = offsetof(rx_jit_state, f), S_E = offsetof(rx_jit_state, e),
    S_A = offsetof(rx_jit_state, a), S_EMASK = offsetof(rx_jit_state, emask),
    S_SCRATCHPAD = offsetof(rx_jit_state, scratchpad), S_DATASET = offsetof(rx_jit_state, dataset),
    S_CACHE = offsetof(rx_jit_state, cache), S_ITEMFN = offsetof(rx_jit_state, item_fn),
    S_DSOFF = offsetof(rx_jit_state, dataset_offset), S_MX = offsetof(rx_jit_state, mx),
    S_MA = offsetof(rx_jit_state, ma), S_FPRC = offsetof(rx_jit_state, fprc),
    S_ITER = offsetof(rx_jit_state, iterations),
};

// Spec constants (Table 4.2.1, 4.5.5, chapter 7).
#define SP_L1 ((16384 - 1) & ~7)
#define SP_L2 ((262144 - 1) & ~7)
#define SP_L3 ((2097152 - 1) & ~7)
#define SP_L3_64 ((2097152 - 1) & ~63)
#define DS_LINE_MASK 0x7FFFFFC0  // (RANDOMX_DATASET_BASE_SIZE - 1) & ~63
#define MXCSR_BASE 0x1F80        // all exceptions masked, no FTZ/DAZ: plain IEEE like C code

// Instruction classes; the opcode ranges follow the frequency tables 5.2.1-5.5.1 in order.
enum {
    I_IADD_RS, I_IADD_M, I_ISUB_R, I_ISUB_M, I_IMUL_R, I_IMUL_M, I_IMULH_R, I_IMULH_M,
    I_ISMULH_R, I_ISMULH_M, I_IMUL_RCP, I_INEG_R, I_IXOR_R, I_IXOR_M, I_IROR_R, I_IROL_R,
    I_ISWAP_R, I_FSWAP_R, I_FADD_R, I_FADD_M, I_FSUB_R, I_FSUB_M, I_FSCAL_R, I_FMUL_R,
    I_FDIV_M, I_FSQRT_R, I_CBRANCH, I_CFROUND, I_ISTORE, I_COUNT
};
static const uint8_t k_freq[I_COUNT] = {
    16, 7, 16, 7, 16, 4, 4, 1, 4, 1, 8, 2, 15, 5, 8, 2, 4,  // integer: 120
    4, 16, 5, 16, 5, 6, 32, 4, 6,                           // float: 94
    25, 1,                                                  // control: 26
    16,                                                     // store: 16
};

// Frame layout (offsets from rsp after the prologue's sub). rsp is 16-byte aligned there.
enum {
    F_SP0 = 0,     // spAddr0 of this iteration (masked), 8 bytes
    F_SP1 = 8,     // spAddr1
    F_IC = 16,     // ic, iterations left (4 bytes)
    F_MODE = 24,   // rounding mode loaded in MXCSR, times 4 (an offset into F_TABLE)
    F_GPR = 32,    // light mode: rsi, rdi, r8-r11 (6 x 8)
    F_XMM = 80,    // light mode: xmm0-11, xmm13-15 (15 x 16)
    F_BUF = 320,   // light mode: the 64-byte dataset item
    F_TABLE = 384, // the four MXCSR images, one per rounding mode (4 x 4)
    FRAME = 408,   // 6 pushes + return address + 408 = 464: rsp stays 16-aligned
};

// Code buffer layout.
enum {
    CODE_SIZE = 64 * 1024,
    FIXED_SIZE = 4096,            // prologue, epilogue, constants: RX after creation
    ENTRY = 64,                   // the prologue (entry point) starts here, int3 before it
    RCP_TABLE = 4096,             // up to MAX_PROGRAM reciprocals
    BODY = 4096 + 384 * 8,        // 7168, a multiple of 64: the loop head is cache-line aligned
    MAX_PROGRAM = 384,
    RW_STEP = 2 * 4096,           // pages flipped per step (see set_body_prot)
};
// Worst case body: the loop head (~90 bytes), 384 instructions of at most 37 bytes (CFROUND v2
// without BMI2; compile keeps 64 free per instruction), the light-mode v2 tail (~620 bytes, most of
// it saving and restoring 15 xmm registers around the item call): well under 57 KiB.
enum { INSTR_MAX = 64, TAIL_MAX = 1024 };
_Static_assert(BODY % 64 == 0, "loop head on a cache line");
_Static_assert(BODY + 128 + MAX_PROGRAM * INSTR_MAX + TAIL_MAX < CODE_SIZE, "code buffer");

struct rx_jit {
    uint8_t *code;      // the view the compiler writes (read+write; in single-mapping mode, flipped)
    uint8_t *exec;      // the view that runs (read+exec); == code in single-mapping mode
    int dual;           // two views of one memfd: no mprotect per compile
    int full, v2;
    unsigned opts;
    int bmi2;
    int body_writable;
    size_t rw_end;      // body pages [FIXED_SIZE, rw_end) are the ones flipped by this compile
    size_t body_size;
    uint8_t *epilogue;
    uint8_t opclass[256];
};

static void cpu_features(int *aes, int *bmi2) {
    unsigned a, b, c, d;
    *aes = *bmi2 = 0;
    if (__get_cpuid(1, &a, &b, &c, &d)) *aes = (c >> 25) & 1;
    if (__get_cpuid_max(0, NULL) >= 7 && __get_cpuid_count(7, 0, &a, &b, &c, &d)) *bmi2 = (b >> 8) & 1;
}

int rx_jit_supported(int flags) {
    int aes, bmi2;
    cpu_features(&aes, &bmi2);
    // v1 needs only SSE2; v2's step 10 uses AESENC/AESDEC (no software AES path in the JIT).
    return (flags & JIT_FLAG_V2) ? aes : 1;
}

uint64_t rx_jit_reciprocal(uint32_t d) {
    // x = 64 + floor(log2 d) is the largest exponent with 2^x / d < 2^64 when d is not a power of
    // two. 2^x / d by schoolbook division in 32-bit digits: the leading digit 2^k < d gives
    // quotient 0, so the result is the next two digits of (2^k * 2^64) / d.
    int k = 31 - __builtin_clz(d);
    uint64_t rem = (uint64_t)1 << k;
    uint64_t t = rem << 32;
    uint64_t q1 = t / d;
    rem = t % d;
    t = rem << 32;
    uint64_t q0 = t / d;
    return (q1 << 32) | q0;
}

static int is_zero_or_pow2(uint32_t v) { return (v & (v - 1)) == 0; }

#define R(i) (X_R8 + (i))
static const int kFRegX = 0, kERegX = 4, kARegX = 8;
enum { XT = 12, XEAND = 13, XEOR = 14, XFSCAL = 15 };

static void set_rip_disp(xbuf *b, const uint8_t *target) {
    // The instruction just emitted ends with its disp32: patch it relative to the instruction end.
    int32_t d = (int32_t)(target - b->p);
    memcpy(b->p - 4, &d, 4);
}

static void emit_prologue(rx_jit *j, xbuf *b, const uint8_t *c_eand, const uint8_t *c_fscal) {
    x_push(b, X_RBX); x_push(b, X_RBP); x_push(b, X_R12);
    x_push(b, X_R13); x_push(b, X_R14); x_push(b, X_R15);
    x_alu_ri(b, 1, X_SUB, X_RSP, FRAME);
    // Rounding mode from fprc (spec 4.3 Table 4.3.1 matches MXCSR.RC: 0 nearest, 1 down, 2 up, 3 zero).
    // CFROUND loads MXCSR from this table of the four images: an LDMXCSR that read an image just
    // stored would wait for the store.
    for (int k = 0; k < 4; k++) x_mov_mi32(b, 0, xm(X_RSP, F_TABLE + 4 * k), MXCSR_BASE | k << 13);
    x_mov_rm(b, 0, X_RAX, xm(X_RDI, S_FPRC));
    x_alu_ri(b, 0, X_AND, X_RAX, 3);
    x_shift_ri(b, 0, X_SHL, X_RAX, 2);
    x_mov_mr(b, 0, xm(X_RSP, F_MODE), X_RAX);
    x_ldmxcsr(b, xmi(X_RSP, X_RAX, 0, F_TABLE));
    x_movaps_rm(b, XEAND, xm(X_RIP, 0)); set_rip_disp(b, c_eand);
    x_movaps_rm(b, XFSCAL, xm(X_RIP, 0)); set_rip_disp(b, c_fscal);
    x_movups_rm(b, XEOR, xm(X_RDI, S_EMASK));
    for (int i = 0; i < 4; i++) x_movups_rm(b, kARegX + i, xm(X_RDI, S_A + 16 * i));
    x_mov_rm(b, 1, X_RSI, xm(X_RDI, S_SCRATCHPAD));
    if (j->full) {
        x_mov_rm(b, 1, X_RBP, xm(X_RDI, S_DATASET));
        x_alu_rm(b, 1, X_ADD, X_RBP, xm(X_RDI, S_DSOFF));
    } else {
        x_mov_rm(b, 1, X_RBP, xm(X_RDI, S_DSOFF));
    }
    x_mov_rm(b, 0, X_RAX, xm(X_RDI, S_ITER));
    x_mov_mr(b, 0, xm(X_RSP, F_IC), X_RAX);
    // Spec 4.6.1: integer registers start at zero.
    for (int i = 0; i < 8; i++) x_alu_rr(b, 0, X_XOR, R(i), R(i));
    // mx and ma are adjacent in the state (mx | ma << 32). With r0-r7 zero, iteration 0's step 1
    // gives spAddr0 = mx, spAddr1 = ma (masked); rbx holds ma low, mx high.
    _Static_assert(S_MA == S_MX + 4, "mx, ma adjacent");
    x_mov_rm(b, 1, X_RAX, xm(X_RDI, S_MX));
    x_mov_rr(b, 1, X_RBX, X_RAX);
    x_shift_ri(b, 1, X_ROR, X_RBX, 32);
    x_mov_rr(b, 1, X_RDX, X_RAX);
    x_shift_ri(b, 1, X_SHR, X_RDX, 32);
    x_alu_ri(b, 0, X_AND, X_RAX, SP_L3_64);
    x_alu_ri(b, 0, X_AND, X_RDX, SP_L3_64);
    x_jmp_to(b, -1, b->base + BODY);
}

static void emit_epilogue(xbuf *b) {
    x_shift_ri(b, 1, X_ROR, X_RBX, 32);
    x_mov_mr(b, 1, xm(X_RDI, S_MX), X_RBX);  // mx | ma << 32
    for (int i = 0; i < 8; i++) x_mov_mr(b, 1, xm(X_RDI, S_R + 8 * i), R(i));
    for (int i = 0; i < 4; i++) x_movups_mr(b, xm(X_RDI, S_F + 16 * i), kFRegX + i);
    for (int i = 0; i < 4; i++) x_movups_mr(b, xm(X_RDI, S_E + 16 * i), kERegX + i);
    // fprc back from the mode CFROUND last loaded (it keeps F_MODE current).
    x_mov_rm(b, 0, X_RAX, xm(X_RSP, F_MODE));
    x_shift_ri(b, 0, X_SHR, X_RAX, 2);
    x_alu_ri(b, 0, X_AND, X_RAX, 3);
    x_mov_mr(b, 0, xm(X_RDI, S_FPRC), X_RAX);
    x_alu_ri(b, 1, X_ADD, X_RSP, FRAME);
    x_pop(b, X_R15); x_pop(b, X_R14); x_pop(b, X_R13);
    x_pop(b, X_R12); x_pop(b, X_RBP); x_pop(b, X_RBX);
    x_ret(b);
}

/// The code memory as two views of one memfd (read+write, read+exec); -1 where refused.
static int map_two_views(rx_jit *j) {
#if defined(__linux__) && defined(MFD_CLOEXEC)
    int fd = memfd_create("rigtop-randomx-jit", MFD_CLOEXEC);
    if (fd < 0) return -1;
    void *w = MAP_FAILED, *x = MAP_FAILED;
    if (ftruncate(fd, CODE_SIZE) == 0) {
        w = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (w != MAP_FAILED) x = mmap(NULL, CODE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    }
    close(fd);
    if (x == MAP_FAILED) {
        if (w != MAP_FAILED) munmap(w, CODE_SIZE);
        return -1;
    }
    j->code = (uint8_t *)w;
    j->exec = (uint8_t *)x;
    j->dual = 1;
    return 0;
#else
    (void)j;
    return -1;
#endif
}

rx_jit *rx_jit_create_opts(int flags, unsigned opts) {
    rx_jit *j = (rx_jit *)calloc(1, sizeof(rx_jit));
    if (!j) return NULL;
    if ((opts & RX_JIT_OPT_SINGLE_MAPPING) || map_two_views(j) != 0) {
        void *code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (code == MAP_FAILED) { free(j); return NULL; }
        j->code = j->exec = (uint8_t *)code;
    }
    j->full = (flags & JIT_FLAG_FULL_MEM) != 0;
    j->v2 = (flags & JIT_FLAG_V2) != 0;
    j->opts = opts;
    int aes;
    cpu_features(&aes, &j->bmi2);
    if (!(opts & RX_JIT_OPT_BMI2)) j->bmi2 = 0;
    int op = 0;
    for (int c = 0; c < I_COUNT; c++)
        for (int k = 0; k < k_freq[c]; k++) j->opclass[op++] = (uint8_t)c;

    // Constants at the end of page 0, 16-aligned.
    uint8_t *c_eand = j->code + FIXED_SIZE - 64;
    uint8_t *c_fscal = c_eand + 16;
    // E conversion keeps the low 52 + 4 bits (fraction and the exponent's low 4 bits) and clears
    // the sign and the high exponent bits, which the per-program OR mask then supplies.
    const uint64_t eand = 0x00FFFFFFFFFFFFFFull, fscal = 0x80F0000000000000ull;
    for (int i = 0; i < 2; i++) { memcpy(c_eand + 8 * i, &eand, 8); memcpy(c_fscal + 8 * i, &fscal, 8); }

    xbuf b = {j->code, j->code, j->code + FIXED_SIZE - 64};
    while (x_off(&b) < ENTRY) x_u8(&b, 0xCC);
    emit_prologue(j, &b, c_eand, c_fscal);
    while (x_off(&b) & 15) x_u8(&b, 0xCC);
    j->epilogue = b.p;
    emit_epilogue(&b);
    // Body pages start as a trap until the first compile.
    memset(j->code + FIXED_SIZE, 0xCC, CODE_SIZE - FIXED_SIZE);
    if (!j->dual && mprotect(j->code, CODE_SIZE, PROT_READ | PROT_EXEC) != 0) { rx_jit_destroy(j); return NULL; }
    j->rw_end = FIXED_SIZE + RW_STEP;
    return j;
}

rx_jit *rx_jit_create(int flags) { return rx_jit_create_opts(flags, RX_JIT_OPT_DEFAULT); }

void rx_jit_destroy(rx_jit *j) {
    if (!j) return;
    if (j->code) munmap(j->code, CODE_SIZE);
    if (j->dual && j->exec) munmap(j->exec, CODE_SIZE);
    free(j);
}

size_t rx_jit_code_size(const rx_jit *j) { return j->body_size; }

// ---- instruction emission ------------------------------------------------------------------------

/// Memory operand of a register-memory instruction (spec 5.1.4): [src + imm32] masked to L1 or L2,
/// or [imm32] masked to L3 when src == dst (allow_l3). The address goes through `tmp`.
static xmem mem_src(xbuf *b, int tmp, int src, int dst, int32_t imm, uint8_t mod, int allow_l3) {
    if (allow_l3 && src == dst) return xm(X_RSI, (int32_t)((uint32_t)imm & SP_L3));
    x_lea(b, 0, tmp, xm(R(src), imm));
    x_alu_ri(b, 0, X_AND, tmp, (mod & 3) ? SP_L1 : SP_L2);
    return xmi(X_RSI, tmp, 0, 0);
}

typedef struct {
    uint8_t *start[MAX_PROGRAM + 1];
    int last_mod[8];
    uint64_t *rcp;
    int nrcp;
    // v1 CFROUND elimination: the last CFROUND's code, and whether anything that rounds (or a
    // branch, which can lead to something that rounds) came after it.
    uint8_t *cfround_start, *cfround_end;
    int rounded_since_cfround;
} compile_ctx;

static void emit_instr(rx_jit *j, xbuf *b, compile_ctx *cx, int i, const uint8_t *in) {
    int cls = j->opclass[in[0]];
    int dst = in[1] & 7, src = in[2] & 7;
    uint8_t mod = in[3];
    uint32_t uimm;
    memcpy(&uimm, in + 4, 4);
    int32_t imm = (int32_t)uimm;

    switch (cls) {
    case I_FADD_R: case I_FADD_M: case I_FSUB_R: case I_FSUB_M: case I_FMUL_R: case I_FDIV_M:
    case I_FSQRT_R: case I_CBRANCH:
        cx->rounded_since_cfround = 1;
        break;
    default: break;
    }
    switch (cls) {
    case I_IADD_RS: {
        // lea computes dst + (src << shift) + disp in one instruction; r5 adds imm32 (spec 5.2.1).
        x_lea(b, 1, R(dst), xmi(R(dst), R(src), (mod >> 2) & 3, dst == 5 ? imm : 0));
        cx->last_mod[dst] = i;
        break;
    }
    case I_IADD_M: case I_ISUB_M: case I_IXOR_M: {
        xmem m = mem_src(b, X_RAX, src, dst, imm, mod, 1);
        x_alu_rm(b, 1, cls == I_IADD_M ? X_ADD : cls == I_ISUB_M ? X_SUB : X_XOR, R(dst), m);
        cx->last_mod[dst] = i;
        break;
    }
    case I_ISUB_R: case I_IXOR_R: {
        int op = cls == I_ISUB_R ? X_SUB : X_XOR;
        if (src != dst) x_alu_rr(b, 1, op, R(dst), R(src));
        else x_alu_ri(b, 1, op, R(dst), imm);
        cx->last_mod[dst] = i;
        break;
    }
    case I_IMUL_R:
        if (src != dst) x_imul_rr(b, R(dst), R(src));
        else x_imul_rri32(b, R(dst), R(dst), imm);
        cx->last_mod[dst] = i;
        break;
    case I_IMUL_M:
        x_imul_rm(b, R(dst), mem_src(b, X_RAX, src, dst, imm, mod, 1));
        cx->last_mod[dst] = i;
        break;
    case I_IMULH_R: case I_ISMULH_R:
        if (cls == I_IMULH_R && j->bmi2) {
            // mulx leaves flags alone and needs no rax copy: rdx = dst; dst:rax = rdx * src.
            x_mov_rr(b, 1, X_RDX, R(dst));
            x_mulx_rr(b, R(dst), X_RAX, R(src));
        } else {
            x_mov_rr(b, 1, X_RAX, R(dst));
            x_grp3_r(b, 1, cls == I_IMULH_R ? 4 : 5, R(src));
            x_mov_rr(b, 1, R(dst), X_RDX);
        }
        cx->last_mod[dst] = i;
        break;
    case I_IMULH_M: case I_ISMULH_M: {
        xmem m = mem_src(b, X_RCX, src, dst, imm, mod, 1);  // rax/rdx belong to the multiply
        if (cls == I_IMULH_M && j->bmi2) {
            x_mov_rr(b, 1, X_RDX, R(dst));
            x_mulx_rm(b, R(dst), X_RAX, m);
        } else {
            x_mov_rr(b, 1, X_RAX, R(dst));
            x_grp3_m(b, 1, cls == I_IMULH_M ? 4 : 5, m);
            x_mov_rr(b, 1, R(dst), X_RDX);
        }
        cx->last_mod[dst] = i;
        break;
    }
    case I_IMUL_RCP:
        if (!is_zero_or_pow2(uimm)) {
            uint64_t rcp = rx_jit_reciprocal(uimm);
            if (j->opts & RX_JIT_OPT_RCP_TABLE) {
                // A RIP-relative memory operand keeps the 10-byte mov imm64 out of the stream.
                cx->rcp[cx->nrcp] = rcp;
                x_imul_rm(b, R(dst), xm(X_RIP, 0));
                set_rip_disp(b, (const uint8_t *)&cx->rcp[cx->nrcp]);
                cx->nrcp++;
            } else {
                x_mov_ri64(b, X_RAX, rcp);
                x_imul_rr(b, R(dst), X_RAX);
            }
            cx->last_mod[dst] = i;
        }
        break;
    case I_INEG_R:
        x_grp3_r(b, 1, 3, R(dst));
        cx->last_mod[dst] = i;
        break;
    case I_IROR_R: case I_IROL_R: {
        int ror = cls == I_IROR_R;
        if (src != dst) {
            x_mov_rr(b, 0, X_RCX, R(src));
            x_shift_rcl(b, 1, ror ? X_ROR : X_ROL, R(dst));
        } else {
            unsigned n = uimm & 63;
            if (n) {
                if (j->bmi2) x_rorx(b, R(dst), R(dst), (uint8_t)(ror ? n : 64 - n));
                else x_shift_ri(b, 1, ror ? X_ROR : X_ROL, R(dst), (uint8_t)n);
            }
        }
        cx->last_mod[dst] = i;
        break;
    }
    case I_ISWAP_R:
        if (src != dst) {
            x_xchg_rr(b, R(dst), R(src));
            cx->last_mod[dst] = i;
            cx->last_mod[src] = i;
        }
        break;
    case I_FSWAP_R:
        // F+E group: index 0-3 = f0-f3 (xmm0-3), 4-7 = e0-e3 (xmm4-7).
        x_shufpd_rri(b, dst, dst, 1);
        break;
    case I_FADD_R: x_addpd_rr(b, kFRegX + (dst & 3), kARegX + (src & 3)); break;
    case I_FSUB_R: x_subpd_rr(b, kFRegX + (dst & 3), kARegX + (src & 3)); break;
    case I_FADD_M: case I_FSUB_M:
        x_cvtdq2pd_rm(b, XT, mem_src(b, X_RAX, src, dst, imm, mod, 0));
        if (cls == I_FADD_M) x_addpd_rr(b, kFRegX + (dst & 3), XT);
        else x_subpd_rr(b, kFRegX + (dst & 3), XT);
        break;
    case I_FSCAL_R: x_xorps_rr(b, kFRegX + (dst & 3), XFSCAL); break;
    case I_FMUL_R: x_mulpd_rr(b, kERegX + (dst & 3), kARegX + (src & 3)); break;
    case I_FDIV_M:
        x_cvtdq2pd_rm(b, XT, mem_src(b, X_RAX, src, dst, imm, mod, 0));
        x_andps_rr(b, XT, XEAND);
        x_orps_rr(b, XT, XEOR);
        x_divpd_rr(b, kERegX + (dst & 3), XT);
        break;
    case I_FSQRT_R: x_sqrtpd_rr(b, kERegX + (dst & 3), kERegX + (dst & 3)); break;
    case I_CBRANCH: {
        int sh = (mod >> 4) + 8;  // RANDOMX_JUMP_OFFSET = 8
        uint32_t cimm = (uimm | (1u << sh)) & ~(1u << (sh - 1));
        x_alu_ri(b, 1, X_ADD, R(dst), (int32_t)cimm);
        x_test_ri32(b, 1, R(dst), (int32_t)(255u << sh));  // RANDOMX_JUMP_BITS = 8
        int lm = cx->last_mod[dst];
        x_jmp_to(b, 4, cx->start[lm < 0 ? 0 : lm + 1]);
        for (int k = 0; k < 8; k++) cx->last_mod[k] = i;
        break;
    }
    case I_CFROUND: {
        if (!j->v2 && (j->opts & RX_JIT_OPT_CFROUND_ELIMINATION) && cx->cfround_start && !cx->rounded_since_cfround) {
            // The previous CFROUND's mode is replaced before any instruction rounds with it, and no
            // branch lies between (a branch could reach rounding code first): jump over it. v2's
            // CFROUND may not write fprc at all, so this holds for v1 only.
            uint8_t *at = cx->cfround_start;
            at[0] = 0xEB;
            at[1] = (uint8_t)(cx->cfround_end - (at + 2));
        }
        uint8_t *cf_start = b->p;
        // Rotated so that the mode's two bits land at bits 2-3: mode * 4, an offset into F_TABLE.
        unsigned n = (uimm - 2) & 63;
        if (j->bmi2) x_rorx(b, X_RAX, R(src), (uint8_t)n);
        else {
            x_mov_rr(b, 1, X_RAX, R(src));
            if (n) x_shift_ri(b, 1, X_ROR, X_RAX, (uint8_t)n);
        }
        uint8_t *skip1 = NULL, *skip2 = NULL;
        if (j->v2) {
            // v2 (spec 5.4.1): only when bits 2-5 of the value rotated by imm are zero.
            x_test_al_i8(b, 0xF0);
            skip1 = x_jcc8_fwd(b, 5);
        }
        x_alu_ri(b, 0, X_AND, X_RAX, 12);
        if (j->opts & RX_JIT_OPT_SKIP_SAME_MXCSR) {
            // LDMXCSR that changes the mode is slow on many cores; most CFROUNDs keep the mode.
            x_alu_rm(b, 0, X_CMP, X_RAX, xm(X_RSP, F_MODE));
            skip2 = x_jcc8_fwd(b, 4);
        }
        x_mov_mr(b, 0, xm(X_RSP, F_MODE), X_RAX);
        x_ldmxcsr(b, xmi(X_RSP, X_RAX, 0, F_TABLE));
        if (skip1) x_patch8(b, skip1);
        if (skip2) x_patch8(b, skip2);
        cx->cfround_start = cf_start;
        cx->cfround_end = b->p;
        cx->rounded_since_cfround = 0;
        break;
    }
    case I_ISTORE: {
        uint32_t mask = (mod >> 4) >= 14 ? SP_L3 : ((mod & 3) ? SP_L1 : SP_L2);
        x_lea(b, 0, X_RAX, xm(R(dst), imm));
        x_alu_ri(b, 0, X_AND, X_RAX, (int32_t)mask);
        x_mov_mr(b, 1, xmi(X_RSI, X_RAX, 0, 0), R(src));
        break;
    }
    }
}

static void emit_loop_head(xbuf *b) {
    // Step 1 is done: rax = spAddr0, rdx = spAddr1, masked (the prologue or the previous tail).
    x_mov_mr(b, 1, xm(X_RSP, F_SP0), X_RAX);
    x_mov_mr(b, 1, xm(X_RSP, F_SP1), X_RDX);
    // Step 2: r0-r7 ^= 64 bytes at spAddr0.
    for (int i = 0; i < 8; i++) x_alu_rm(b, 1, X_XOR, R(i), xmi(X_RSI, X_RAX, 0, 8 * i));
    // Step 3: f0-f3, e0-e3 from 64 bytes at spAddr1 (4.3.1, 4.3.2).
    for (int i = 0; i < 4; i++) x_cvtdq2pd_rm(b, kFRegX + i, xmi(X_RSI, X_RDX, 0, 8 * i));
    for (int i = 0; i < 4; i++) x_cvtdq2pd_rm(b, kERegX + i, xmi(X_RSI, X_RDX, 0, 32 + 8 * i));
    for (int i = 0; i < 4; i++) { x_andps_rr(b, kERegX + i, XEAND); x_orps_rr(b, kERegX + i, XEOR); }
}

static void emit_loop_tail(rx_jit *j, xbuf *b, const rx_jit_config *cfg, uint8_t *top) {
    // Step 5: mt = ma; mp ^= low32(readReg2 ^ readReg3) (v1: mp = mx, v2: mp = ma). Step 8: swap
    // mx and ma. rbx = ma | mx << 32; both stay unmasked, the dataset address masks them on use
    // (spec: "% RANDOMX_DATASET_BASE_SIZE").
    x_mov_rr(b, 0, X_RAX, X_RBX);                            // eax = mt = ma
    x_alu_ri(b, 0, X_AND, X_RAX, DS_LINE_MASK);
    x_mov_rr(b, 0, X_RDX, R(cfg->read_reg[2]));
    x_alu_rr(b, 0, X_XOR, X_RDX, R(cfg->read_reg[3]));
    if (!j->v2) {
        x_shift_ri(b, 1, X_ROR, X_RBX, 32);                  // low: mx, high: ma
        x_alu_rr(b, 1, X_XOR, X_RBX, X_RDX);                 // mx ^= ...: the next ma
        x_mov_rr(b, 0, X_RDX, X_RBX);                        // edx = mp
    } else {
        x_alu_rr(b, 1, X_XOR, X_RBX, X_RDX);                 // ma ^= ...: the next mx
        x_mov_rr(b, 0, X_RDX, X_RBX);                        // edx = mp
        x_shift_ri(b, 1, X_ROR, X_RBX, 32);                  // low: old mx, the next ma
    }
    if (j->full) {
        // Step 6: prefetch the item at mp; step 7: xor the item at mt into r0-r7.
        x_alu_ri(b, 0, X_AND, X_RDX, DS_LINE_MASK);
        if (j->opts & RX_JIT_OPT_PREFETCH_T0) x_prefetcht0(b, xmi(X_RBP, X_RDX, 0, 0));
        else x_prefetchnta(b, xmi(X_RBP, X_RDX, 0, 0));
        for (int i = 0; i < 8; i++) x_alu_rm(b, 1, X_XOR, R(i), xmi(X_RBP, X_RAX, 0, 8 * i));
    } else {
        // Light mode: item (datasetOffset + mt) / 64 computed by item_fn(cache, n, buf, next). All xmm
        // registers and rsi, rdi, r8-r11 are caller-saved in the SysV ABI; rbx is not.
        x_alu_rr(b, 1, X_ADD, X_RAX, X_RBP);
        x_shift_ri(b, 1, X_SHR, X_RAX, 6);
        // The next iteration's item (ma after the swap): the call's fourth argument.
        x_mov_rr(b, 0, X_RCX, X_RBX);
        x_alu_ri(b, 0, X_AND, X_RCX, DS_LINE_MASK);
        x_alu_rr(b, 1, X_ADD, X_RCX, X_RBP);
        x_shift_ri(b, 1, X_SHR, X_RCX, 6);
        static const int gprs[6] = {X_RSI, X_RDI, X_R8, X_R9, X_R10, X_R11};
        static const int xmms[15] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15};
        for (int k = 0; k < 6; k++) x_mov_mr(b, 1, xm(X_RSP, F_GPR + 8 * k), gprs[k]);
        for (int k = 0; k < 15; k++) x_movaps_mr(b, xm(X_RSP, F_XMM + 16 * k), xmms[k]);
        x_mov_rr(b, 1, X_RSI, X_RAX);
        x_lea(b, 1, X_RDX, xm(X_RSP, F_BUF));
        x_mov_rm(b, 1, X_RAX, xm(X_RDI, S_ITEMFN));
        x_mov_rm(b, 1, X_RDI, xm(X_RDI, S_CACHE));
        x_call_r(b, X_RAX);
        for (int k = 0; k < 6; k++) x_mov_rm(b, 1, gprs[k], xm(X_RSP, F_GPR + 8 * k));
        for (int k = 0; k < 15; k++) x_movaps_rm(b, xmms[k], xm(X_RSP, F_XMM + 16 * k));
        for (int i = 0; i < 8; i++) x_alu_rm(b, 1, X_XOR, R(i), xm(X_RSP, F_BUF + 8 * i));
    }
    // r0-r7 are final for this iteration, so the next iteration's step 1 (spAddr was zeroed by
    // step 12) can be done now: rax = spAddr0, rdx = spAddr1, masked, carried to the head.
    x_mov_rr(b, 1, X_RAX, R(cfg->read_reg[0]));
    x_alu_rr(b, 1, X_XOR, X_RAX, R(cfg->read_reg[1]));
    if (j->bmi2) {
        x_rorx(b, X_RDX, X_RAX, 32);
    } else {
        x_mov_rr(b, 1, X_RDX, X_RAX);
        x_shift_ri(b, 1, X_SHR, X_RDX, 32);
    }
    x_alu_ri(b, 0, X_AND, X_RAX, SP_L3_64);
    x_alu_ri(b, 0, X_AND, X_RDX, SP_L3_64);
    if (j->opts & RX_JIT_OPT_PREFETCH_SCRATCHPAD) {
        x_prefetcht0(b, xmi(X_RSI, X_RAX, 0, 0));
        x_prefetcht0(b, xmi(X_RSI, X_RDX, 0, 0));
    }
    // Step 9: r0-r7 to the scratchpad at spAddr1.
    x_mov_rm(b, 1, X_RCX, xm(X_RSP, F_SP1));
    for (int i = 0; i < 8; i++) x_mov_mr(b, 1, xmi(X_RSI, X_RCX, 0, 8 * i), R(i));
    // Step 10: mix F with E.
    if (!j->v2) {
        for (int i = 0; i < 4; i++) x_xorps_rr(b, kFRegX + i, kERegX + i);
    } else {
        for (int k = 0; k < 4; k++) {
            x_aesenc_rr(b, kFRegX + 0, kERegX + k);
            x_aesdec_rr(b, kFRegX + 1, kERegX + k);
            x_aesenc_rr(b, kFRegX + 2, kERegX + k);
            x_aesdec_rr(b, kFRegX + 3, kERegX + k);
        }
    }
    // Step 11: f0-f3 to the scratchpad at spAddr0.
    x_mov_rm(b, 1, X_RCX, xm(X_RSP, F_SP0));
    for (int i = 0; i < 4; i++) x_movups_mr(b, xmi(X_RSI, X_RCX, 0, 16 * i), kFRegX + i);
    // Step 12 is implicit (the next spAddr came from r0-r7 alone); step 13: next iteration.
    x_alu_mi(b, 0, X_SUB, xm(X_RSP, F_IC), 1);
    x_jmp_to(b, 5, top);
    x_jmp_to(b, -1, j->epilogue);
}

// W^X flips cover only the pages a compile writes: mprotect's cost (and, in a multi-threaded
// miner, the TLB shootdown it sends to the other cores) grows with the range. A v1/v2 body plus the
// IMUL_RCP table fits in two pages; emission widens the range a step at a time if it ever needs to.
static int set_body_prot(rx_jit *j, int writable) {
    if (j->dual || j->body_writable == writable) return 0;
    int prot = writable ? (PROT_READ | PROT_WRITE) : (PROT_READ | PROT_EXEC);
    if (mprotect(j->code + FIXED_SIZE, j->rw_end - FIXED_SIZE, prot) != 0) return -1;
    j->body_writable = writable;
    return 0;
}

/// Keeps room for the next instruction (or the loop tail) writable.
static int ensure_room(rx_jit *j, const xbuf *b, size_t need) {
    if (j->dual) return x_off(b) + need > CODE_SIZE ? -1 : 0;
    while (x_off(b) + need > j->rw_end) {
        if (j->rw_end + RW_STEP > CODE_SIZE) return -1;
        if (mprotect(j->code + j->rw_end, RW_STEP, PROT_READ | PROT_WRITE) != 0) return -1;
        j->rw_end += RW_STEP;
    }
    return 0;
}

int rx_jit_compile(rx_jit *j, const uint8_t *ins, size_t count, const rx_jit_config *cfg) {
    if (count == 0 || count > MAX_PROGRAM) return -1;
    j->rw_end = FIXED_SIZE + RW_STEP;
    if (set_body_prot(j, 1) != 0) return -1;
    compile_ctx cx;
    cx.rcp = (uint64_t *)(j->code + RCP_TABLE);
    cx.nrcp = 0;
    for (int k = 0; k < 8; k++) cx.last_mod[k] = -1;
    cx.cfround_start = cx.cfround_end = NULL;
    cx.rounded_since_cfround = 0;
    xbuf b = {j->code + BODY, j->code, j->code + CODE_SIZE};
    if (j->opts & RX_JIT_OPT_MISALIGN_LOOP)  // measurement only: loop head off its cache line
        for (int k = 0; k < 40; k++) x_u8(&b, 0x90);
    uint8_t *top = b.p;
    emit_loop_head(&b);
    for (size_t i = 0; i < count; i++) {
        if (ensure_room(j, &b, INSTR_MAX) != 0) { set_body_prot(j, 0); return -1; }
        cx.start[i] = b.p;
        emit_instr(j, &b, &cx, (int)i, ins + 8 * i);
    }
    cx.start[count] = b.p;
    if (ensure_room(j, &b, TAIL_MAX) != 0) { set_body_prot(j, 0); return -1; }
    emit_loop_tail(j, &b, cfg, top);
    j->body_size = (size_t)(b.p - top);
    return set_body_prot(j, 0);
}

// UBSan's -fsanitize=function (part of -fsanitize=undefined in recent clang, and on in fuzz builds)
// reads a type signature just before every indirectly called function; generated code has none.
// The entry also sits ENTRY bytes into the mapping, so such a read can never fault.
#if defined(__clang__)
__attribute__((no_sanitize("function")))
#endif
void rx_jit_run(rx_jit *j, rx_jit_state *st) {
    void (*fn)(rx_jit_state *);
    void *entry = j->exec + ENTRY;
    memcpy(&fn, &entry, sizeof fn);  // object -> function pointer without a cast warning
    fn(st);
}

#else  // not x86-64 SysV: no JIT; vm.c uses the interpreter.

struct rx_jit { int unused; };
int rx_jit_supported(int flags) { (void)flags; return 0; }
rx_jit *rx_jit_create(int flags) { (void)flags; return NULL; }
rx_jit *rx_jit_create_opts(int flags, unsigned opts) { (void)flags; (void)opts; return NULL; }
void rx_jit_destroy(rx_jit *jit) { (void)jit; }
int rx_jit_compile(rx_jit *jit, const uint8_t *i, size_t n, const rx_jit_config *c) {
    (void)jit; (void)i; (void)n; (void)c; return -1;
}
void rx_jit_run(rx_jit *jit, rx_jit_state *st) { (void)jit; (void)st; }
size_t rx_jit_code_size(const rx_jit *jit) { (void)jit; return 0; }
uint64_t rx_jit_reciprocal(uint32_t d) {
    int k = 31 - __builtin_clz(d);
    uint64_t rem = (uint64_t)1 << k, t = rem << 32, q1 = t / d;
    t = (t % d) << 32;
    return (q1 << 32) | (t / d);
}

#endif
