// VM lifecycle and the hashing algorithm (spec chapter 2), v1 and v2.
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "CRandomX.h"
#include "rx_aes.h"
#include "rx_blake2b.h"
#include "rx_cache.h"
#include "rx_jit.h"
#include "rx_memory.h"
#include "rx_program.h"
#include "rx_vm.h"

#if defined(__x86_64__) || defined(_M_X64)
#define RX_X86 1
#include <xmmintrin.h>
#else
#include <fenv.h>
#endif

// The JIT (jit_x86.c) only exists for x86-64. It is referenced weakly so that a build without it
// still links; RTX_FLAG_JIT then falls back to the interpreter.
#ifdef RX_X86
#define RX_HAVE_JIT 1
#pragma weak rx_jit_supported
#pragma weak rx_jit_create
#pragma weak rx_jit_destroy
#pragma weak rx_jit_compile
#pragma weak rx_jit_run
#endif

// ---------------------------------------------------------------------------------------------
// Floating point environment. Hashing needs fprc = 0 with no flush-to-zero / denormals-are-zero
// at the start of every hash, and the caller's settings must survive a hash.

#ifdef RX_X86
typedef unsigned int rx_fpstate;
static inline void fp_save(rx_fpstate *s) { *s = _mm_getcsr(); }
static inline void fp_restore(const rx_fpstate *s) { _mm_setcsr(*s); }
static inline unsigned fp_current_fprc(void) { return (_mm_getcsr() >> 13) & 3; }
#else
typedef fenv_t rx_fpstate;
static inline void fp_save(rx_fpstate *s) { fegetenv(s); }
static inline void fp_restore(const rx_fpstate *s) { fesetenv(s); }
static inline unsigned fp_current_fprc(void) {
    switch (fegetround()) {
    case FE_DOWNWARD: return 1;
    case FE_UPWARD: return 2;
    case FE_TOWARDZERO: return 3;
    default: return 0;
    }
}
#endif

#ifdef RX_HAVE_JIT
// ---------------------------------------------------------------------------------------------
// JIT adapter: the JIT keeps its own state block (rx_jit.h), so the VM's state is copied in and
// out around each program (a few hundred bytes against 2048 iterations).

static void jit_item(const void *cache, uint64_t item_number, void *out64, uint64_t next_item) {
    rx_cache_prefetch_item((const rtx_cache *)cache, next_item);
    rtx_dataset_item((const rtx_cache *)cache, item_number, out64);
}

// The JIT calls this with the item of this iteration and the next one's (ma after step 8, known
// here): every other call computes both at once, their cache-line misses overlapping, and the
// call after takes the second.
static void jit_item_pair(const void *context, uint64_t item_number, void *out64, uint64_t next_item) {
    struct rtx_vm *vm = (struct rtx_vm *)(uintptr_t)context;
    uint64_t *out = (uint64_t *)out64;
    if (item_number == vm->paired_number) {
        memcpy(out, vm->paired_item, 64);
        return;
    }
    const uint64_t numbers[2] = {item_number, next_item};
    uint64_t lanes[16];
    vm->cache->jit_items2(vm->cache->memory, numbers, lanes);
    for (int q = 0; q < 8; q++) {
        out[q] = lanes[2 * q];
        vm->paired_item[q] = lanes[2 * q + 1];
    }
    vm->paired_number = next_item;
}

