// SuperscalarHash compiled to x86-64 machine code: one function computes a whole dataset item
// (register init, the 8 programs, the cache-line XORs, the address-register hand-off).
//
// Pages are never writable and executable at once: code is written into a read+write mapping that
// is then switched to read+exec. Where the OS refuses executable memory the cache simply keeps
// using the interpreter.
//
// Register map: r0..r7 live in r8..r15, so every operand encoding takes a REX prefix with the same
// low three bits as the SuperscalarHash register number. rdi = cache memory, rsi = the current cache
// index, rbx = the current cache line, rbp = the output pointer; rax, rcx, rdx are scratch.
// r5 -> r13 is why IADD_RS never writes r5: lea with base r13 and no displacement does not exist.
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */
#include "rx_cache.h"
#include <string.h>

#if defined(__x86_64__) && (defined(__unix__) || defined(__APPLE__))
#include <sys/mman.h>
#include <unistd.h>

typedef struct rx_emit {
    uint8_t *p;
} rx_emit;

static inline void rx_e1(rx_emit *e, uint8_t b) { *e->p++ = b; }
static inline void rx_e2(rx_emit *e, uint8_t a, uint8_t b) { rx_e1(e, a); rx_e1(e, b); }
static inline void rx_e3(rx_emit *e, uint8_t a, uint8_t b, uint8_t c) { rx_e2(e, a, b); rx_e1(e, c); }
static inline void rx_e32(rx_emit *e, uint32_t v) {
    for (int i = 0; i < 4; i++) rx_e1(e, (uint8_t)(v >> (8 * i)));
}
static inline void rx_e64(rx_emit *e, uint64_t v) {
    for (int i = 0; i < 8; i++) rx_e1(e, (uint8_t)(v >> (8 * i)));
}

// Upper bounds, used to size the mapping before emitting.
enum {
    RX_JIT_MAX_INSTR_BYTES = 14, // IMUL_RCP: mov rax, imm64 (10) + imul r, rax (4)
    RX_JIT_PROGRAM_OVERHEAD = 4 + 7 + 4 + 3 + 3 + 8 * 4 + 3,
    RX_JIT_FIXED = 16 + 4 + 10 + 4 + 3 + 7 * 13 + 8 * 4 + 16,
};

static void rx_jit_instr(rx_emit *e, const rx_ss_instr *in) {
    const uint8_t d = in->dst, s = in->src;
    switch (in->op) {
    case RX_SS_ISUB_R: rx_e3(e, 0x4D, 0x29, (uint8_t)(0xC0 | s << 3 | d)); break;       // sub d, s
    case RX_SS_IXOR_R: rx_e3(e, 0x4D, 0x31, (uint8_t)(0xC0 | s << 3 | d)); break;       // xor d, s
    case RX_SS_IADD_RS:                                                                 // lea d, [d + s << k]
        rx_e2(e, 0x4F, 0x8D);
        rx_e2(e, (uint8_t)(0x04 | d << 3), (uint8_t)(in->operand << 6 | s << 3 | d));
        break;
    case RX_SS_IMUL_R:                                                                  // imul d, s
        rx_e2(e, 0x4D, 0x0F);
        rx_e2(e, 0xAF, (uint8_t)(0xC0 | d << 3 | s));
        break;
    case RX_SS_IROR_C: rx_e3(e, 0x49, 0xC1, (uint8_t)(0xC8 | d)); rx_e1(e, (uint8_t)in->operand); break;
    case RX_SS_IADD_C7: case RX_SS_IADD_C8: case RX_SS_IADD_C9:                         // add d, imm32
        rx_e3(e, 0x49, 0x81, (uint8_t)(0xC0 | d));
        rx_e32(e, in->imm32);
        break;
    case RX_SS_IXOR_C7: case RX_SS_IXOR_C8: case RX_SS_IXOR_C9:                         // xor d, imm32
        rx_e3(e, 0x49, 0x81, (uint8_t)(0xF0 | d));
        rx_e32(e, in->imm32);
        break;
    case RX_SS_IMULH_R:                                  // mov rax, d; mul s; mov d, rdx
    case RX_SS_ISMULH_R:                                 // mov rax, d; imul s; mov d, rdx
        rx_e3(e, 0x49, 0x8B, (uint8_t)(0xC0 | d));
        rx_e3(e, 0x49, 0xF7, (uint8_t)((in->op == RX_SS_IMULH_R ? 0xE0 : 0xE8) | s));
        rx_e3(e, 0x4C, 0x8B, (uint8_t)(0xC0 | d << 3 | 2));
        break;
    case RX_SS_IMUL_RCP:                                 // mov rax, rcp; imul d, rax
        rx_e2(e, 0x48, 0xB8);
        rx_e64(e, in->operand);
        rx_e2(e, 0x4C, 0x0F);
        rx_e2(e, 0xAF, (uint8_t)(0xC0 | d << 3));
        break;
    default: break;
    }
}

