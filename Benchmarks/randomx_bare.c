// A bare C loop over the system librandomx: the yardstick `rigtop bench --algo randomx` is held to
// (issue: "the engine must lose nothing to the library"). Same flags policy as rigtop: the library's
// recommended flags, full memory unless --light, large pages tried first; dataset built on every
// thread; one VM per thread; pipelined randomx_calculate_hash_first/next; nonce at blob offset 39.
//
//   cc -O2 -o randomx_bare Benchmarks/randomx_bare.c -lrandomx -lpthread
//   ./randomx_bare THREADS SECONDS [--light]
//
// Prints one JSON object: threads, mode, init_seconds, seconds, hashes, hashrate.
#include <randomx.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static randomx_cache *cache;
static randomx_dataset *dataset;
static randomx_flags flags;
static atomic_int stop;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

struct init_slice { unsigned long start, count; };

static void *init_dataset(void *argument) {
    struct init_slice *slice = argument;
    randomx_init_dataset(dataset, cache, slice->start, slice->count);
    return NULL;
}

struct worker { int index; _Atomic uint64_t hashes; };

// A real Monero hashing blob (RandomX's test 1e), nonce at byte 39.
static const char *blob_hex =
    "0b0b98bea7e805e0010a2126d287a2a0cc833d312cb786385a7c2f9de69d25537f584a9bc9977b00000000666fd875"
    "3bf61a8631f12984e3fd44f4014eca629276817b56f32e9b68bd82f416";

static void *mine(void *argument) {
    struct worker *worker = argument;
    randomx_vm *vm = randomx_create_vm(flags | RANDOMX_FLAG_LARGE_PAGES, cache, dataset);
    if (!vm) vm = randomx_create_vm(flags, cache, dataset);
    if (!vm) { fprintf(stderr, "randomx_create_vm failed\n"); exit(1); }
    uint8_t blob[76], out[32];
    for (int i = 0; i < 76; i++) sscanf(blob_hex + 2 * i, "%2hhx", &blob[i]);
    uint32_t nonce = (uint32_t)worker->index << 28;
    memcpy(blob + 39, &nonce, 4);
    randomx_calculate_hash_first(vm, blob, sizeof blob);
    uint64_t hashes = 0;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        nonce++;
        memcpy(blob + 39, &nonce, 4);
        randomx_calculate_hash_next(vm, blob, sizeof blob, out);
        hashes++;
        if (hashes % 4 == 0) {
            // Publish so the main thread can read the count at the window's edges.
            atomic_store_explicit(&worker->hashes, hashes, memory_order_relaxed);
        }
    }
    randomx_calculate_hash_last(vm, out);
    randomx_destroy_vm(vm);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s THREADS SECONDS [--light]\n", argv[0]); return 2; }
    int threads = atoi(argv[1]);
    double seconds = atof(argv[2]);
    int light = argc > 3 && strcmp(argv[3], "--light") == 0;
    flags = randomx_get_flags();
    if (!light) flags |= RANDOMX_FLAG_FULL_MEM;
    const char key[] = "test key 001";

    double start = now();
    int large = 1;
    cache = randomx_alloc_cache(flags | RANDOMX_FLAG_LARGE_PAGES);
    if (!cache) { large = 0; cache = randomx_alloc_cache(flags); }
    if (!cache) { fprintf(stderr, "randomx_alloc_cache failed\n"); return 1; }
    randomx_init_cache(cache, key, strlen(key));
    if (!light) {
        dataset = randomx_alloc_dataset(flags | RANDOMX_FLAG_LARGE_PAGES);
        if (!dataset) { large = 0; dataset = randomx_alloc_dataset(flags); }
        if (!dataset) { fprintf(stderr, "randomx_alloc_dataset failed\n"); return 1; }
        unsigned long items = randomx_dataset_item_count();
        pthread_t init[64];
        struct init_slice slices[64];
        for (int i = 0; i < threads; i++) {
            slices[i].start = items * i / threads;
            slices[i].count = items * (i + 1) / threads - slices[i].start;
            pthread_create(&init[i], NULL, init_dataset, &slices[i]);
        }
        for (int i = 0; i < threads; i++) pthread_join(init[i], NULL);
    }
    double init_seconds = now() - start;

    pthread_t ids[64];
    static struct worker workers[64];
    for (int i = 0; i < threads; i++) {
        workers[i].index = i;
        pthread_create(&ids[i], NULL, mine, &workers[i]);
    }
    struct timespec warm = {1, 0};
    nanosleep(&warm, NULL);  // VM creation and ramp-up are not counted
    uint64_t before = 0, after = 0;
    for (int i = 0; i < threads; i++) before += atomic_load(&workers[i].hashes);
    double window_start = now();
    struct timespec window = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
    nanosleep(&window, NULL);
    for (int i = 0; i < threads; i++) after += atomic_load(&workers[i].hashes);
    double elapsed = now() - window_start;
    atomic_store(&stop, 1);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    printf("{\"threads\":%d,\"mode\":\"%s%s\",\"init_seconds\":%.2f,\"seconds\":%.2f,\"hashes\":%llu,\"hashrate\":%.1f}\n",
           threads, light ? "light" : "full", large ? ", large pages" : "", init_seconds, elapsed,
           (unsigned long long)(after - before), (after - before) / elapsed);
    return 0;
}