static void jit_execute(struct rtx_vm *vm) {
    rx_jit_config cfg;
    for (int i = 0; i < 4; i++) cfg.read_reg[i] = (uint8_t)vm->config.read_reg[i];
    if (rx_jit_compile(vm->jit, (const uint8_t *)vm->program.code, vm->program_size, &cfg) != 0) {
        // Cannot happen for a buffer sized for 384 instructions; stay exact regardless.
        rx_interpreter_execute(vm);
        return;
    }
    rx_jit_state st;
    memset(&st, 0, sizeof(st));
    memcpy(st.a, vm->reg.a, sizeof(st.a));
    st.emask[0] = vm->config.e_mask[0];
    st.emask[1] = vm->config.e_mask[1];
    st.scratchpad = vm->scratchpad;
    st.dataset = vm->dataset;
    st.cache = vm->cache;
    st.item_fn = jit_item;
    if (vm->cache && vm->cache->jit_items2) {
        st.cache = vm;
        st.item_fn = jit_item_pair;
    }
    st.dataset_offset = vm->dataset_offset;
    st.mx = vm->mx;
    st.ma = vm->ma;
    st.fprc = fp_current_fprc();
    st.iterations = RX_PROGRAM_ITERATIONS;
    rx_jit_run(vm->jit, &st);
    memcpy(vm->reg.r, st.r, sizeof(vm->reg.r));
    memcpy(vm->reg.f, st.f, sizeof(vm->reg.f));
    memcpy(vm->reg.e, st.e, sizeof(vm->reg.e));
    vm->mx = st.mx;
    vm->ma = st.ma;
}

static void jit_attach(struct rtx_vm *vm) {
    if (!(rx_jit_supported && rx_jit_create && rx_jit_compile && rx_jit_run && rx_jit_destroy))
        return;
    if (!rx_jit_supported(vm->flags)) return;
    vm->jit = (struct rx_jit *)rx_jit_create(vm->flags);
    if (vm->jit) vm->execute = jit_execute;
}

static void jit_detach(struct rtx_vm *vm) {
    if (vm->jit) rx_jit_destroy((rx_jit *)vm->jit);
    vm->jit = NULL;
}
#else
static void jit_attach(struct rtx_vm *vm) { (void)vm; }
static void jit_detach(struct rtx_vm *vm) { (void)vm; }
#endif

// ---------------------------------------------------------------------------------------------
// Lifecycle.

static void *aligned_zalloc(size_t align, size_t size) {
    void *p = NULL;
    if (posix_memalign(&p, align, size) != 0) return NULL;
    memset(p, 0, size);
    return p;
}

static int vm_bind_memory(struct rtx_vm *vm, rtx_cache *cache, rtx_dataset *dataset) {
    if (vm->flags & RTX_FLAG_FULL_MEM) {
        if (!dataset) return -1;
        vm->dataset = rtx_get_dataset_memory(dataset);
        vm->cache = NULL;
    } else {
        if (!cache) return -1;
        vm->cache = cache;
        vm->dataset = NULL;
    }
    return 0;
}

rtx_vm *rtx_create_vm(int flags, rtx_cache *cache, rtx_dataset *dataset) {
    struct rtx_vm *vm = aligned_zalloc(64, sizeof(struct rtx_vm));
    if (!vm) return NULL;
    vm->flags = flags;
    vm->version = (flags & RTX_FLAG_V2) ? 2 : 1;
    vm->program_size = (flags & RTX_FLAG_V2) ? RX_PROGRAM_SIZE_V2 : RX_PROGRAM_SIZE_V1;
    vm->aes = rx_aes_select(flags & RTX_FLAG_HARD_AES);
    vm->execute = rx_interpreter_execute;
    vm->paired_number = UINT64_MAX;
    if (vm_bind_memory(vm, cache, dataset) != 0) goto fail;
    // Page-backed (2 MiB pages when the system has them, which removes the scratchpad's TLB
    // misses); with RTX_FLAG_LARGE_PAGES large pages are required, as librandomx requires them.
    if (rx_mem_alloc(&vm->scratchpad_mem, RX_SCRATCHPAD_L3, (flags & RTX_FLAG_LARGE_PAGES) != 0) != 0)
        goto fail;
    vm->scratchpad = vm->scratchpad_mem.ptr;
    if (rx_interpreter_init(vm) != 0) goto fail;
    if (flags & RTX_FLAG_JIT) jit_attach(vm);
    return vm;
fail:
    rtx_destroy_vm(vm);
    return NULL;
}

