// SuperscalarHash generation and execution (spec chapter 6).
//
// Generation simulates the spec's reference CPU: 16-byte decode groups filled slot by slot with
// macro-ops, micro-ops scheduled on ports P0/P1/P5, operands chosen by readiness. Every random
// number drawn, and the order in which it is drawn, decides the program, so the structure below
// follows the spec's stages one to one, including the cases the spec describes only loosely:
//  - an instruction whose operands cannot be found within 4 cycles is thrown away (at most 256 in a
//    row) and a new one is chosen for the same slot; macro-ops it already issued keep their ports;
//    the stall cycles spent looking stay spent;
//  - once 256 have been thrown away in a row, the rest of the decode group is abandoned;
//  - an instruction's macro-ops that do not fit the current group continue in the next one, which
//    is how the 3-byte IMULH_R/ISMULH_R group and the 10-byte IMUL_RCP slot chain into the next
//    group's first slots;
//  - ISUB_R shares IADD_RS's "last operation" group (both are additions for this purpose), and the
//    two 128-bit multiplications use a random 32-bit value as their group parameter, so they can
//    repeat on the same register;
//  - the cycle limit is checked after a macro-op is placed; the remaining macro-ops of the group
//    are still issued, but no new instruction is started.
#include "rx_superscalar.h"
#include <string.h>

__extension__ typedef unsigned __int128 rx_u128;
__extension__ typedef __int128 rx_i128;

enum {
    RX_PORT_P0 = 1,
    RX_PORT_P1 = 2,
    RX_PORT_P5 = 4,
    RX_PORT_P01 = RX_PORT_P0 | RX_PORT_P1,
    RX_PORT_P05 = RX_PORT_P0 | RX_PORT_P5,
    RX_PORT_P015 = RX_PORT_P0 | RX_PORT_P1 | RX_PORT_P5,
};

enum { RX_CYCLE_MAP = RX_SUPERSCALAR_LATENCY + 4, RX_LOOK_FORWARD = 4, RX_MAX_THROWAWAY = 256 };

/// A macro-op of the reference CPU (spec Table 6.2.1). `dependent`: must start after the previous
/// macro-op of the same instruction has produced its result (IMUL_RCP's imul needs the constant).
typedef struct rx_mop {
    uint8_t size;
    uint8_t latency;
    uint8_t uop1; // 0: eliminated at rename (mov r,r), needs no port
    uint8_t uop2; // 0: a single micro-op
    uint8_t dependent;
} rx_mop;

static const rx_mop rx_mop_sub_rr = {3, 1, RX_PORT_P015, 0, 0};
static const rx_mop rx_mop_xor_rr = {3, 1, RX_PORT_P015, 0, 0};
static const rx_mop rx_mop_lea_sib = {4, 1, RX_PORT_P01, 0, 0};
static const rx_mop rx_mop_imul_rr = {4, 3, RX_PORT_P1, 0, 0};
static const rx_mop rx_mop_imul_rr_dep = {4, 3, RX_PORT_P1, 0, 1};
static const rx_mop rx_mop_ror_ri = {4, 1, RX_PORT_P05, 0, 0};
static const rx_mop rx_mop_add_ri = {7, 1, RX_PORT_P015, 0, 0};
static const rx_mop rx_mop_xor_ri = {7, 1, RX_PORT_P015, 0, 0};
static const rx_mop rx_mop_mov_rr = {3, 0, 0, 0, 0};
static const rx_mop rx_mop_mul_r = {3, 4, RX_PORT_P1, RX_PORT_P5, 0};
static const rx_mop rx_mop_imul_r = {3, 4, RX_PORT_P1, RX_PORT_P5, 0};
static const rx_mop rx_mop_mov_ri64 = {10, 1, RX_PORT_P015, 0, 0};

/// Per instruction kind: its macro-ops, which of them writes the result, and at which macro-op the
/// destination and the source (-1: none) are chosen.
typedef struct rx_ss_info {
    uint8_t op;
    uint8_t mop_count;
    int8_t result_mop;
    int8_t dst_mop;
    int8_t src_mop;
    const rx_mop *mops[3];
} rx_ss_info;

