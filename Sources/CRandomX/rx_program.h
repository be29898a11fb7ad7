#ifndef RX_PROGRAM_H
#define RX_PROGRAM_H
// Programming the VM (spec 4.5): the program buffer and configuration from AesGenerator4R.
#include "rx_vm.h"

/// Fills vm->program with AesGenerator4R(seed) output (seed: 64 bytes, not modified) and derives
/// from its configuration quadwords reg.a, ma, mx, config and dataset_offset; zeroes reg.r
/// (spec 4.6.1 step 4). Uses vm->aes.
void rx_program_generate(struct rtx_vm *vm, const void *seed);

/// The configuration part alone, from vm->program.entropy (for tests and other engines).
void rx_program_configure(struct rtx_vm *vm);

/// Dataset offset quadword -> byte offset (spec 4.5.5).
uint64_t rx_dataset_offset(uint64_t quadword13);

/// Group E mask from configuration quadword 14 or 15 (spec 4.5.6, see RX_E_KEEP_MASK).
uint64_t rx_e_mask(uint64_t quadword);

/// Group A value bits from configuration quadwords 0-7 (spec 4.5.2).
uint64_t rx_a_bits(uint64_t quadword);

#endif
