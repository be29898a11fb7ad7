#ifndef RIGTOP_RX_X86_EMIT_H
#define RIGTOP_RX_X86_EMIT_H
// A small x86-64 instruction encoder for the RandomX JIT (jit_x86.c).
//
// Written from the Intel SDM's encoding rules (REX, ModRM, SIB, VEX), not from any other JIT: the
// JIT emits straight into its code buffer with these inline helpers, so compiling one RandomX
// program is a few thousand byte stores and no table look-ups of pre-assembled templates.
//
// Conventions: registers are numbered as the hardware numbers them (rax = 0 ... r15 = 15, xmm0 = 0
// ... xmm15 = 15); `w` selects 64-bit operand size (REX.W). Callers guarantee buffer space (the JIT
// checks the remaining room once per RandomX instruction, far above the longest sequence).
#include <stdint.h>
#include <string.h>

enum {
    X_RAX = 0, X_RCX, X_RDX, X_RBX, X_RSP, X_RBP, X_RSI, X_RDI,
    X_R8, X_R9, X_R10, X_R11, X_R12, X_R13, X_R14, X_R15,
};

typedef struct {
    uint8_t *p;     // next byte to write
    uint8_t *base;  // start of the buffer (offsets are measured from here)
    uint8_t *end;   // one past the last writable byte
} xbuf;

static inline void x_u8(xbuf *b, uint8_t v) { *b->p++ = v; }
static inline void x_u32(xbuf *b, uint32_t v) { memcpy(b->p, &v, 4); b->p += 4; }
static inline void x_u64(xbuf *b, uint64_t v) { memcpy(b->p, &v, 8); b->p += 8; }
static inline size_t x_off(const xbuf *b) { return (size_t)(b->p - b->base); }

/// A memory operand [base + index << scale + disp]. index < 0: none. base == X_RIP: RIP-relative;
/// the caller patches `disp` once the instruction's end is known (jit_x86.c's set_rip_disp).
typedef struct { int base, index, scale; int32_t disp; } xmem;
#define X_RIP (-2)

static inline xmem xm(int base, int32_t disp) { xmem m = {base, -1, 0, disp}; return m; }
static inline xmem xmi(int base, int index, int scale, int32_t disp) {
    xmem m = {base, index, scale, disp}; return m;
}

/// REX prefix; emitted only when a bit is set. (Byte registers spl/bpl/sil/dil would need a bare REX;
/// the JIT never uses byte registers other than al.)
static inline void x_rex(xbuf *b, int w, int reg, int index, int base) {
    uint8_t v = (uint8_t)(0x40 | (w ? 8 : 0) | (reg > 0 && (reg & 8) ? 4 : 0) |
                          (index > 0 && (index & 8) ? 2 : 0) | (base > 0 && (base & 8) ? 1 : 0));
    if (v != 0x40) x_u8(b, v);
}

static inline int x_fits8(int32_t d) { return d >= -128 && d <= 127; }

/// ModRM (+ SIB + displacement) for a memory operand with the given reg field.
static inline void x_modrm_mem(xbuf *b, int reg, xmem m) {
    if (m.base == X_RIP) {
        x_u8(b, (uint8_t)(((reg & 7) << 3) | 5));
        x_u32(b, (uint32_t)m.disp);
        return;
    }
    // rbp/r13 as a base cannot use mod 00 (that encoding means disp32 without base).
    int mod = (m.disp == 0 && (m.base & 7) != 5) ? 0 : (x_fits8(m.disp) ? 1 : 2);
    // rsp/r12 as a base always need a SIB byte (rm = 100 means "SIB follows").
    if (m.index >= 0 || (m.base & 7) == 4) {
        int idx = m.index >= 0 ? (m.index & 7) : 4;  // index 100 without REX.X = none
        x_u8(b, (uint8_t)((mod << 6) | ((reg & 7) << 3) | 4));
        x_u8(b, (uint8_t)((m.scale << 6) | (idx << 3) | (m.base & 7)));
    } else {
        x_u8(b, (uint8_t)((mod << 6) | ((reg & 7) << 3) | (m.base & 7)));
    }
    if (mod == 1) x_u8(b, (uint8_t)(int8_t)m.disp);
    else if (mod == 2) x_u32(b, (uint32_t)m.disp);
}

