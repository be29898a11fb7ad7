import RigEngine
import RigPools
import RigInput

/// monerod's `get_block_template` result, decoded from untrusted JSON.
public struct MoneroBlockTemplate: Sendable, Equatable {
    /// The whole block, as `submit_block` takes it; the nonce sits at ``nonceOffset``.
    public var blob: [UInt8]
    /// What RandomX hashes; the nonce sits at ``MoneroJob/nonceOffset`` (39) in it too.
    public var hashingBlob: [UInt8]
    public var difficulty: Double
    public var height: Int
    public var previousHash: String
    public var seedHash: [UInt8]
    /// The seed after the next seed-height boundary (`next_seed_hash`, monerod sends it in the
    /// blocks before the change); nil when it is empty or absent.
    public var nextSeedHash: [UInt8]?
    public var reward: Double

    /// Difficulties monerod can state in `difficulty` (its 64-bit low part).
    static let difficultyRange: ClosedRange<Double> = 1...0x1p64

    public init(json: JSONValue) throws(NodeRPCError) {
        guard let object = json.objectValue else { throw .badReply("get_block_template result is not an object") }
        func hex(_ name: String) throws(NodeRPCError) -> [UInt8] {
            guard let text = object[name]?.stringValue, let bytes = HexCoding.bytes(text) else {
                throw .badReply("get_block_template \(name) is not hex")
            }
            return bytes
        }
        blob = try hex("blocktemplate_blob")
        hashingBlob = try hex("blockhashing_blob")
        seedHash = try hex("seed_hash")
        guard seedHash.count == 32 else { throw .badReply("get_block_template seed_hash is not 32 bytes") }
        if let text = object["next_seed_hash"]?.stringValue, !text.isEmpty {
            guard let bytes = HexCoding.bytes(text), bytes.count == 32 else {
                throw .badReply("get_block_template next_seed_hash is not 32 bytes of hex")
            }
            nextSeedHash = bytes
        } else {
            nextSeedHash = nil
        }
        guard let previous = object["prev_hash"]?.stringValue, HexCoding.bytes(previous)?.count == 32 else {
            throw .badReply("get_block_template prev_hash is not 32 bytes of hex")
        }
        previousHash = previous
        do {
            difficulty = try UntrustedNumber.finite(object["difficulty"]?.numberValue, "get_block_template difficulty",
                                                    in: Self.difficultyRange)
            height = try UntrustedNumber.whole(object["height"]?.numberValue, "get_block_template height", in: 0...Int(Int32.max))
            reward = try UntrustedNumber.finite(object["expected_reward"]?.numberValue ?? 0, "expected_reward", in: 0...1e20)
        } catch {
            throw .badReply("\(error)")
        }
        if let top = object["difficulty_top64"]?.numberValue, top != 0 {
            throw .badReply("get_block_template difficulty is above 2^64")
        }
        guard Self.nonceOffset(hashingBlob) == MoneroJob.nonceOffset, Self.nonceOffset(blob) == MoneroJob.nonceOffset,
              blob.count >= MoneroJob.nonceOffset + 4, hashingBlob.count >= MoneroJob.nonceOffset + 4 else {
            throw .badReply("get_block_template blobs do not have their nonce at byte \(MoneroJob.nonceOffset)")
        }
    }

    /// The share (here: block) target: a RandomX hash meets it when hash × difficulty < 2^256.
    public var target: ShareTarget { ShareTarget(expectedHashesPerShare: difficulty) }

    /// Where a block header's nonce sits: after major and minor version and timestamp (varints)
    /// and the 32-byte previous id; nil for a blob too short to say.
    static func nonceOffset(_ blob: [UInt8]) -> Int? {
        var index = 0
        for _ in 0..<3 {
            var length = 0
            while index < blob.count, blob[index] & 0x80 != 0, length < 10 {
                index += 1
                length += 1
            }
            guard index < blob.count else { return nil }
            index += 1
        }
        return index + 32
    }

    /// `bytes` with `nonce` little-endian at the nonce offset.
    static func with(nonce: UInt32, in bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        out.replaceSubrange(MoneroJob.nonceOffset..<MoneroJob.nonceOffset + 4, with: TransactionBytes.uint32(nonce))
        return out
    }
}