void rtx_vm_set_cache(rtx_vm *vm, rtx_cache *cache) {
    if (!(vm->flags & RTX_FLAG_FULL_MEM)) vm->cache = cache;
    vm->paired_number = UINT64_MAX;
}

void rtx_vm_set_dataset(rtx_vm *vm, rtx_dataset *dataset) {
    if (vm->flags & RTX_FLAG_FULL_MEM) vm->dataset = rtx_get_dataset_memory(dataset);
}

void rtx_destroy_vm(rtx_vm *vm) {
    if (!vm) return;
    jit_detach(vm);
    rx_interpreter_release(vm);
    rx_mem_free(&vm->scratchpad_mem);
    free(vm);
}

// ---------------------------------------------------------------------------------------------
// Hashing (spec chapter 2).

// Steps 6-11: fprc = 0, then the chain of RX_PROGRAM_COUNT programs seeded by `seed`; the seed is
// left as the Hash512 of the second-to-last register file (the last program skips steps 9-10).
static void run_chain(struct rtx_vm *vm, uint64_t seed[8]) {
    rx_set_fprc(0);
    for (int chain = 0; chain < RX_PROGRAM_COUNT; chain++) {
        rx_program_generate(vm, seed);
        vm->execute(vm);
        if (chain + 1 < RX_PROGRAM_COUNT) rx_blake2b_hash(seed, 64, &vm->reg, sizeof(vm->reg));
    }
}

// Steps 12-14, with the register file's bytes 192-255 (reg.a) taking AesHash1R's result.
static void final_result(struct rtx_vm *vm, void *output) {
    vm->aes->hash1r(vm->scratchpad, RX_SCRATCHPAD_L3, vm->reg.a);
    rx_blake2b_hash(output, RTX_HASH_SIZE, &vm->reg, sizeof(vm->reg));
}

void rtx_calculate_hash(rtx_vm *vm, const void *input, size_t input_size, void *output) {
    rx_fpstate fp;
    fp_save(&fp);
    _Alignas(16) uint64_t seed[8];
    rx_blake2b_hash(seed, 64, input, input_size);
    vm->aes->fill1r(seed, RX_SCRATCHPAD_L3, vm->scratchpad); // seed becomes gen1's final state
    run_chain(vm, seed);
    final_result(vm, output);
    fp_restore(&fp);
}

void rtx_calculate_hash_first(rtx_vm *vm, const void *input, size_t input_size) {
    rx_blake2b_hash(vm->temp_hash, 64, input, input_size);
    vm->aes->fill1r(vm->temp_hash, RX_SCRATCHPAD_L3, vm->scratchpad);
}

void rtx_calculate_hash_next(rtx_vm *vm, const void *next_input, size_t next_input_size,
                             void *output) {
    rx_fpstate fp;
    fp_save(&fp);
    run_chain(vm, vm->temp_hash);
    // Finish this hash and fill the scratchpad for the next input in one pass over it.
    rx_blake2b_hash(vm->temp_hash, 64, next_input, next_input_size);
    vm->aes->hash_fill1r(vm->scratchpad, RX_SCRATCHPAD_L3, vm->reg.a, vm->temp_hash);
    rx_blake2b_hash(output, RTX_HASH_SIZE, &vm->reg, sizeof(vm->reg));
    fp_restore(&fp);
}

void rtx_calculate_hash_last(rtx_vm *vm, void *output) {
    rx_fpstate fp;
    fp_save(&fp);
    run_chain(vm, vm->temp_hash);
    final_result(vm, output);
    fp_restore(&fp);
}

void rtx_calculate_commitment(const void *input, size_t input_size, const void *hash_in,
                              void *commitment_out) {
    rx_blake2b_state s;
    rx_blake2b_init(&s, RTX_HASH_SIZE);
    rx_blake2b_update(&s, input, input_size);
    rx_blake2b_update(&s, hash_in, RTX_HASH_SIZE);
    rx_blake2b_final(&s, commitment_out);
}