static size_t rx_jit_emit(uint8_t *code, const rtx_cache *cache) {
    static const uint64_t xor_init[8] = {
        0, 9298411001130361340ULL, 12065312585734608966ULL, 9306329213124626780ULL,
        5281919268842080866ULL, 10536153434571861004ULL, 3398623926847679864ULL, 9549104520008361294ULL,
    };
    rx_emit e = {code};
    // push rbx, rbp, r12-r15 (the callee-saved registers used); rbp = out.
    rx_e2(&e, 0x53, 0x55);
    rx_e2(&e, 0x41, 0x54); rx_e2(&e, 0x41, 0x55); rx_e2(&e, 0x41, 0x56); rx_e2(&e, 0x41, 0x57);
    rx_e3(&e, 0x48, 0x89, 0xD5);
    // r0 = (item + 1) * 6364136223846793005; r_i = r0 ^ constant_i.
    rx_e2(&e, 0x48, 0x8D); rx_e2(&e, 0x46, 0x01);              // lea rax, [rsi + 1]
    rx_e2(&e, 0x48, 0xB9); rx_e64(&e, 6364136223846793005ULL); // mov rcx, imm64
    rx_e2(&e, 0x48, 0x0F); rx_e2(&e, 0xAF, 0xC1);              // imul rax, rcx
    rx_e3(&e, 0x49, 0x89, 0xC0);                               // mov r8, rax
    for (int q = 1; q < 8; q++) {
        rx_e2(&e, 0x49, (uint8_t)(0xB8 + q)); rx_e64(&e, xor_init[q]); // mov r(8+q), imm64
        rx_e3(&e, 0x49, 0x31, (uint8_t)(0xC0 | q));                    // xor r(8+q), rax
    }
    for (int i = 0; i < RX_CACHE_ACCESSES; i++) {
        const rx_ss_program *prog = &cache->programs[i];
        // rbx = cache + (rsi & mask) * 64, fetched ahead of the program that hides its latency.
        rx_e3(&e, 0x48, 0x89, 0xF3);                                    // mov rbx, rsi
        rx_e3(&e, 0x48, 0x81, 0xE3); rx_e32(&e, (uint32_t)RX_CACHE_LINE_MASK); // and rbx, mask
        rx_e3(&e, 0x48, 0xC1, 0xE3); rx_e1(&e, 6);                      // shl rbx, 6
        rx_e3(&e, 0x48, 0x01, 0xFB);                                    // add rbx, rdi
        rx_e3(&e, 0x0F, 0x18, 0x03);                                    // prefetchnta [rbx]
        for (uint32_t j = 0; j < prog->size; j++) rx_jit_instr(&e, &prog->instr[j]);
        for (int q = 0; q < 8; q++) {                                   // xor r(8+q), [rbx + 8q]
            rx_e3(&e, 0x4C, 0x33, (uint8_t)(0x43 | q << 3)); rx_e1(&e, (uint8_t)(8 * q));
        }
        rx_e3(&e, 0x4C, 0x89, (uint8_t)(0xC6 | prog->address_reg << 3)); // mov rsi, r(8+a)
    }
    for (int q = 0; q < 8; q++) {                                       // mov [rbp + 8q], r(8+q)
        rx_e3(&e, 0x4C, 0x89, (uint8_t)(0x45 | q << 3)); rx_e1(&e, (uint8_t)(8 * q));
    }
    rx_e2(&e, 0x41, 0x5F); rx_e2(&e, 0x41, 0x5E); rx_e2(&e, 0x41, 0x5D); rx_e2(&e, 0x41, 0x5C);
    rx_e3(&e, 0x5D, 0x5B, 0xC3);                                        // pop rbp; pop rbx; ret
    return (size_t)(e.p - code);
}

int rx_cache_jit_compile(rtx_cache *cache) {
    rx_cache_jit_release(cache);
    size_t bound = RX_JIT_FIXED;
    for (int i = 0; i < RX_CACHE_ACCESSES; i++)
        bound += RX_JIT_PROGRAM_OVERHEAD + (size_t)cache->programs[i].size * RX_JIT_MAX_INSTR_BYTES;
    long page = sysconf(_SC_PAGESIZE);
    size_t pg = page > 0 ? (size_t)page : 4096;
    size_t len = (bound + pg - 1) / pg * pg;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    size_t used = rx_jit_emit((uint8_t *)p, cache);
    if (used > len || mprotect(p, len, PROT_READ | PROT_EXEC) != 0) {
        munmap(p, len);
        return -1;
    }
    cache->jit_code = p;
    cache->jit_size = len;
    // The generated code follows the SysV calling convention of rx_ss_item_fn.
    union { void *obj; rx_ss_item_fn fn; } cast = {p};
    cache->jit_item = cast.fn;
    return 0;
}

void rx_cache_jit_release(rtx_cache *cache) {
    if (cache->jit_code) munmap(cache->jit_code, cache->jit_size);
    cache->jit_code = NULL;
    cache->jit_size = 0;
    cache->jit_item = NULL;
}

#else

int rx_cache_jit_compile(rtx_cache *cache) {
    (void)cache;
    return -1;
}

void rx_cache_jit_release(rtx_cache *cache) {
    cache->jit_code = NULL;
    cache->jit_size = 0;
    cache->jit_item = NULL;
}

#endif
