#ifndef RX_CPU_H
#define RX_CPU_H
// CPU features the kernels dispatch on, each already checked against what the OS saves on context
// switches (XCR0), so a set bit means "safe to execute".
typedef struct rx_cpu_features {
    int aes;
    int ssse3;
    int avx2;
    int avx512f;
    int avx512dq;
    int avx512bw;
    int avx512vl;
    int bmi2;
    int vaes;
} rx_cpu_features;

/// Detected once (thread-safe), then read-only.
const rx_cpu_features *rx_cpu_get(void);

#endif
