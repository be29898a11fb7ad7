/// A 256-bit proof-of-work target: a hash meets it when the hash, read as a little-endian number
/// (Bitcoin's convention, also Litecoin's and Monero's), is at most the target.
public struct ShareTarget: Sendable, Hashable, CustomStringConvertible {
    /// Little-endian 32-bit words: `words[7]` is the most significant.
    public var words: [UInt32]

    public init(words: [UInt32]) {
        precondition(words.count == 8)
        self.words = words
    }

    /// The easiest target: every hash meets it.
    public static let maximum = ShareTarget(words: Array(repeating: .max, count: 8))

    /// The most significant 32 bits, which kernels compare before anything else.
    public var top: UInt32 { words[7] }

    /// Bitcoin's difficulty-1 target, 0x00000000ffff0000…0 (compact 0x1d00ffff).
    public static let bitcoinDifficultyOne = ShareTarget(words: [0, 0, 0, 0, 0, 0, 0xffff_0000, 0])

    /// Target = difficultyOne / difficulty, as cpuminer computes it for stratum's `set_difficulty`.
    ///
    /// Scrypt pools express difficulty 65536 times smaller; pass `scale: 65536` for them.
    public init(difficulty: Double, scale: Double = 1) {
        var diff = difficulty / scale
        guard diff > 0, diff.isFinite else { self = .maximum; return }
        var k = 6
        while k > 0 && diff > 1.0 {
            diff /= 4_294_967_296.0
            k -= 1
        }
        let m = 4_294_901_760.0 / diff  // 0xffff0000
        if m >= 18_446_744_073_709_551_615.0 && k == 6 {
            self = .maximum
            return
        }
        var words = [UInt32](repeating: 0, count: 8)
        let value = m >= 18_446_744_073_709_551_615.0 ? UInt64.max : UInt64(m)
        words[k] = UInt32(truncatingIfNeeded: value)
        words[k + 1] = UInt32(truncatingIfNeeded: value >> 32)
        self.init(words: words)
    }

    /// The target a source wants when it expects one share per `hashes` hashes on average:
    /// 2^256 / hashes.
    public init(expectedHashesPerShare hashes: Double) {
        guard hashes > 1 else { self = .maximum; return }
        var remainder = 0x1p256 / hashes
        var words = [UInt32](repeating: 0, count: 8)
        for index in stride(from: 7, through: 0, by: -1) {
            let unit = Double(sign: .plus, exponent: 32 * index, significand: 1)
            let word = (remainder / unit).rounded(.down)
            words[index] = word >= 4_294_967_295 ? .max : UInt32(word)
            remainder -= Double(words[index]) * unit
            if remainder < 0 { remainder = 0 }
        }
        self.init(words: words)
    }

    /// Whether `digest` (32 bytes, in the order the algorithm produces them) meets the target.
    public func isMet(by digest: [UInt8]) -> Bool {
        precondition(digest.count == 32)
        for index in stride(from: 7, through: 0, by: -1) {
            let word = Self.word(digest, index)
            if word != words[index] { return word < words[index] }
        }
        return true
    }

    /// The expected number of hashes per share at this target: 2^256 / (target + 1).
    public var expectedHashesPerShare: Double {
        var value = 0.0
        for index in 0..<8 {
            value += Double(words[index]) * Double(sign: .plus, exponent: 32 * index, significand: 1)
        }
        return 0x1p256 / (value + 1)
    }

    /// Bitcoin difficulty of this target: difficulty-1 target ÷ target.
    public var difficulty: Double {
        Self.bitcoinDifficultyOne.expectedHashesPerShare == 0 ? 0
            : expectedHashesPerShare / Self.bitcoinDifficultyOne.expectedHashesPerShare
    }

    /// The top 32 bits of a digest read as a little-endian number: what kernels report.
    public static func top(of digest: [UInt8]) -> UInt32 { word(digest, 7) }

    static func word(_ digest: [UInt8], _ index: Int) -> UInt32 {
        UInt32(digest[4 * index]) | UInt32(digest[4 * index + 1]) << 8
            | UInt32(digest[4 * index + 2]) << 16 | UInt32(digest[4 * index + 3]) << 24
    }

    public var description: String {
        words.reversed().map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}