/// Generic "prefix REX opcode ModRM(reg, mem)". `pfx` is a legacy prefix (0x66/0xF2/0xF3) or 0;
/// `op` holds 1-3 opcode bytes, first byte in the lowest 8 bits, `oplen` their count.
static inline void x_op_rm(xbuf *b, uint8_t pfx, int w, uint32_t op, int oplen, int reg, xmem m) {
    if (pfx) x_u8(b, pfx);
    x_rex(b, w, reg, m.index, m.base == X_RIP ? 0 : m.base);
    for (int i = 0; i < oplen; i++) x_u8(b, (uint8_t)(op >> (8 * i)));
    x_modrm_mem(b, reg, m);
}

/// Generic "prefix REX opcode ModRM(reg, rm)" register-register form (mod 11).
static inline void x_op_rr(xbuf *b, uint8_t pfx, int w, uint32_t op, int oplen, int reg, int rm) {
    if (pfx) x_u8(b, pfx);
    x_rex(b, w, reg, 0, rm);
    for (int i = 0; i < oplen; i++) x_u8(b, (uint8_t)(op >> (8 * i)));
    x_u8(b, (uint8_t)(0xC0 | ((reg & 7) << 3) | (rm & 7)));
}

// ---- integer ----------------------------------------------------------------------------------

static inline void x_mov_rr(xbuf *b, int w, int dst, int src) { x_op_rr(b, 0, w, 0x89, 1, src, dst); }
static inline void x_mov_rm(xbuf *b, int w, int dst, xmem m) { x_op_rm(b, 0, w, 0x8B, 1, dst, m); }
static inline void x_mov_mr(xbuf *b, int w, xmem m, int src) { x_op_rm(b, 0, w, 0x89, 1, src, m); }
static inline void x_mov_mi32(xbuf *b, int w, xmem m, int32_t imm) {
    x_op_rm(b, 0, w, 0xC7, 1, 0, m); x_u32(b, (uint32_t)imm);
}
static inline void x_mov_ri64(xbuf *b, int dst, uint64_t imm) {
    x_rex(b, 1, 0, 0, dst); x_u8(b, (uint8_t)(0xB8 | (dst & 7))); x_u64(b, imm);
}
static inline void x_lea(xbuf *b, int w, int dst, xmem m) { x_op_rm(b, 0, w, 0x8D, 1, dst, m); }

/// ALU group-1 ops by their /digit: 0 add, 1 or, 4 and, 5 sub, 6 xor, 7 cmp.
enum { X_ADD = 0, X_OR = 1, X_AND = 4, X_SUB = 5, X_XOR = 6, X_CMP = 7 };
/// op r/m, reg (register-register form, "MR" encodings 01/09/21/29/31/39).
static inline void x_alu_rr(xbuf *b, int w, int op, int dst, int src) {
    x_op_rr(b, 0, w, (uint32_t)(op * 8 + 1), 1, src, dst);
}
/// op reg, [mem] ("RM" encodings 03/0B/23/2B/33/3B).
static inline void x_alu_rm(xbuf *b, int w, int op, int dst, xmem m) {
    x_op_rm(b, 0, w, (uint32_t)(op * 8 + 3), 1, dst, m);
}
/// op reg, imm (sign-extended imm8 when it fits, else imm32; eax has a one-byte-shorter form).
static inline void x_alu_ri(xbuf *b, int w, int op, int dst, int32_t imm) {
    if (x_fits8(imm)) { x_op_rr(b, 0, w, 0x83, 1, op, dst); x_u8(b, (uint8_t)(int8_t)imm); return; }
    if (dst == X_RAX) { x_rex(b, w, 0, 0, 0); x_u8(b, (uint8_t)(op * 8 + 5)); x_u32(b, (uint32_t)imm); return; }
    x_op_rr(b, 0, w, 0x81, 1, op, dst); x_u32(b, (uint32_t)imm);
}
/// Always the imm32 form (CBRANCH wants a fixed shape, and a value that never fits 8 bits anyway).
static inline void x_alu_ri32(xbuf *b, int w, int op, int dst, int32_t imm) {
    x_op_rr(b, 0, w, 0x81, 1, op, dst); x_u32(b, (uint32_t)imm);
}
static inline void x_alu_mi(xbuf *b, int w, int op, xmem m, int32_t imm) {
    if (x_fits8(imm)) { x_op_rm(b, 0, w, 0x83, 1, op, m); x_u8(b, (uint8_t)(int8_t)imm); return; }
    x_op_rm(b, 0, w, 0x81, 1, op, m); x_u32(b, (uint32_t)imm);
}
static inline void x_test_ri32(xbuf *b, int w, int dst, int32_t imm) {
    if (dst == X_RAX) { x_rex(b, w, 0, 0, 0); x_u8(b, 0xA9); x_u32(b, (uint32_t)imm); return; }
    x_op_rr(b, 0, w, 0xF7, 1, 0, dst); x_u32(b, (uint32_t)imm);
}
static inline void x_test_al_i8(xbuf *b, uint8_t imm) { x_u8(b, 0xA8); x_u8(b, imm); }

