import RigEngine
import RigPools
import RigInput

/// A getblocktemplate result (BIP 22/23, with segwit's and Litecoin MWEB's additions), decoded
/// from untrusted JSON into exactly what a block needs.
public struct BlockTemplate: Sendable, Equatable {
    /// One template transaction: its serialization as the block carries it and its txid.
    public struct Transaction: Sendable, Equatable {
        public var data: [UInt8]
        /// The txid in internal byte order (the RPC's hex reversed): what the merkle tree hashes.
        public var txid: [UInt8]
    }

    public var version: UInt32
    /// The previous block hash in header (internal) byte order.
    public var previousHash: [UInt8]
    /// As the RPC writes it, for comparing with `getbestblockhash`.
    public var previousHashHex: String
    public var transactions: [Transaction]
    /// Satoshis (or litoshis) the coinbase may pay: subsidy plus fees.
    public var coinbaseValue: Int64
    public var bits: UInt32
    public var time: UInt32
    public var height: Int
    public var target: ShareTarget
    /// The scriptPubKey of the witness commitment output, when the node wants one.
    public var witnessCommitment: [UInt8]?
    /// Litecoin's serialized MWEB block, once MWEB is active; it follows the transactions.
    public var mweb: [UInt8]?
    /// For the next long poll; nil when the node offers none.
    public var longPollID: String?

    /// Transactions at most (a 4 MB block of the smallest transactions holds ≈ 60 000).
    static let maximumTransactions = 100_000

    public init(json: JSONValue) throws(NodeRPCError) {
        guard let object = json.objectValue else { throw .badReply("getblocktemplate result is not an object") }
        func field<T: FixedWidthInteger>(_ name: String, in range: ClosedRange<T>) throws(NodeRPCError) -> T {
            do { return try UntrustedNumber.whole(object[name]?.numberValue, "getblocktemplate \(name)", in: range) } catch {
                throw .badReply("\(error)")
            }
        }
        func hex(_ name: String, bytes count: Int? = nil) throws(NodeRPCError) -> [UInt8] {
            guard let text = object[name]?.stringValue, let bytes = HexCoding.bytes(text), count.map({ bytes.count == $0 }) ?? true else {
                throw .badReply("getblocktemplate \(name) is not \(count.map { "\($0) bytes of " } ?? "")hex")
            }
            return bytes
        }
        // Versions are signed in Bitcoin Core (-1 is a valid int32); the header carries the bits.
        let signedVersion: Int64 = try field("version", in: Int64(Int32.min)...Int64(UInt32.max))
        version = UInt32(truncatingIfNeeded: signedVersion)
        let previous = try hex("previousblockhash", bytes: 32)
        previousHash = previous.reversed()
        previousHashHex = HexCoding.string(previous)
        coinbaseValue = try field("coinbasevalue", in: 0...Int64(1) << 53)
        guard let bitsText = object["bits"]?.stringValue, let bits = HexCoding.uint32(bitsText) else {
            throw .badReply("getblocktemplate bits is not 8 hex digits")
        }
        self.bits = bits
        time = try field("curtime", in: 0...UInt32.max)
        height = try field("height", in: 0...Int(Int32.max))
        if object["target"] != nil {
            target = ShareTarget(bigEndian: try hex("target", bytes: 32))
        } else {
            target = ShareTarget(compact: bits)
        }
        guard let list = object["transactions"]?.arrayValue, list.count <= Self.maximumTransactions else {
            throw .badReply("getblocktemplate transactions is not a list (of at most \(Self.maximumTransactions))")
        }
        var transactions: [Transaction] = []
        transactions.reserveCapacity(list.count)
        for (index, entry) in list.enumerated() {
            guard let dataText = entry["data"]?.stringValue, let data = HexCoding.bytes(dataText), !data.isEmpty,
                  let txidText = entry["txid"]?.stringValue, let txid = HexCoding.bytes(txidText), txid.count == 32
            else { throw .badReply("getblocktemplate transaction \(index) has no data or txid") }
            transactions.append(Transaction(data: data, txid: txid.reversed()))
        }
        self.transactions = transactions
        witnessCommitment = object["default_witness_commitment"] == nil ? nil : try hex("default_witness_commitment")
        if let mweb = object["mweb"], !mweb.isNull {
            guard let text = mweb.stringValue, let bytes = HexCoding.bytes(text), !bytes.isEmpty else {
                throw .badReply("getblocktemplate mweb is not hex")
            }
            self.mweb = bytes
        } else {
            self.mweb = nil
        }
        longPollID = object["longpollid"]?.stringValue
    }
}

extension ShareTarget {
    /// A target written as 32 bytes, most significant first (getblocktemplate's `target`).
    init(bigEndian bytes: [UInt8]) {
        let little = Array(bytes.reversed())
        self.init(words: (0..<8).map { TransactionBytes.word(little, $0) })
    }

    /// The target a header's compact `nBits` encodes: mantissa × 256^(exponent − 3); a negative
    /// or overflowing encoding gives the zero target (no hash meets it).
    init(compact bits: UInt32) {
        let exponent = Int(bits >> 24)
        let mantissa = bits & 0x007f_ffff
        var little = [UInt8](repeating: 0, count: 32)
        if bits & 0x0080_0000 == 0 {
            for index in 0..<3 {
                let position = exponent - 3 + index
                let byte = UInt8(truncatingIfNeeded: mantissa >> (8 * UInt32(index)))
                if position >= 0, position < 32 {
                    little[position] = byte
                } else if position >= 32, byte != 0 {
                    little = [UInt8](repeating: 0, count: 32)
                    break
                }
            }
        }
        self.init(words: (0..<8).map { TransactionBytes.word(little, $0) })
    }
}