static const rx_ss_info rx_info_isub_r = {RX_SS_ISUB_R, 1, 0, 0, 0, {&rx_mop_sub_rr}};
static const rx_ss_info rx_info_ixor_r = {RX_SS_IXOR_R, 1, 0, 0, 0, {&rx_mop_xor_rr}};
static const rx_ss_info rx_info_iadd_rs = {RX_SS_IADD_RS, 1, 0, 0, 0, {&rx_mop_lea_sib}};
static const rx_ss_info rx_info_imul_r = {RX_SS_IMUL_R, 1, 0, 0, 0, {&rx_mop_imul_rr}};
static const rx_ss_info rx_info_iror_c = {RX_SS_IROR_C, 1, 0, 0, -1, {&rx_mop_ror_ri}};
static const rx_ss_info rx_info_iadd_c7 = {RX_SS_IADD_C7, 1, 0, 0, -1, {&rx_mop_add_ri}};
static const rx_ss_info rx_info_ixor_c7 = {RX_SS_IXOR_C7, 1, 0, 0, -1, {&rx_mop_xor_ri}};
static const rx_ss_info rx_info_iadd_c8 = {RX_SS_IADD_C8, 1, 0, 0, -1, {&rx_mop_add_ri}};
static const rx_ss_info rx_info_ixor_c8 = {RX_SS_IXOR_C8, 1, 0, 0, -1, {&rx_mop_xor_ri}};
static const rx_ss_info rx_info_iadd_c9 = {RX_SS_IADD_C9, 1, 0, 0, -1, {&rx_mop_add_ri}};
static const rx_ss_info rx_info_ixor_c9 = {RX_SS_IXOR_C9, 1, 0, 0, -1, {&rx_mop_xor_ri}};
static const rx_ss_info rx_info_imulh_r = {RX_SS_IMULH_R, 3, 1, 0, 1,
                                           {&rx_mop_mov_rr, &rx_mop_mul_r, &rx_mop_mov_rr}};
static const rx_ss_info rx_info_ismulh_r = {RX_SS_ISMULH_R, 3, 1, 0, 1,
                                            {&rx_mop_mov_rr, &rx_mop_imul_r, &rx_mop_mov_rr}};
static const rx_ss_info rx_info_imul_rcp = {RX_SS_IMUL_RCP, 2, 1, 1, -1,
                                            {&rx_mop_mov_ri64, &rx_mop_imul_rr_dep}};
/// No instruction: the state before the first one and after an abandoned decode group.
static const rx_ss_info rx_info_none = {RX_SS_INVALID, 0, 0, 0, 0, {0}};

/// Decoder groups (spec Table 6.3.1): slot sizes in bytes, 16 in total.
typedef struct rx_decode_group {
    uint8_t index;
    uint8_t count;
    uint8_t slots[4];
} rx_decode_group;

static const rx_decode_group rx_groups[6] = {
    {0, 3, {4, 8, 4}},    {1, 4, {7, 3, 3, 3}}, {2, 4, {3, 7, 3, 3}},
    {3, 3, {4, 9, 3}},    {4, 4, {4, 4, 4, 4}}, {5, 3, {3, 3, 10}},
};

static int rx_ss_is_mul(uint8_t op) {
    return op == RX_SS_IMUL_R || op == RX_SS_IMULH_R || op == RX_SS_ISMULH_R || op == RX_SS_IMUL_RCP;
}

static int rx_ss_is_zero_or_pow2(uint32_t x) { return (x & (x - 1)) == 0; }

typedef struct rx_reg_state {
    int latency;      // cycle at which the value is ready
    int last_group;   // group of the last instruction that wrote it (-1: none)
    int32_t last_par; // that instruction's group parameter (-1: a constant)
} rx_reg_state;

/// The instruction being placed.
typedef struct rx_ss_cur {
    const rx_ss_info *info;
    int src, dst;
    uint8_t mod;
    uint32_t imm32;
    int group;
    int32_t group_par;
    int can_reuse;          // destination may equal the source
    int group_par_is_source;
} rx_ss_cur;

