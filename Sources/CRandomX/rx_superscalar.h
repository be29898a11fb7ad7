#ifndef RX_SUPERSCALAR_H
#define RX_SUPERSCALAR_H
// SuperscalarHash (spec chapter 6): program generation by simulating the reference CPU's decoder
// and ports, and execution over eight 64-bit registers.
#include <stdint.h>
#include "rx_blake2_generator.h"

#define RX_SUPERSCALAR_LATENCY 170
#define RX_SUPERSCALAR_MAX_SIZE (3 * RX_SUPERSCALAR_LATENCY + 2)
#define RX_CACHE_ACCESSES 8

/// Instruction kinds. The three sizes of IADD_C/IXOR_C compute the same thing; they are kept apart
/// because the size is the x86 slot the generator planned (7, 8 or 9 bytes), which a JIT may honour.
typedef enum rx_ss_op {
    RX_SS_ISUB_R = 0,
    RX_SS_IXOR_R,
    RX_SS_IADD_RS,
    RX_SS_IMUL_R,
    RX_SS_IROR_C,
    RX_SS_IADD_C7,
    RX_SS_IXOR_C7,
    RX_SS_IADD_C8,
    RX_SS_IXOR_C8,
    RX_SS_IADD_C9,
    RX_SS_IXOR_C9,
    RX_SS_IMULH_R,
    RX_SS_ISMULH_R,
    RX_SS_IMUL_RCP,
    RX_SS_OP_COUNT,
    RX_SS_INVALID = 0xff,
} rx_ss_op;

/// One instruction. `operand` is ready for execution: the shift for IADD_RS, the rotation for
/// IROR_C, the sign-extended immediate for IADD_C/IXOR_C, the reciprocal of imm32 for IMUL_RCP.
/// For instructions without a source register, src == dst.
typedef struct rx_ss_instr {
    uint8_t op;
    uint8_t dst;
    uint8_t src;
    uint8_t mod;
    uint32_t imm32;
    uint64_t operand;
} rx_ss_instr;

typedef struct rx_ss_program {
    uint32_t size;
    /// The register with the longest dependency chain: the next cache index (spec 7.3 step 7).
    uint32_t address_reg;
    rx_ss_instr instr[RX_SUPERSCALAR_MAX_SIZE];
} rx_ss_program;

/// Generates the next program from `gen` (spec 6.3), exactly as the reference does.
void rx_superscalar_generate(rx_ss_program *prog, rx_blake2_generator *gen);
/// Runs `prog` over r[0..7].
void rx_superscalar_execute(uint64_t r[8], const rx_ss_program *prog);
/// 2^x / divisor for the largest x with a result below 2^64 (IMUL_RCP). divisor: not 0, not 2^N.
uint64_t rx_reciprocal(uint32_t divisor);

#endif
