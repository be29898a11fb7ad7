/// One unit of work: what to hash, against which target, from which source.
///
/// A job does not hold one header but a recipe for one: each worker thread gets its own input
/// (its own extranonce2 in Stratum, its own random merkle root in benchmark work), and asks for a
/// fresh one (`roll` + 1) when it exhausts the nonces of the last, so threads never search the
/// same space.
///
/// Where the input cannot differ per worker (Monero's blob has no extranonce), ``nonceRange``
/// splits the 32-bit nonce space instead: each worker searches only its own slice of it.
public struct MiningJob: Sendable, Identifiable {
    /// The source's job id (Stratum `job_id`), shown in the dashboard and sent back with shares.
    public var id: String
    public var algorithm: HashAlgorithm
    /// The share target: a hash at or below it is a share.
    public var target: ShareTarget
    /// The hashing input for a worker and a roll count, with any nonce in it.
    public var makeInput: @Sendable (_ worker: Int, _ roll: UInt32) -> [UInt8]
    /// RandomX's seed hash; nil for other algorithms.
    public var seedHash: [UInt8]?
    /// RandomX: the seed hash the pool says comes next (`next_seed_hash`), built in the background.
    public var nextSeedHash: [UInt8]? = nil
    /// The nonces a worker searches in each of its inputs; all 2^32 unless the source splits them.
    public var nonceRange: @Sendable (_ worker: Int) -> NonceRange
    /// Whether a worker that has searched its nonces gets a fresh input (`roll` + 1). False where
    /// the input cannot change (a Monero blob, a Stratum extranonce2 too short to roll): the worker
    /// then waits for the next job rather than hash the same nonces again and count them twice.
    public var rolls: Bool
    /// Which of the engine's work sources posted the job (the engine stamps it), so that a share
    /// found after a coin switch goes nowhere but the stale count.
    public internal(set) var origin: UInt64 = 0
    /// The source's own mark for this posting (a job posted again under a new difficulty gets a
    /// new one), carried by every share found for it: the source finds the posting a share
    /// belongs to without rebuilding a header for each.
    public var tag: UInt64

    public init(
        id: String, algorithm: HashAlgorithm, target: ShareTarget, seedHash: [UInt8]? = nil,
        nonceRange: @escaping @Sendable (_ worker: Int) -> NonceRange = { _ in .all }, rolls: Bool = true,
        tag: UInt64 = 0, makeInput: @escaping @Sendable (_ worker: Int, _ roll: UInt32) -> [UInt8]
    ) {
        self.rolls = rolls
        self.tag = tag
        self.id = id
        self.algorithm = algorithm
        self.target = target
        self.seedHash = seedHash
        self.nonceRange = nonceRange
        self.makeInput = makeInput
    }
}

/// A contiguous run of 32-bit nonces: the part of one input a worker searches before it rolls.
///
/// A worker starts at ``first`` and asks for its next input (`roll` + 1) after ``count`` nonces.
/// Searchers hash whole batches, so a range whose count is not a multiple of the batch (batches
/// are powers of two) is overrun by less than a batch.
public struct NonceRange: Sendable, Equatable {
    public var first: UInt32
    /// How many nonces, 1…2^32.
    public var count: UInt64

    public init(first: UInt32, count: UInt64) {
        precondition(count >= 1 && count <= 1 << 32, "a nonce range holds 1…2^32 nonces")
        self.first = first
        self.count = count
    }

    /// Every nonce, from 0: the default, for sources whose inputs differ per worker.
    public static let all = NonceRange(first: 0, count: 1 << 32)

    /// Worker `worker`'s slice when the nonce's top `bits` bits hold the worker index (modulo
    /// 2^bits: with more workers than slices, workers share one).
    ///
    /// ```swift
    /// NonceRange.slice(worker: 3, bits: 8)  // first 0x0300_0000, count 2^24
    /// ```
    public static func slice(worker: Int, bits: Int) -> NonceRange {
        precondition(bits >= 0 && bits < 32, "a slice keeps at least one nonce bit for searching")
        let slices = 1 << bits
        let low = 32 - bits
        return NonceRange(first: UInt32(truncatingIfNeeded: (worker % slices) << low), count: 1 << UInt64(low))
    }
}

/// A share a worker found and re-verified with the portable reference hash.
public struct FoundShare: Sendable {
    public var jobID: String
    public var algorithm: HashAlgorithm
    public var worker: Int
    public var roll: UInt32
    public var nonce: UInt32
    /// The full hashing input, nonce included.
    public var input: [UInt8]
    /// The reference digest, in the order the algorithm produces it: the value judged against the
    /// target (under RandomX v2 the commitment of the hash).
    public var digest: [UInt8]
    /// RandomX v2: the hash ``digest`` is the commitment of, which the pool's `submit` carries as
    /// `commitment`; nil for every other algorithm.
    public var randomXHash: [UInt8]? = nil
    /// The difficulty this hash would satisfy (Bitcoin convention: difficulty-1 target ÷ hash).
    public var hashDifficulty: Double
    /// The ``MiningJob/origin`` of the job it was found for.
    public var origin: UInt64 = 0
    /// The ``MiningJob/tag`` of the job it was found for.
    public var jobTag: UInt64 = 0
}
