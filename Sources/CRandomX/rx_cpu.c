#include "rx_cpu.h"
#include <pthread.h>

static rx_cpu_features rx_cpu_detected;
static pthread_once_t rx_cpu_once = PTHREAD_ONCE_INIT;

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static unsigned long long rx_xgetbv0(void) {
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

static void rx_cpu_detect(void) {
    rx_cpu_features f = {0};
    unsigned int a, b, c, d;
    unsigned int max_leaf = __get_cpuid_max(0, 0);
    if (max_leaf < 1) goto done;
    __cpuid(1, a, b, c, d);
    f.ssse3 = (c >> 9) & 1;
    f.aes = (c >> 25) & 1;
    int osxsave = (c >> 27) & 1;
    int avx = (c >> 28) & 1;
    // AVX state (XMM+YMM) must be enabled by the OS before any VEX-encoded instruction is safe;
    // AVX-512 additionally needs the opmask and both ZMM state components.
    unsigned long long xcr0 = osxsave ? rx_xgetbv0() : 0;
    int os_avx = avx && (xcr0 & 0x6) == 0x6;
    int os_avx512 = os_avx && (xcr0 & 0xE0) == 0xE0;
    if (max_leaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        f.avx2 = os_avx && ((b >> 5) & 1);
        f.bmi2 = (b >> 8) & 1;
        f.avx512f = os_avx512 && ((b >> 16) & 1);
        f.avx512dq = f.avx512f && ((b >> 17) & 1);
        f.avx512bw = f.avx512f && ((b >> 30) & 1);
        f.avx512vl = f.avx512f && ((b >> 31) & 1);
        f.vaes = os_avx && ((c >> 9) & 1);
    }
done:
    rx_cpu_detected = f;
}
#else
static void rx_cpu_detect(void) {}
#endif

const rx_cpu_features *rx_cpu_get(void) {
    pthread_once(&rx_cpu_once, rx_cpu_detect);
    return &rx_cpu_detected;
}
