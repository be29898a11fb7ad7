#ifndef RX_VM_H
#define RX_VM_H
// The RandomX virtual machine's state, shared by the interpreter (interpreter.c), the x86-64 JIT
// (jit_x86.c, through vm.c's adapter, see the end of this file) and test code. THE JIT ENGINEER
// READS THIS HEADER: the fields and the contract of `execute` below are the interface between the
// engines, so fields are only ever added, never moved or renamed.
//
// Spec references are to tevador/RandomX doc/specs.md (chapters 4 and 5); "v2" is RandomX v2
// (doc/design_v2.md).
//
// Division of work per program (spec chapter 2, steps 7-8):
//   vm.c        seeds AesGenerator4R, calls rx_program_generate() (rx_program.h), which fills
//               `program` and derives `reg.a`, `ma`, `mx`, `config`, `dataset_offset` from it and
//               zeroes `reg.r` (spec 4.5 and 4.6.1 step 4); then calls `vm->execute(vm)`.
//   execute     runs spec 4.6.1 steps 1-3 and the whole 2048-iteration loop of 4.6.2.
//   vm.c        hashes the register file (`reg`, 256 bytes) with Blake2b-512 for the next seed.
#include <stddef.h>
#include <stdint.h>

#include "CRandomX.h"
#include "rx_cache.h"

#define RX_PROGRAM_SIZE_V1 256
#define RX_PROGRAM_SIZE_V2 384
#define RX_PROGRAM_MAX_SIZE 384
#define RX_PROGRAM_ITERATIONS 2048
#define RX_PROGRAM_COUNT 8

#define RX_SCRATCHPAD_L1 16384u
#define RX_SCRATCHPAD_L2 262144u
#define RX_SCRATCHPAD_L3 2097152u
// Table 4.2.1: 8-byte aligned masks for L1/L2/L3 operands, 64-byte aligned mask for L3 lines.
#define RX_L1_MASK ((RX_SCRATCHPAD_L1 - 1) & ~7u)
#define RX_L2_MASK ((RX_SCRATCHPAD_L2 - 1) & ~7u)
#define RX_L3_MASK ((RX_SCRATCHPAD_L3 - 1) & ~7u)
#define RX_L3_MASK64 ((RX_SCRATCHPAD_L3 - 1) & ~63u)

// rx_cache.h (included above) defines RX_DATASET_BASE_SIZE and RX_DATASET_EXTRA_SIZE.
// Applied to ma/mx (32-bit) before adding dataset_offset: spec 4.6.2 steps 6-7, "mp % BASE_SIZE"
// on a value that is kept 64-byte aligned.
#define RX_DATASET_BASE_MASK ((uint32_t)((RX_DATASET_BASE_SIZE - 1) & ~63ull))

#define RX_JUMP_BITS 8
#define RX_JUMP_OFFSET 8

// MXCSR value for fprc = 0 (spec chapter 2 step 6): all exceptions masked, round to nearest,
// flush-to-zero and denormals-are-zero off. fprc n is RX_MXCSR_DEFAULT | (n << 13): the x86
// rounding-control encoding (00 nearest, 01 down, 10 up, 11 toward zero) equals fprc's.
#define RX_MXCSR_DEFAULT 0x1F80u

/// One instruction word (spec 5.1), 8 bytes, little endian: opcode, dst, src, mod, imm32.
typedef struct rx_instruction {
    uint8_t opcode;
    uint8_t dst;
    uint8_t src;
    uint8_t mod; // bits 0-1 mod.mem, 2-3 mod.shift, 4-7 mod.cond
    uint32_t imm32;
} rx_instruction;

/// A 128-bit floating point register: `lo` is the low half (bytes 0-7), `hi` the high half.
typedef struct rx_fpair {
    double lo;
    double hi;
} rx_fpair;