typedef uint8_t rx_port_map[RX_CYCLE_MAP][3];

static const rx_decode_group *rx_next_group(int prev_op, int decode_cycle, int mul_count,
                                            rx_blake2_generator *gen) {
    // A 128-bit multiplication's remaining macro-ops (mul, mov) need two 3-byte slots.
    if (prev_op == RX_SS_IMULH_R || prev_op == RX_SS_ISMULH_R) return &rx_groups[5];
    // Keep the multiplier port busy: four multiplications when they lag behind the cycle count.
    if (mul_count < decode_cycle + 1) return &rx_groups[4];
    // IMUL_RCP's imul must land in a 4-byte first slot.
    if (prev_op == RX_SS_IMUL_RCP) return (rx_blake2_generator_byte(gen) & 1) ? &rx_groups[0] : &rx_groups[3];
    return &rx_groups[rx_blake2_generator_byte(gen) & 3];
}

static void rx_ss_create(rx_ss_cur *c, const rx_ss_info *info, rx_blake2_generator *gen) {
    c->info = info;
    c->src = c->dst = -1;
    c->can_reuse = 0;
    c->group_par_is_source = 0;
    c->mod = 0;
    c->imm32 = 0;
    switch (info->op) {
    case RX_SS_ISUB_R:
        c->group = RX_SS_IADD_RS;
        c->group_par_is_source = 1;
        break;
    case RX_SS_IXOR_R:
        c->group = RX_SS_IXOR_R;
        c->group_par_is_source = 1;
        break;
    case RX_SS_IADD_RS:
        c->mod = rx_blake2_generator_byte(gen);
        c->group = RX_SS_IADD_RS;
        c->group_par_is_source = 1;
        break;
    case RX_SS_IMUL_R:
        c->group = RX_SS_IMUL_R;
        c->group_par_is_source = 1;
        break;
    case RX_SS_IROR_C:
        do {
            c->imm32 = rx_blake2_generator_byte(gen) & 63;
        } while (c->imm32 == 0);
        c->group = RX_SS_IROR_C;
        c->group_par = -1;
        break;
    case RX_SS_IADD_C7:
    case RX_SS_IADD_C8:
    case RX_SS_IADD_C9:
        c->imm32 = rx_blake2_generator_u32(gen);
        c->group = RX_SS_IADD_C7;
        c->group_par = -1;
        break;
    case RX_SS_IXOR_C7:
    case RX_SS_IXOR_C8:
    case RX_SS_IXOR_C9:
        c->imm32 = rx_blake2_generator_u32(gen);
        c->group = RX_SS_IXOR_C7;
        c->group_par = -1;
        break;
    case RX_SS_IMULH_R:
    case RX_SS_ISMULH_R:
        c->can_reuse = 1;
        c->group = info->op;
        c->group_par = (int32_t)rx_blake2_generator_u32(gen);
        break;
    case RX_SS_IMUL_RCP:
        do {
            c->imm32 = rx_blake2_generator_u32(gen);
        } while (rx_ss_is_zero_or_pow2(c->imm32));
        c->group = RX_SS_IMUL_RCP;
        c->group_par = -1;
        break;
    default:
        break;
    }
}

