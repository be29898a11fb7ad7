import RigEngine
import RigInput

/// A Monero stratum job (`login` result or `job` notification): a hashing blob, a compact target
/// and the RandomX seed.
public struct MoneroJob: Sendable, Equatable {
    public var id: String
    /// The hashing blob; the nonce goes little-endian at ``nonceOffset``.
    public var blob: [UInt8]
    public var target: ShareTarget
    /// The pool's difficulty, from the target (xmrig: 0xffffffff / target32, or 2^64 / target64).
    public var difficulty: Double
    public var seedHash: [UInt8]?
    /// The seed hash that follows (`next_seed_hash`, sent by pools ahead of a seed change).
    public var nextSeedHash: [UInt8]?
    public var height: Int?
    /// The RandomX revision the job names in `algo` ("rx/0", "rx/2"); nil when the pool does not
    /// say, and the work source's configured revision applies.
    public var randomXVersion: RandomXVersion?

    /// Where the 4 nonce bytes sit in a Monero hashing blob.
    public static let nonceOffset = 39

    public init(json: JSONValue) throws(StratumProtocolError) {
        let bad = StratumProtocolError.wrongShape("job: " + StratumMessage.trimmed(json.serialized))
        guard let id = json["job_id"]?.stringValue, StratumJob.isValidID(id),
              let blobHex = json["blob"]?.stringValue, let blob = HexCoding.bytes(blobHex),
              blob.count >= Self.nonceOffset + 4,
              let targetHex = json["target"]?.stringValue, let targetBytes = HexCoding.bytes(targetHex)
        else { throw bad }
        let (target, difficulty): (ShareTarget, Double)
        switch targetBytes.count {
        case 4:
            // Compact form: the top 32 bits of a 64-bit target, little-endian.
            let compact = targetBytes.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            guard compact > 0 else { throw bad }
            difficulty = 4_294_967_295.0 / Double(compact)
        case 8:
            let full = targetBytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            guard full > 0 else { throw bad }
            difficulty = 18_446_744_073_709_551_616.0 / Double(full)
        default:
            throw bad
        }
        target = ShareTarget(expectedHashesPerShare: difficulty)
        var seed: [UInt8]?
        if let seedHex = json["seed_hash"]?.stringValue {
            guard let bytes = HexCoding.bytes(seedHex), bytes.count == 32 else { throw bad }
            seed = bytes
        }
        var next: [UInt8]?
        if let nextHex = json["next_seed_hash"], !nextHex.isNull {
            guard let text = nextHex.stringValue, let bytes = HexCoding.bytes(text), bytes.count == 32 else { throw bad }
            next = bytes
        }
        self.nextSeedHash = next
        self.id = id
        self.blob = blob
        self.target = target
        self.difficulty = difficulty
        self.seedHash = seed
        if let height = json["height"], !height.isNull {
            do {
                self.height = try UntrustedNumber.whole(height.numberValue, "job height", in: 0...Int(UInt32.max))
            } catch {
                throw StratumProtocolError.wrongShape("\(error)")
            }
        } else {
            self.height = nil
        }
        if let algo = json["algo"], !algo.isNull {
            // A job for an algorithm rigtop does not compute (rx/wow, cn/r…) must never be hashed
            // as Monero's: every share would be rejected.
            guard let name = algo.stringValue else { throw bad }
            guard let version = RandomXVersion(stratumName: name) else {
                throw StratumProtocolError.wrongShape("job: algorithm \"\(StratumMessage.trimmed(name))\" is not one rigtop mines (rx/0, rx/2)")
            }
            randomXVersion = version
        } else {
            randomXVersion = nil
        }
    }

    /// The blob with `nonce` in place.
    public func input(nonce: UInt32) -> [UInt8] {
        var input = blob
        input.replaceSubrange(Self.nonceOffset..<Self.nonceOffset + 4, with: StratumJob.littleEndian(nonce))
        return input
    }

    /// The nonce as `submit` sends it: the 4 blob bytes at offset 39 in hex (little-endian).
    public static func nonceHex(_ nonce: UInt32) -> String { HexCoding.string(StratumJob.littleEndian(nonce)) }
}
