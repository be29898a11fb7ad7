#ifndef RIGTOP_RX_JIT_H
#define RIGTOP_RX_JIT_H
// x86-64 JIT for the RandomX VM program loop (doc/specs.md 4.6.2, steps 1-12, v1 and v2).
//
// The JIT owns its own small state block (rx_jit_state) with a layout the generated code hard-codes;
// vm.c copies the VM's registers/config in and out around a run (about 300 bytes per program, a
// rounding error next to 2048 iterations). This keeps the generated code independent of rtx_vm's
// layout, which belongs to vm.c.
//
// Lifecycle (no allocation in the hash path):
//   rx_jit_create(flags)        once per VM: mmaps the W^X code buffer, writes prologue/epilogue
//   rx_jit_compile(jit, ...)    per program: rewrites only the program body (pages RW -> RX)
//   rx_jit_run(jit, state)      runs ic = state->iterations (2048) loop iterations
//   rx_jit_destroy(jit)
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Light mode reads dataset items through this (rtx_dataset_item's shape). `next_item` is the item
/// the following iteration reads, known one iteration ahead (spec 4.6.2 steps 5 and 8), so its
/// first cache line can be on its way while this item is computed.
typedef void (*rx_jit_item_fn)(const void *cache, uint64_t item_number, void *out64, uint64_t next_item);

/// The VM state the generated code reads and writes. Field offsets are part of the generated code
/// (jit_x86.c checks them with static asserts); do not reorder.
typedef struct rx_jit_state {
    uint64_t r[8];           //   0: out (in: ignored, the loop starts from r = 0 per spec 4.6.1)
    double f[8];             //  64: out, f0..f3 (lo, hi)
    double e[8];             // 128: out, e0..e3
    double a[8];             // 192: in,  a0..a3
    uint64_t emask[2];       // 256: in,  E-group OR masks (lo half, hi half), spec 4.5.6
    uint8_t *scratchpad;     // 272: in,  2 MiB, 64-byte aligned
    const uint8_t *dataset;  // 280: in,  full mode: dataset memory
    const void *cache;       // 288: in,  light mode: first argument of item_fn
    rx_jit_item_fn item_fn;  // 296: in,  light mode
    uint64_t dataset_offset; // 304: in,  datasetOffset in bytes (spec 4.5.5)
    uint32_t mx, ma;         // 312: in/out
    uint32_t fprc;           // 320: in/out (rounding mode 0-3; the loop leaves MXCSR set to it)
    uint32_t iterations;     // 324: in,  RANDOMX_PROGRAM_ITERATIONS (2048); tests may use fewer
} rx_jit_state;

/// Program configuration that is fixed per program and baked into the code.
typedef struct rx_jit_config {
    uint8_t read_reg[4];     // readReg0..3 (0/1, 2/3, 4/5, 6/7), spec 4.5.4
} rx_jit_config;

/// Code-generation options, for side-by-side measurement. The defaults were equal or faster (1-5%
/// each, about 2-7% together) in a cache-resident loop benchmark; in full mode on a shared 2-core
/// machine every difference stayed inside the noise. Results are identical for every combination.
enum {
    RX_JIT_OPT_SKIP_SAME_MXCSR = 1,  // CFROUND: skip LDMXCSR when the mode does not change
    RX_JIT_OPT_RCP_TABLE = 2,        // IMUL_RCP: multiply by a constant from a table, not imm64
    RX_JIT_OPT_BMI2 = 4,             // RORX/MULX where the CPU has BMI2
    RX_JIT_OPT_PREFETCH_T0 = 8,      // dataset prefetch with PREFETCHT0 instead of PREFETCHNTA
    RX_JIT_OPT_MISALIGN_LOOP = 16,   // measurement only: start the loop 40 bytes past a cache line
    RX_JIT_OPT_PREFETCH_SCRATCHPAD = 32, // prefetch the next iteration's two scratchpad lines
    RX_JIT_OPT_SINGLE_MAPPING = 64,  // one code mapping flipped RW/RX per compile (the fallback where
                                     // a second, executable view of a memfd is refused)
    RX_JIT_OPT_CFROUND_ELIMINATION = 128, // v1: skip a CFROUND whose mode nothing uses before the next
    RX_JIT_OPT_DEFAULT = RX_JIT_OPT_SKIP_SAME_MXCSR | RX_JIT_OPT_RCP_TABLE | RX_JIT_OPT_BMI2 |
                         RX_JIT_OPT_CFROUND_ELIMINATION,
};

typedef struct rx_jit rx_jit;

/// 1 when this build and CPU can run the JIT for `flags` (RTX_FLAG_* values: V2 needs AES-NI).
int rx_jit_supported(int flags);
/// flags: RTX_FLAG_FULL_MEM (dataset reads) or light mode; RTX_FLAG_V2. NULL if mmap fails.
rx_jit *rx_jit_create(int flags);
rx_jit *rx_jit_create_opts(int flags, unsigned opts);
void rx_jit_destroy(rx_jit *jit);
/// Compiles `count` instructions (8 bytes each, spec layout) into the loop body. 0 on success.
int rx_jit_compile(rx_jit *jit, const uint8_t *instructions, size_t count, const rx_jit_config *cfg);
/// Runs the compiled loop on `state`. The caller's MXCSR is not restored (it is left in the mode
/// `state->fprc` ends with, as the interpreter leaves it); callee-saved registers are.
void rx_jit_run(rx_jit *jit, rx_jit_state *state);
/// For tests/benchmarks: size of the last compiled body in bytes.
size_t rx_jit_code_size(const rx_jit *jit);

/// RandomX's IMUL_RCP constant: floor(2^x / divisor) for the largest x with a result < 2^64.
/// divisor must not be 0 or a power of two.
uint64_t rx_jit_reciprocal(uint32_t divisor);

// ---- test-only (jit_differential.c; allocates on first use, never in the hash path) ----
struct rtx_cache;
/// One JIT-vs-interpreter comparison driven by arbitrary bytes (format in jit_differential.c).
/// Returns nonzero on any mismatch (bit mask of what differed), 0 when equal or not testable.
int rx_jit_differential(const uint8_t *data, size_t size);
/// Enables light-mode cases (input bit 1) with an initialised cache; NULL disables them.
void rx_jit_differential_set_cache(struct rtx_cache *cache);
/// Text describing the last mismatch.
const char *rx_jit_differential_last_error(void);
/// How many calls compared both engines (the rest had nothing to compare on this machine).
unsigned long rx_jit_differential_compared(void);

#ifdef __cplusplus
}
#endif
#endif
