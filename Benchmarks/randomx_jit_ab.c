// Two RandomX JIT variants in one process, taking turns a second at a time: the A/B for a code
// generation option (rx_jit.h's RX_JIT_OPT_*). Runs of separate processes see the host drift
// between them (on the shared 2-core VM the same binary reads 550 H/s one minute and 770 the
// next); slices a second long, interleaved over a minute, see the same drift on both sides, so a
// difference of 1-2 % shows. Each worker thread holds one VM per variant, with its own scratchpad,
// on one dataset, and hashes with the variant of the current slice; the 50 ms after a switch are
// not counted. The dataset is filled with a constant instead of being built: the hashes are not
// RandomX's, the work per hash is.
//
//   cc -O3 -std=gnu11 -ISources/CRandomX/include -ISources/CRandomX -o randomx_jit_ab \
//       Benchmarks/randomx_jit_ab.c Sources/CRandomX/*.c -lpthread
//   ./randomx_jit_ab THREADS SLICES v1|v2 OPTIONS_A OPTIONS_B
//
// e.g. `./randomx_jit_ab 2 40 v1 0x87 0xA7` (0x87: the default options; 0xA7 adds the scratchpad
// prefetch). The same options on both sides measure the method's own noise.
#define _GNU_SOURCE 1
#include "CRandomX.h"
#include "rx_jit.h"
#include "rx_vm.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static rtx_cache *cache;
static rtx_dataset *dataset;
static int flags;
static unsigned options[2];
static atomic_int stop, slice_variant;
static _Atomic uint64_t hashes[2];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_seconds(double s) {
    struct timespec t = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    nanosleep(&t, NULL);
}

static void *worker(void *arg) {
    int index = (int)(intptr_t)arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(index, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    rtx_vm *vm[2];
    for (int v = 0; v < 2; v++) {
        vm[v] = rtx_create_vm(flags, cache, dataset);
        if (!vm[v] || !vm[v]->jit) { fprintf(stderr, "no JIT VM\n"); exit(1); }
        rx_jit_destroy(vm[v]->jit);
        vm[v]->jit = rx_jit_create_opts(flags, options[v]);
        if (!vm[v]->jit) { fprintf(stderr, "JIT options 0x%x refused\n", options[v]); exit(1); }
    }
    uint8_t blob[76], out[32];
    memset(blob, 7, sizeof blob);
    uint32_t nonce = (uint32_t)index << 24;
    while (!atomic_load(&stop)) {
        int v = atomic_load(&slice_variant);
        memcpy(blob + 39, &nonce, 4);
        nonce++;
        rtx_calculate_hash(vm[v], blob, sizeof blob, out);
        if (atomic_load(&slice_variant) == v) atomic_fetch_add(&hashes[v], 1);
    }
    for (int v = 0; v < 2; v++) rtx_destroy_vm(vm[v]);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s THREADS SLICES v1|v2 OPTIONS_A OPTIONS_B\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[1]), slices = atoi(argv[2]);
    int v2 = strcmp(argv[3], "v2") == 0;
    options[0] = (unsigned)strtoul(argv[4], NULL, 0);
    options[1] = (unsigned)strtoul(argv[5], NULL, 0);
    if (threads < 1 || threads > 64 || slices < 2) return 2;
    flags = rtx_get_flags() | RTX_FLAG_JIT | RTX_FLAG_FULL_MEM | (v2 ? RTX_FLAG_V2 : 0);
    cache = rtx_alloc_cache(flags);
    dataset = rtx_alloc_dataset(flags);
    if (!cache || !dataset) { fprintf(stderr, "no memory for the cache or dataset\n"); return 1; }
    rtx_init_cache(cache, "test key 000", 12);
    memset(rtx_get_dataset_memory(dataset), 0x5A, (size_t)rtx_dataset_item_count() * 64);

    pthread_t thread[64];
    for (int i = 0; i < threads; i++) pthread_create(&thread[i], NULL, worker, (void *)(intptr_t)i);
    sleep_seconds(0.5);
    double seconds[2] = {0, 0};
    uint64_t counted[2] = {0, 0};
    for (int s = 0; s < slices; s++) {
        int v = s & 1;
        atomic_store(&slice_variant, v);
        sleep_seconds(0.05);
        uint64_t h0 = atomic_load(&hashes[v]);
        double t0 = now();
        sleep_seconds(1.0);
        counted[v] += atomic_load(&hashes[v]) - h0;
        seconds[v] += now() - t0;
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < threads; i++) pthread_join(thread[i], NULL);
    double a = (double)counted[0] / seconds[0], b = (double)counted[1] / seconds[1];
    printf("%s, %d thread(s), %d slices: A (0x%x) %.1f H/s, B (0x%x) %.1f H/s, B/A %.4f\n",
           v2 ? "v2" : "v1", threads, slices, options[0], a, options[1], b, b / a);
    return 0;
}