/// Chooses an instruction whose first macro-op fits the slot (spec Table 6.3.2).
static void rx_ss_create_for_slot(rx_ss_cur *c, rx_blake2_generator *gen, int slot_size,
                                  int group_index, int is_last) {
    static const rx_ss_info *const slot3[2] = {&rx_info_isub_r, &rx_info_ixor_r};
    static const rx_ss_info *const slot3_last[4] = {&rx_info_isub_r, &rx_info_ixor_r,
                                                    &rx_info_imulh_r, &rx_info_ismulh_r};
    static const rx_ss_info *const slot4[2] = {&rx_info_iror_c, &rx_info_iadd_rs};
    static const rx_ss_info *const slot7[2] = {&rx_info_ixor_c7, &rx_info_iadd_c7};
    static const rx_ss_info *const slot8[2] = {&rx_info_ixor_c8, &rx_info_iadd_c8};
    static const rx_ss_info *const slot9[2] = {&rx_info_ixor_c9, &rx_info_iadd_c9};
    switch (slot_size) {
    case 3:
        if (is_last) rx_ss_create(c, slot3_last[rx_blake2_generator_byte(gen) & 3], gen);
        else rx_ss_create(c, slot3[rx_blake2_generator_byte(gen) & 1], gen);
        break;
    case 4:
        if (group_index == 4 && !is_last) rx_ss_create(c, &rx_info_imul_r, gen);
        else rx_ss_create(c, slot4[rx_blake2_generator_byte(gen) & 1], gen);
        break;
    case 7: rx_ss_create(c, slot7[rx_blake2_generator_byte(gen) & 1], gen); break;
    case 8: rx_ss_create(c, slot8[rx_blake2_generator_byte(gen) & 1], gen); break;
    case 9: rx_ss_create(c, slot9[rx_blake2_generator_byte(gen) & 1], gen); break;
    default: rx_ss_create(c, &rx_info_imul_rcp, gen); break; // 10
    }
}

/// Picks one of `n` candidates; a random number is drawn only when there is a choice.
static int rx_ss_pick(const int *cand, int n, rx_blake2_generator *gen, int *out) {
    if (n == 0) return 0;
    *out = n > 1 ? cand[rx_blake2_generator_u32(gen) % (uint32_t)n] : cand[0];
    return 1;
}

static int rx_ss_select_source(rx_ss_cur *c, int cycle, const rx_reg_state *regs,
                               rx_blake2_generator *gen) {
    int cand[8], n = 0;
    for (int i = 0; i < 8; i++)
        if (regs[i].latency <= cycle) cand[n++] = i;
    // With only two registers ready and one of them r5 (which IADD_RS cannot write), r5 must be
    // the source or there would be no destination left.
    if (n == 2 && c->info->op == RX_SS_IADD_RS && (cand[0] == 5 || cand[1] == 5)) {
        c->src = 5;
        c->group_par = 5;
        return 1;
    }
    if (!rx_ss_pick(cand, n, gen, &c->src)) return 0;
    if (c->group_par_is_source) c->group_par = c->src;
    return 1;
}

static int rx_ss_select_destination(rx_ss_cur *c, int cycle, int allow_chained_mul,
                                    const rx_reg_state *regs, rx_blake2_generator *gen) {
    int cand[8], n = 0;
    for (int i = 0; i < 8; i++) {
        if (regs[i].latency > cycle) continue;
        if (!c->can_reuse && i == c->src) continue;
        if (!allow_chained_mul && c->group == RX_SS_IMUL_R && regs[i].last_group == RX_SS_IMUL_R) continue;
        if (regs[i].last_group == c->group && regs[i].last_par == c->group_par) continue;
        if (c->info->op == RX_SS_IADD_RS && i == 5) continue;
        cand[n++] = i;
    }
    return rx_ss_pick(cand, n, gen, &c->dst);
}

/// First cycle >= `cycle` with a free port for the micro-op, tried in the order P5, P0, P1 so that
/// flexible micro-ops leave P1 to multiplications; -1 when the map is full. `commit` reserves it.
static int rx_ss_schedule_uop(uint8_t uop, rx_port_map ports, int cycle, int commit) {
    for (; cycle < RX_CYCLE_MAP; cycle++) {
        if ((uop & RX_PORT_P5) && !ports[cycle][2]) {
            if (commit) ports[cycle][2] = uop;
            return cycle;
        }
        if ((uop & RX_PORT_P0) && !ports[cycle][0]) {
            if (commit) ports[cycle][0] = uop;
            return cycle;
        }
        if ((uop & RX_PORT_P1) && !ports[cycle][1]) {
            if (commit) ports[cycle][1] = uop;
            return cycle;
        }
    }
    return -1;
}