/// The register file exactly as spec 1.1 defines it and Blake2b hashes it: r0-r7, f0-f3, e0-e3,
/// a0-a3, 256 bytes, little endian (the project only targets little-endian CPUs).
typedef struct rx_register_file {
    uint64_t r[8];   // bytes   0- 63
    rx_fpair f[4];   // bytes  64-127
    rx_fpair e[4];   // bytes 128-191
    rx_fpair a[4];   // bytes 192-255 (overwritten by AesHash1R's result before the final hash)
} rx_register_file;

/// The 128 + 8 * 384 bytes AesGenerator4R produces when programming the VM (spec 4.5). v1 only
/// executes the first 256 instructions; the generator always fills the whole buffer (the extra
/// bytes are never read, and the generator state is discarded afterwards, so this is harmless).
typedef struct rx_program {
    uint64_t entropy[16];                  // configuration quadwords, Table 4.5.1
    rx_instruction code[RX_PROGRAM_MAX_SIZE];
} rx_program;

/// Derived from entropy (spec 4.5.4-4.5.6).
typedef struct rx_program_config {
    uint64_t e_mask[2];   // OR-ed into E conversions (low half, high half); see below
    uint32_t read_reg[4]; // readReg0..3 as register indices: 0|1, 2|3, 4|5, 6|7
} rx_program_config;

// Group E conversion (spec 4.3.2) in bit form: e = (f_conversion_bits & RX_E_KEEP_MASK) | e_mask[h],
// where e_mask[h] = (entropy & 0x3FFFFF) | ((0x300 | (entropy >> 60) << 4) << 52). This clears the
// sign, forces the exponent's top bits to 0b011 and the next 4 to the program's value, and ORs the
// program's 22-bit fraction mask into the low fraction bits.
#define RX_E_KEEP_MASK ((1ull << 56) - 1)
// FSCAL_R (spec 5.3.4): XOR of both halves with this.
#define RX_FSCAL_MASK 0x80F0000000000000ull

struct rx_interp; // interpreter.c's decoded form of the current program (opaque to the JIT)
struct rx_jit;    // jit_x86.c's state (opaque to everyone else)

struct rtx_vm {
    // ---- read and written by execute ----
    // r: on entry all zero (spec 4.6.1 step 4, done by rx_program_generate). Every iteration XORs
    //    the scratchpad line at spAddr0 (step 2) and the dataset item at mt (step 7) into r0-r7,
    //    runs the program on them, stores them at spAddr1 (step 9). On exit: the final values.
    // f, e: contents on entry are don't-care; loaded from the scratchpad line at spAddr1 in step 3
    //    of every iteration (f from bytes 0-31, e from bytes 32-63). On exit: the final values
    //    (f after the step-10 mixing of the last iteration, e as the program left them).
    // a: read only; set by rx_program_generate (spec 4.5.2).
    _Alignas(64) rx_register_file reg;

    // ma, mx (spec 4.3, 4.5.3), 32-bit, set by rx_program_generate (ma already 64-byte aligned;
    // mx is not: the low bits are masked off at every use). execute reads them in 4.6.1 (spAddr0
    // = mx, spAddr1 = ma) and updates them in steps 5-8; their values on exit are unspecified.
    // Step 5: mt = ma; mp ^= low 32 bits of (r[readReg2] ^ r[readReg3]), where mp is mx in v1 and
    //         ma in v2.
    // Step 6: prefetch item at dataset_offset + (mp & RX_DATASET_BASE_MASK).
    // Step 7: XOR item at dataset_offset + (mt & RX_DATASET_BASE_MASK) into r0-r7.
    // Step 8: swap ma and mx.
    uint32_t ma;
    uint32_t mx;

    // ---- read only for execute ----
    rx_program_config config;
    uint64_t dataset_offset;   // bytes, a multiple of 64 (spec 4.5.5)
    uint32_t program_size;     // instructions per iteration: 256 (v1) or 384 (v2)
    uint32_t version;          // 1 or 2
    // v2 differences inside execute: program_size; CFROUND only writes fprc when bits 2-5 of the
    // rotated value are zero; mp is ma (step 5); step 10 mixes F with E by AES rounds
    // (f0 = aesenc(f0, e_i), f1 = aesdec(f1, e_i), f2 = aesenc, f3 = aesdec for i = 0..3 in order,
    // the 128-bit register bit patterns being the state and the round key) instead of f_i ^= e_i.