/// Group-3 unary ops (F7 /digit): 3 neg, 4 mul (rdx:rax = rax * r/m), 5 imul (signed, one operand).
static inline void x_grp3_r(xbuf *b, int w, int digit, int r) { x_op_rr(b, 0, w, 0xF7, 1, digit, r); }
static inline void x_grp3_m(xbuf *b, int w, int digit, xmem m) { x_op_rm(b, 0, w, 0xF7, 1, digit, m); }

static inline void x_imul_rr(xbuf *b, int dst, int src) { x_op_rr(b, 0, 1, 0xAF0F, 2, dst, src); }
static inline void x_imul_rm(xbuf *b, int dst, xmem m) { x_op_rm(b, 0, 1, 0xAF0F, 2, dst, m); }
static inline void x_imul_rri32(xbuf *b, int dst, int src, int32_t imm) {
    x_op_rr(b, 0, 1, 0x69, 1, dst, src); x_u32(b, (uint32_t)imm);
}

/// Shifts/rotates (C1 /digit ib, D3 /digit by cl): 0 rol, 1 ror, 4 shl, 5 shr.
enum { X_ROL = 0, X_ROR = 1, X_SHL = 4, X_SHR = 5 };
static inline void x_shift_ri(xbuf *b, int w, int op, int r, uint8_t n) {
    x_op_rr(b, 0, w, 0xC1, 1, op, r); x_u8(b, n);
}
static inline void x_shift_rcl(xbuf *b, int w, int op, int r) { x_op_rr(b, 0, w, 0xD3, 1, op, r); }
static inline void x_xchg_rr(xbuf *b, int a, int c) { x_op_rr(b, 0, 1, 0x87, 1, a, c); }

/// VEX3 prefix: map 1 = 0F, 2 = 0F38, 3 = 0F3A; pp 0 = none, 1 = 66, 2 = F3, 3 = F2.
static inline void x_vex3(xbuf *b, int reg, int index, int rm, int map, int w, int vvvv, int l, int pp) {
    x_u8(b, 0xC4);
    x_u8(b, (uint8_t)(((reg & 8) ? 0 : 0x80) | ((index > 0 && (index & 8)) ? 0 : 0x40) |
                      ((rm & 8) ? 0 : 0x20) | map));
    x_u8(b, (uint8_t)((w ? 0x80 : 0) | ((~vvvv & 15) << 3) | (l ? 4 : 0) | pp));
}
/// BMI2 RORX dst, src, imm (flags untouched, non-destructive).
static inline void x_rorx(xbuf *b, int dst, int src, uint8_t n) {
    x_vex3(b, dst, 0, src, 3, 1, 0, 0, 3);
    x_u8(b, 0xF0); x_u8(b, (uint8_t)(0xC0 | ((dst & 7) << 3) | (src & 7))); x_u8(b, n);
}
/// BMI2 MULX hi, lo, src: hi:lo = rdx * src (unsigned), flags untouched.
static inline void x_mulx_rr(xbuf *b, int hi, int lo, int src) {
    x_vex3(b, hi, 0, src, 2, 1, lo, 0, 3);
    x_u8(b, 0xF6); x_u8(b, (uint8_t)(0xC0 | ((hi & 7) << 3) | (src & 7)));
}
static inline void x_mulx_rm(xbuf *b, int hi, int lo, xmem m) {
    x_vex3(b, hi, m.index, m.base, 2, 1, lo, 0, 3);
    x_u8(b, 0xF6); x_modrm_mem(b, hi, m);
}

