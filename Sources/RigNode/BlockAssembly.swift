import RigEngine
import RigPools

/// A template made into blocks: one coinbase per worker and roll, the merkle root it gives, the
/// 80-byte header the workers hash, and the block `submitblock` takes.
///
/// The coinbase (BIP 34): scriptSig = height (`OP_1`…`OP_16` for small heights, else a push of the
/// number) ‖ a push of 12 extranonce bytes (4 bytes chosen per assembly, so two templates or two
/// rigs never share a coinbase, then the worker and the roll, little-endian); one output paying
/// ``BlockTemplate/coinbaseValue`` to the payout script, then the template's witness commitment,
/// with the coinbase witness (one 32-byte zero reserved value) that BIP 141 asks for beside it.
/// The template's transactions follow in order; on Litecoin after MWEB activation the block ends
/// with `01` and the template's MWEB data, the HogEx transaction being the template's last.
public struct BlockAssembly: Sendable {
    public let template: BlockTemplate
    public let payoutScript: [UInt8]
    /// The per-assembly extranonce prefix.
    public let tag: [UInt8]
    /// The merkle branch of the coinbase (position 0): the sibling hash at each level.
    let branch: [[UInt8]]
    /// The coinbase before the worker and roll bytes (version … tag) and after them (sequence … lock time).
    private let coinbaseHead: [UInt8]
    private let coinbaseTail: [UInt8]

    public init(template: BlockTemplate, payoutScript: [UInt8], tag: [UInt8]) {
        precondition(tag.count == 4, "the extranonce tag is 4 bytes")
        self.template = template
        self.payoutScript = payoutScript
        self.tag = tag
        branch = Self.merkleBranch(template.transactions.map(\.txid))
        let height = TransactionBytes.scriptNumber(template.height)
        let scriptSigLength = height.count + 1 + 12
        var head = TransactionBytes.uint32(1)  // coinbase version
        head += TransactionBytes.compactSize(1)
        head += [UInt8](repeating: 0, count: 32) + TransactionBytes.uint32(0xffff_ffff)  // null prevout
        head += TransactionBytes.compactSize(scriptSigLength)
        head += height + [12] + tag
        var tail = TransactionBytes.uint32(0xffff_ffff)  // sequence
        var outputs: [[UInt8]] = [TransactionBytes.int64(template.coinbaseValue) + TransactionBytes.compactSize(payoutScript.count) + payoutScript]
        if let commitment = template.witnessCommitment {
            outputs.append(TransactionBytes.int64(0) + TransactionBytes.compactSize(commitment.count) + commitment)
        }
        tail += TransactionBytes.compactSize(outputs.count) + outputs.joined()
        coinbaseHead = head
        coinbaseTail = tail
    }

    /// The 8 bytes that make a worker's roll unique: worker then roll, little-endian.
    static func extranonce(worker: Int, roll: UInt32) -> [UInt8] {
        TransactionBytes.uint32(UInt32(truncatingIfNeeded: worker)) + TransactionBytes.uint32(roll)
    }

    /// The coinbase without its witness: what its txid hashes.
    public func coinbase(worker: Int, roll: UInt32) -> [UInt8] {
        coinbaseHead + Self.extranonce(worker: worker, roll: roll) + coinbaseTail + TransactionBytes.uint32(0)
    }

    /// The coinbase as the block carries it: with the marker, flag and reserved witness value
    /// when the template has a witness commitment.
    func blockCoinbase(worker: Int, roll: UInt32) -> [UInt8] {
        guard template.witnessCommitment != nil else { return coinbase(worker: worker, roll: roll) }
        let version = coinbaseHead[0..<4]
        return Array(version) + [0x00, 0x01] + coinbaseHead[4...] + Self.extranonce(worker: worker, roll: roll)
            + coinbaseTail + [0x01, 0x20] + [UInt8](repeating: 0, count: 32) + TransactionBytes.uint32(0)
    }

    public func merkleRoot(worker: Int, roll: UInt32) -> [UInt8] {
        var root = SHA256.doubleHash(coinbase(worker: worker, roll: roll))
        for sibling in branch { root = SHA256.doubleHash(root + sibling) }
        return root
    }

    /// The 80-byte header for a worker's roll, with `nonce` in place.
    public func header(worker: Int, roll: UInt32, nonce: UInt32 = 0) -> [UInt8] {
        var header = TransactionBytes.uint32(template.version)
        header.reserveCapacity(80)
        header += template.previousHash
        header += merkleRoot(worker: worker, roll: roll)
        header += TransactionBytes.uint32(template.time)
        header += TransactionBytes.uint32(template.bits)
        header += TransactionBytes.uint32(nonce)
        return header
    }

    /// The whole block for `header` (one of this assembly's, for the same worker and roll).
    public func block(header: [UInt8], worker: Int, roll: UInt32) -> [UInt8] {
        var block = header
        block += TransactionBytes.compactSize(template.transactions.count + 1)
        block += blockCoinbase(worker: worker, roll: roll)
        for transaction in template.transactions { block += transaction.data }
        if let mweb = template.mweb { block += [0x01] + mweb }
        return block
    }

    /// A header's block hash as nodes write it: SHA-256d, most significant byte first.
    public static func blockHash(_ header: [UInt8]) -> String {
        HexCoding.string(SHA256.doubleHash(header).reversed())
    }

    /// The siblings on the path from position 0 to the root, with Bitcoin's duplication of an odd
    /// level's last hash.
    static func merkleBranch(_ txids: [[UInt8]]) -> [[UInt8]] {
        var branch: [[UInt8]] = []
        var level = txids  // the level without its position-0 entry
        while let sibling = level.first {
            branch.append(sibling)
            var rest = Array(level.dropFirst())
            if let last = rest.last, rest.count % 2 == 1 { rest.append(last) }
            level = stride(from: 0, to: rest.count, by: 2).map { SHA256.doubleHash(rest[$0] + rest[$0 + 1]) }
        }
        return branch
    }
}
