// Program and configuration generation (spec 4.5).
#include "rx_program.h"

#include <string.h>

#include "rx_aes.h"

#define MANTISSA_BITS 52
#define MANTISSA_MASK ((1ull << MANTISSA_BITS) - 1)
#define EXPONENT_BIAS 1023

uint64_t rx_a_bits(uint64_t q) {
    // +1.fraction x 2^exponent with exponent 0..31 from bits 59-63 (Table 4.5.2); bits 52-58 are
    // reserved and ignored.
    const uint64_t exponent = (q >> 59) + EXPONENT_BIAS;
    return (exponent << MANTISSA_BITS) | (q & MANTISSA_MASK);
}

uint64_t rx_e_mask(uint64_t q) {
    // The 11-bit exponent becomes 0b011xxxx???? where xxxx is bits 60-63 of the quadword and ????
    // stays from the converted integer (RX_E_KEEP_MASK keeps it); that keeps every E value
    // positive and within a range where multiplication, division and square root never produce
    // zero, infinity or denormals.
    const uint64_t exponent = 0x300 | ((q >> 60) << 4);
    return (exponent << MANTISSA_BITS) | (q & ((1ull << 22) - 1));
}

uint64_t rx_dataset_offset(uint64_t q) {
    const uint64_t extra_items = RX_DATASET_EXTRA_SIZE / 64 + 1;
    return (q % extra_items) * 64;
}

void rx_program_configure(struct rtx_vm *vm) {
    const uint64_t *q = vm->program.entropy;
    for (int i = 0; i < 4; i++) {
        const uint64_t lo = rx_a_bits(q[2 * i]), hi = rx_a_bits(q[2 * i + 1]);
        memcpy(&vm->reg.a[i].lo, &lo, 8);
        memcpy(&vm->reg.a[i].hi, &hi, 8);
    }
    // ma is used only through RX_DATASET_BASE_MASK and RX_L3_MASK64, so aligning it here changes
    // nothing but makes "ma is a multiple of 64" (spec 4.3) hold from the start.
    vm->ma = (uint32_t)q[8] & RX_DATASET_BASE_MASK;
    vm->mx = (uint32_t)q[10];
    const uint64_t sel = q[12];
    for (int i = 0; i < 4; i++) vm->config.read_reg[i] = (uint32_t)(2 * i + ((sel >> i) & 1));
    vm->dataset_offset = rx_dataset_offset(q[13]);
    vm->config.e_mask[0] = rx_e_mask(q[14]);
    vm->config.e_mask[1] = rx_e_mask(q[15]);
}

void rx_program_generate(struct rtx_vm *vm, const void *seed) {
    vm->aes->fill4r(seed, sizeof(vm->program), &vm->program);
    rx_program_configure(vm);
    memset(vm->reg.r, 0, sizeof(vm->reg.r));
}