    uint8_t *scratchpad;       // RX_SCRATCHPAD_L3 bytes, 64-byte aligned; read and written
    // Full mode: the dataset's memory (item k at dataset + 64 * k); NULL in light mode.
    const uint8_t *dataset;
    // Light mode: items are computed with rtx_dataset_item(cache, byte_address / 64, out64).
    const rtx_cache *cache;

    rx_program program;        // code[0 .. program_size-1] is executed; read only

    // fprc is not stored: it is the live floating point rounding mode (MXCSR.RC on x86-64, fenv
    // elsewhere). vm.c sets fprc = 0 (RX_MXCSR_DEFAULT) before the first program of a hash; execute
    // is entered with the mode the previous program left and must leave the mode its last CFROUND
    // selected (fprc carries over between the 8 programs of one hash, spec chapter 2 step 6 is done
    // once). vm.c restores the caller's MXCSR/fenv after the hash.

    /// Runs spec 4.6.1 and the 2048 iterations of 4.6.2 on this state. rx_interpreter_execute,
    /// or vm.c's JIT adapter (see the end of this header).
    void (*execute)(struct rtx_vm *vm);

    // ---- owned by vm.c / the engines, not part of the loop ----
    int flags;                    // RTX_FLAG_* given to rtx_create_vm
    struct rx_interp *interp;     // interpreter scratch (decoded program), allocated at create
    struct rx_jit *jit;           // the JIT (rx_jit.h), NULL when the interpreter runs
    _Alignas(64) uint64_t temp_hash[8]; // pipelining seed between hash_first/next/last
    const struct rx_aes_impl *aes;      // AES-NI or software (rx_aes.h), chosen at create; the
                                        // interpreter uses its mix_fe for v2's step 10
    rx_mem scratchpad_mem;              // the mapping behind `scratchpad` (rx_memory.h)
    // Light mode with the cache's two-item form: the second item of the last pair computed and
    // its number (UINT64_MAX: none). Items depend only on the cache, so a new cache clears it.
    uint64_t paired_number;
    _Alignas(64) uint64_t paired_item[8];
};

_Static_assert(sizeof(rx_instruction) == 8, "instruction word is 8 bytes");
_Static_assert(sizeof(rx_register_file) == 256, "register file is 256 bytes");
_Static_assert(sizeof(rx_program) == 128 + 8 * RX_PROGRAM_MAX_SIZE, "program buffer layout");
_Static_assert(offsetof(struct rtx_vm, reg) == 0, "register file first");

/// The portable interpreter (interpreter.c); the reference the JIT is tested against.
void rx_interpreter_execute(struct rtx_vm *vm);
/// Allocates / frees vm->interp. Returns 0 on success.
int rx_interpreter_init(struct rtx_vm *vm);
void rx_interpreter_release(struct rtx_vm *vm);

/// Sets the rounding mode from a 2-bit fprc value (0 nearest, 1 down, 2 up, 3 toward zero).
void rx_set_fprc(unsigned fprc);

/// Reads the 64-byte dataset item at byte address `addr` (dataset_offset already added), in full
/// mode from vm->dataset, in light mode by computing it from vm->cache. Used by the interpreter;
/// the JIT may call it for light mode.
void rx_vm_dataset_read(const struct rtx_vm *vm, uint64_t addr, uint64_t out[8]);

// The JIT (rx_jit.h) keeps its own state block; vm.c adapts: with RTX_FLAG_JIT and a JIT linked in
// (weak references, so the target also links without one), rtx_create_vm sets `jit` and points
// `execute` at an adapter that compiles `program.code[0 .. program_size-1]`, copies reg.a,
// config, dataset_offset, ma/mx, the memory pointers and the live fprc into rx_jit_state, runs it,
// and copies r, f, e, ma, mx back.

#endif
