/// Bitcoin's serialization primitives, as coinbase and block assembly write them.
enum TransactionBytes {
    static func uint32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }

    static func int64(_ value: Int64) -> [UInt8] {
        let bits = UInt64(bitPattern: value)
        return (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
    }

    /// CompactSize: 1, 3, 5 or 9 bytes.
    static func compactSize(_ value: Int) -> [UInt8] {
        let value = UInt64(value)
        switch value {
        case 0..<0xfd: return [UInt8(value)]
        case 0xfd...0xffff: return [0xfd, UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        case 0x1_0000...0xffff_ffff: return [0xfe] + uint32(UInt32(value))
        default: return [0xff] + (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        }
    }

    /// A script push of `data` (at most 75 bytes: a single length-byte opcode).
    static func push(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count <= 75, "a direct push holds at most 75 bytes")
        return [UInt8(data.count)] + data
    }

    /// `CScript() << n` for a block height (BIP 34): OP_0, OP_1…OP_16, else the minimal
    /// little-endian number with a sign byte where the top bit is set.
    static func scriptNumber(_ value: Int) -> [UInt8] {
        precondition(value >= 0, "heights are not negative")
        if value == 0 { return [0x00] }
        if value <= 16 { return [0x50 + UInt8(value)] }
        var bytes: [UInt8] = []
        var rest = value
        while rest > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
        if let last = bytes.last, last & 0x80 != 0 { bytes.append(0) }
        return push(bytes)
    }

    /// The little-endian 32-bit word `index` of `bytes`.
    static func word(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        UInt32(bytes[4 * index]) | UInt32(bytes[4 * index + 1]) << 8
            | UInt32(bytes[4 * index + 2]) << 16 | UInt32(bytes[4 * index + 3]) << 24
    }
}