static int rx_ss_schedule_mop(const rx_mop *m, rx_port_map ports, int cycle, int dep_cycle, int commit) {
    if (m->dependent && dep_cycle > cycle) cycle = dep_cycle;
    if (m->uop1 == 0) return cycle;
    if (m->uop2 == 0) return rx_ss_schedule_uop(m->uop1, ports, cycle, commit);
    // Two micro-ops are placed only together, in one cycle.
    for (; cycle < RX_CYCLE_MAP; cycle++) {
        int c1 = rx_ss_schedule_uop(m->uop1, ports, cycle, 0);
        int c2 = rx_ss_schedule_uop(m->uop2, ports, cycle, 0);
        if (c1 >= 0 && c1 == c2) {
            if (commit) {
                rx_ss_schedule_uop(m->uop1, ports, c1, 1);
                rx_ss_schedule_uop(m->uop2, ports, c2, 1);
            }
            return c1;
        }
    }
    return -1;
}

static uint64_t rx_ss_sign_extend(uint32_t x) { return (uint64_t)(int64_t)(int32_t)x; }

static void rx_ss_emit(rx_ss_program *prog, const rx_ss_cur *c) {
    rx_ss_instr *in = &prog->instr[prog->size++];
    in->op = c->info->op;
    in->dst = (uint8_t)c->dst;
    in->src = (uint8_t)(c->src >= 0 ? c->src : c->dst);
    in->mod = c->mod;
    in->imm32 = c->imm32;
    switch (in->op) {
    case RX_SS_IADD_RS: in->operand = (c->mod >> 2) & 3; break;
    case RX_SS_IROR_C: in->operand = c->imm32 & 63; break;
    case RX_SS_IADD_C7: case RX_SS_IADD_C8: case RX_SS_IADD_C9:
    case RX_SS_IXOR_C7: case RX_SS_IXOR_C8: case RX_SS_IXOR_C9:
        in->operand = rx_ss_sign_extend(c->imm32);
        break;
    case RX_SS_IMUL_RCP: in->operand = rx_reciprocal(c->imm32); break;
    default: in->operand = 0; break;
    }
}

void rx_superscalar_generate(rx_ss_program *prog, rx_blake2_generator *gen) {
    rx_port_map ports;
    rx_reg_state regs[8];
    rx_ss_cur cur;
    memset(ports, 0, sizeof ports);
    memset(&cur, 0, sizeof cur);
    for (int i = 0; i < 8; i++) {
        regs[i].latency = 0;
        regs[i].last_group = -1;
        regs[i].last_par = -1;
    }
    cur.info = &rx_info_none;
    prog->size = 0;

    int mop_index = 0, cycle = 0, dep_cycle = 0, mul_count = 0, throwaway = 0;
    int saturated = 0;

    for (int decode_cycle = 0; decode_cycle < RX_SUPERSCALAR_LATENCY && !saturated &&
                               prog->size < RX_SUPERSCALAR_MAX_SIZE;
         decode_cycle++) {
        const rx_decode_group *grp = rx_next_group(cur.info->op, decode_cycle, mul_count, gen);
        int slot = 0;
        while (slot < grp->count) {
            int top_cycle = cycle;
            if (mop_index >= cur.info->mop_count) {
                if (saturated || prog->size >= RX_SUPERSCALAR_MAX_SIZE) break;
                rx_ss_create_for_slot(&cur, gen, grp->slots[slot], grp->index, slot + 1 == grp->count);
                mop_index = 0;
            }
            const rx_mop *mop = cur.info->mops[mop_index];

            int sched = rx_ss_schedule_mop(mop, ports, cycle, dep_cycle, 0);
            if (sched < 0) {
                saturated = 1;
                break;
            }

            if (mop_index == cur.info->src_mop) {
                int fwd = 0;
                while (fwd < RX_LOOK_FORWARD && !rx_ss_select_source(&cur, sched, regs, gen)) {
                    sched++;
                    cycle++;
                    fwd++;
                }
                if (fwd == RX_LOOK_FORWARD) {
                    if (throwaway < RX_MAX_THROWAWAY) {
                        throwaway++;
                        mop_index = cur.info->mop_count;
                        continue;
                    }
                    cur.info = &rx_info_none;
                    break;
                }
            }
            if (mop_index == cur.info->dst_mop) {
                int fwd = 0;
                while (fwd < RX_LOOK_FORWARD &&
                       !rx_ss_select_destination(&cur, sched, throwaway > 0, regs, gen)) {
                    sched++;
                    cycle++;
                    fwd++;
                }
                if (fwd == RX_LOOK_FORWARD) {
                    if (throwaway < RX_MAX_THROWAWAY) {
                        throwaway++;
                        mop_index = cur.info->mop_count;
                        continue;
                    }
                    cur.info = &rx_info_none;
                    break;
                }
            }
            throwaway = 0;

            // Operands known: place the macro-op for real, no earlier than they are ready.
            sched = rx_ss_schedule_mop(mop, ports, sched, sched, 1);
            if (sched < 0) {
                saturated = 1;
                break;
            }
            dep_cycle = sched + mop->latency;

            if (mop_index == cur.info->result_mop) {
                rx_reg_state *r = &regs[cur.dst];
                r->latency = dep_cycle;
                r->last_group = cur.group;
                r->last_par = cur.group_par;
            }
            slot++;
            mop_index++;
            if (sched >= RX_SUPERSCALAR_LATENCY) saturated = 1;
            cycle = top_cycle;

            if (mop_index >= cur.info->mop_count) {
                rx_ss_emit(prog, &cur);
                mul_count += rx_ss_is_mul(cur.info->op);
            }
        }
        cycle++;
    }

    // The address register is the one with the longest dependency chain when every instruction
    // takes one cycle and parallelism is unlimited (the first such register on ties).
    int depth[8] = {0};
    for (uint32_t i = 0; i < prog->size; i++) {
        const rx_ss_instr *in = &prog->instr[i];
        int d = depth[in->dst] + 1;
        int s = in->dst != in->src ? depth[in->src] + 1 : 0;
        depth[in->dst] = d > s ? d : s;
    }
    int best = 0;
    prog->address_reg = 0;
    for (int i = 0; i < 8; i++) {
        if (depth[i] > best) {
            best = depth[i];
            prog->address_reg = (uint32_t)i;
        }
    }
}

