// Run-time CPU feature detection for kernel dispatch.
//
// A feature counts only when the CPU has it and, for AVX and AVX-512, the OS saves the wider
// registers across context switches (OSXSAVE set and XCR0 enabling the state); otherwise the
// first YMM/ZMM instruction would fault or be corrupted by preemption. Bit positions are from the
// Intel SDM vol. 2A, CPUID leaf 1 and leaf 7 subleaf 0, and vol. 1 §13.3 (XCR0).
#include "CHashKernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

// CPUID.1:ECX
#define LEAF1_ECX_SSE41 (1u << 19)
#define LEAF1_ECX_OSXSAVE (1u << 27)
#define LEAF1_ECX_AVX (1u << 28)
// CPUID.(7,0):EBX
#define LEAF7_EBX_AVX2 (1u << 5)
#define LEAF7_EBX_AVX512F (1u << 16)
#define LEAF7_EBX_SHA (1u << 29)
#define LEAF7_EBX_AVX512BW (1u << 30)
#define LEAF7_EBX_AVX512VL (1u << 31)
// XCR0: SSE (1) and AVX (2) state for YMM; opmask (5), ZMM0-15 upper halves (6), ZMM16-31 (7).
#define XCR0_YMM 0x06u
#define XCR0_ZMM 0xe6u

struct cpu_bits {
    unsigned leaf1_ecx, leaf7_ebx;
    unsigned long long xcr0;
};

static struct cpu_bits cpu_bits_read(void) {
    struct cpu_bits bits = {0, 0, 0};
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return bits;
    bits.leaf1_ecx = ecx;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) bits.leaf7_ebx = ebx;
    if (bits.leaf1_ecx & LEAF1_ECX_OSXSAVE) {
        unsigned lo, hi;
        // XGETBV with ECX = 0 reads XCR0. Spelled as asm so no -mxsave is needed.
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        bits.xcr0 = (unsigned long long)hi << 32 | lo;
    }
    return bits;
}

static int os_saves_ymm(struct cpu_bits b) {
    return (b.leaf1_ecx & LEAF1_ECX_AVX) && (b.xcr0 & XCR0_YMM) == XCR0_YMM;
}

int rig_cpu_has_sse41(void) {
    return (cpu_bits_read().leaf1_ecx & LEAF1_ECX_SSE41) != 0;
}

int rig_cpu_has_avx2(void) {
    struct cpu_bits b = cpu_bits_read();
    return os_saves_ymm(b) && (b.leaf7_ebx & LEAF7_EBX_AVX2);
}

int rig_cpu_has_avx512(void) {
    struct cpu_bits b = cpu_bits_read();
    const unsigned need = LEAF7_EBX_AVX512F | LEAF7_EBX_AVX512VL | LEAF7_EBX_AVX512BW;
    return os_saves_ymm(b) && (b.xcr0 & XCR0_ZMM) == XCR0_ZMM && (b.leaf7_ebx & need) == need;
}

int rig_cpu_has_sha_ni(void) {
    struct cpu_bits b = cpu_bits_read();
    return (b.leaf7_ebx & LEAF7_EBX_SHA) && (b.leaf1_ecx & LEAF1_ECX_SSE41);
}

#else

int rig_cpu_has_sse41(void) { return 0; }
int rig_cpu_has_avx2(void) { return 0; }
int rig_cpu_has_avx512(void) { return 0; }
int rig_cpu_has_sha_ni(void) { return 0; }

#endif