static inline void x_push(xbuf *b, int r) { x_rex(b, 0, 0, 0, r); x_u8(b, (uint8_t)(0x50 | (r & 7))); }
static inline void x_pop(xbuf *b, int r) { x_rex(b, 0, 0, 0, r); x_u8(b, (uint8_t)(0x58 | (r & 7))); }
static inline void x_ret(xbuf *b) { x_u8(b, 0xC3); }
static inline void x_call_r(xbuf *b, int r) { x_op_rr(b, 0, 0, 0xFF, 1, 2, r); }

/// Jumps to an already known target (rel8 when it reaches, else rel32). cc: x86 condition code
/// (4 = e/z, 5 = ne/nz), -1 = unconditional.
static inline void x_jmp_to(xbuf *b, int cc, const uint8_t *target) {
    intptr_t rel8 = target - (b->p + 2);
    if (rel8 >= -128 && rel8 <= 127) {
        x_u8(b, cc < 0 ? 0xEB : (uint8_t)(0x70 | cc)); x_u8(b, (uint8_t)(int8_t)rel8); return;
    }
    if (cc < 0) { x_u8(b, 0xE9); x_u32(b, (uint32_t)(int32_t)(target - (b->p + 4))); return; }
    x_u8(b, 0x0F); x_u8(b, (uint8_t)(0x80 | cc)); x_u32(b, (uint32_t)(int32_t)(target - (b->p + 4)));
}
/// A forward rel8 jump; returns the displacement byte for x_patch8.
static inline uint8_t *x_jcc8_fwd(xbuf *b, int cc) { x_u8(b, (uint8_t)(0x70 | cc)); x_u8(b, 0); return b->p - 1; }
static inline void x_patch8(xbuf *b, uint8_t *disp) { *disp = (uint8_t)(b->p - (disp + 1)); }

static inline void x_ldmxcsr(xbuf *b, xmem m) { x_op_rm(b, 0, 0, 0xAE0F, 2, 2, m); }
static inline void x_stmxcsr(xbuf *b, xmem m) { x_op_rm(b, 0, 0, 0xAE0F, 2, 3, m); }
static inline void x_prefetchnta(xbuf *b, xmem m) { x_op_rm(b, 0, 0, 0x180F, 2, 0, m); }
static inline void x_prefetcht0(xbuf *b, xmem m) { x_op_rm(b, 0, 0, 0x180F, 2, 1, m); }

// ---- SSE ---------------------------------------------------------------------------------------

static inline void x_movups_rm(xbuf *b, int x, xmem m) { x_op_rm(b, 0, 0, 0x100F, 2, x, m); }
static inline void x_movups_mr(xbuf *b, xmem m, int x) { x_op_rm(b, 0, 0, 0x110F, 2, x, m); }
static inline void x_movaps_rm(xbuf *b, int x, xmem m) { x_op_rm(b, 0, 0, 0x280F, 2, x, m); }
static inline void x_movaps_mr(xbuf *b, xmem m, int x) { x_op_rm(b, 0, 0, 0x290F, 2, x, m); }
/// cvtdq2pd: two int32 from memory -> two doubles (exact).
static inline void x_cvtdq2pd_rm(xbuf *b, int x, xmem m) { x_op_rm(b, 0xF3, 0, 0xE60F, 2, x, m); }
static inline void x_andps_rr(xbuf *b, int d, int s) { x_op_rr(b, 0, 0, 0x540F, 2, d, s); }
static inline void x_orps_rr(xbuf *b, int d, int s) { x_op_rr(b, 0, 0, 0x560F, 2, d, s); }
static inline void x_xorps_rr(xbuf *b, int d, int s) { x_op_rr(b, 0, 0, 0x570F, 2, d, s); }
static inline void x_addpd_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0x580F, 2, d, s); }
static inline void x_mulpd_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0x590F, 2, d, s); }
static inline void x_subpd_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0x5C0F, 2, d, s); }
static inline void x_divpd_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0x5E0F, 2, d, s); }
static inline void x_sqrtpd_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0x510F, 2, d, s); }
static inline void x_shufpd_rri(xbuf *b, int d, int s, uint8_t i) {
    x_op_rr(b, 0x66, 0, 0xC60F, 2, d, s); x_u8(b, i);
}
static inline void x_aesenc_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0xDC380F, 3, d, s); }
static inline void x_aesdec_rr(xbuf *b, int d, int s) { x_op_rr(b, 0x66, 0, 0xDE380F, 3, d, s); }

#endif