uint64_t rx_reciprocal(uint32_t divisor) {
    // With b the bit length of divisor (not a power of two), 2^(63+b) / divisor lies in
    // [2^63, 2^64): x = 63 + b is the largest exponent that keeps the quotient below 2^64.
    unsigned b = 32u - (unsigned)__builtin_clz(divisor);
    rx_u128 num = (rx_u128)1 << (63 + b);
    return (uint64_t)(num / divisor);
}

static inline uint64_t rx_ss_rotr(uint64_t x, unsigned n) { return (x >> n) | (x << ((64 - n) & 63)); }

void rx_superscalar_execute(uint64_t r[8], const rx_ss_program *prog) {
    const rx_ss_instr *in = prog->instr;
    const rx_ss_instr *end = in + prog->size;
    for (; in < end; in++) {
        uint64_t *d = &r[in->dst];
        uint64_t s = r[in->src];
        switch (in->op) {
        case RX_SS_ISUB_R: *d -= s; break;
        case RX_SS_IXOR_R: *d ^= s; break;
        case RX_SS_IADD_RS: *d += s << in->operand; break;
        case RX_SS_IMUL_R: *d *= s; break;
        case RX_SS_IROR_C: *d = rx_ss_rotr(*d, (unsigned)in->operand); break;
        case RX_SS_IADD_C7: case RX_SS_IADD_C8: case RX_SS_IADD_C9: *d += in->operand; break;
        case RX_SS_IXOR_C7: case RX_SS_IXOR_C8: case RX_SS_IXOR_C9: *d ^= in->operand; break;
        case RX_SS_IMULH_R: *d = (uint64_t)(((rx_u128)*d * s) >> 64); break;
        case RX_SS_ISMULH_R: *d = (uint64_t)(((rx_i128)(int64_t)*d * (int64_t)s) >> 64); break;
        case RX_SS_IMUL_RCP: *d *= in->operand; break;
        default: break;
        }
    }
}
