import RigEngine
import RigInput
/// A `mining.notify` job: the parts of a block header template, and how to build headers from them
/// exactly as pools verify them.
///
/// Conventions (cpuminer's and every pool's):
/// - `version`, `nbits`, `ntime` arrive as 8 hex digits of the number, most significant first,
///   and go into the header little-endian.
/// - `prevhash` arrives as 8 32-bit words, each byte-swapped relative to the header: the header's
///   bytes are every 4-byte group of the hex reversed.
/// - coinbase = coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2; merkle root = SHA256d(coinbase) folded
///   with each branch as SHA256d(root ‖ branch); it goes into the header as hashed.
/// - the nonce sits little-endian at bytes 76..<80; `mining.submit` sends it, and ntime, as 8 hex
///   digits of the number.
public struct StratumJob: Sendable, Equatable {
    public var id: String
    /// The previous block hash in header byte order.
    public var previousHash: [UInt8]
    public var coinbase1: [UInt8]
    public var coinbase2: [UInt8]
    public var merkleBranches: [[UInt8]]
    public var version: UInt32
    public var bits: UInt32
    public var time: UInt32
    /// Whether earlier jobs are void: shares for them will be refused (code 21).
    public var cleanJobs: Bool

    public init(id: String, previousHash: [UInt8], coinbase1: [UInt8], coinbase2: [UInt8],
                merkleBranches: [[UInt8]], version: UInt32, bits: UInt32, time: UInt32, cleanJobs: Bool) {
        self.id = id
        self.previousHash = previousHash
        self.coinbase1 = coinbase1
        self.coinbase2 = coinbase2
        self.merkleBranches = merkleBranches
        self.version = version
        self.bits = bits
        self.time = time
        self.cleanJobs = cleanJobs
    }

    /// A job id rigtop shows, logs and sends back: 1…128 printable characters. Pools use short
    /// hex or decimal ids; anything else (control characters, megabytes) is a malformed job.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && OutsideText.isClean(id)
    }

    /// Parses `mining.notify` params: [job_id, prevhash, coinb1, coinb2, [branches], version,
    /// nbits, ntime, clean_jobs].
    public init(notifyParams params: JSONValue) throws(StratumProtocolError) {
        let bad = StratumProtocolError.wrongShape("mining.notify params: " + StratumMessage.trimmed(params.serialized))
        guard let values = params.arrayValue, values.count >= 9,
              let id = values[0].stringValue, StratumJob.isValidID(id),
              let prevHex = values[1].stringValue, let prev = HexCoding.bytes(prevHex), prev.count == 32,
              let coinb1Hex = values[2].stringValue, let coinb1 = HexCoding.bytes(coinb1Hex),
              let coinb2Hex = values[3].stringValue, let coinb2 = HexCoding.bytes(coinb2Hex),
              let branchValues = values[4].arrayValue,
              let versionHex = values[5].stringValue, let version = HexCoding.uint32(versionHex),
              let bitsHex = values[6].stringValue, let bits = HexCoding.uint32(bitsHex),
              let timeHex = values[7].stringValue, let time = HexCoding.uint32(timeHex)
        else { throw bad }
        var branches: [[UInt8]] = []
        for value in branchValues {
            guard let hex = value.stringValue, let branch = HexCoding.bytes(hex), branch.count == 32 else { throw bad }
            branches.append(branch)
        }
        let clean = values[8].boolValue ?? (values[8].numberValue.map { $0 != 0 } ?? false)
        self.init(id: id, previousHash: Self.headerOrder(stratumPreviousHash: prev), coinbase1: coinb1,
                  coinbase2: coinb2, merkleBranches: branches, version: version, bits: bits, time: time,
                  cleanJobs: clean)
    }

    /// Reverses each 4-byte word: Stratum's prevhash to header order, and back.
    public static func headerOrder(stratumPreviousHash bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for word in stride(from: 0, to: out.count, by: 4) {
            out[word..<word + 4].reverse()
        }
        return out
    }

    public func coinbase(extranonce1: [UInt8], extranonce2: [UInt8]) -> [UInt8] {
        coinbase1 + extranonce1 + extranonce2 + coinbase2
    }

    public func merkleRoot(coinbase: [UInt8]) -> [UInt8] {
        merkleRoot(coinbaseHash: SHA256.doubleHash(coinbase))
    }

    /// The root from the coinbase transaction's hash (internal byte order) up the branches.
    public func merkleRoot(coinbaseHash: [UInt8]) -> [UInt8] {
        var root = coinbaseHash
        for branch in merkleBranches { root = SHA256.doubleHash(root + branch) }
        return root
    }

    /// The 80-byte header for one extranonce2, with `nonce` in place.
    public func header(extranonce1: [UInt8], extranonce2: [UInt8], nonce: UInt32 = 0) -> [UInt8] {
        var header = [UInt8]()
        header.reserveCapacity(80)
        header += Self.littleEndian(version)
        header += previousHash
        header += merkleRoot(coinbase: coinbase(extranonce1: extranonce1, extranonce2: extranonce2))
        header += Self.littleEndian(time)
        header += Self.littleEndian(bits)
        header += Self.littleEndian(nonce)
        return header
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
}

/// The extranonce a pool gave this connection (subscribe reply or `mining.set_extranonce`), and
/// how worker threads split the extranonce2 space.
public struct StratumExtranonce: Sendable, Equatable {
    public var extranonce1: [UInt8]
    /// Bytes of extranonce2 the miner chooses.
    public var extranonce2Size: Int

    public init(extranonce1: [UInt8], extranonce2Size: Int) {
        self.extranonce1 = extranonce1
        self.extranonce2Size = extranonce2Size
    }

    /// Worker threads get the low 8 bits of extranonce2 and rolls the bits above, so threads never
    /// search the same space: extranonce2 = roll << 8 | worker, little-endian, cut to the pool's
    /// size. With fewer than 2 bytes the roll does not fit; a thread that exhausts its 2^32 nonces
    /// would repeat itself, and the local duplicate check keeps such shares from being sent.
    public func extranonce2(worker: Int, roll: UInt32) -> [UInt8] {
        let value = UInt64(roll) << 8 | UInt64(worker & 0xff)
        return (0..<extranonce2Size).map { index in
            index < 8 ? UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) : 0
        }
    }
}
