/// One unit of work: what to hash, against which target, from which source.
///
/// A job does not hold one header but a recipe for one: each worker thread gets its own input
/// (its own extranonce2 in Stratum, its own random merkle root in benchmark work), and asks for a
/// fresh one (`roll` + 1) when it exhausts the 2^32 nonces of the last, so threads never search the
/// same space.
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

    public init(
        id: String, algorithm: HashAlgorithm, target: ShareTarget, seedHash: [UInt8]? = nil,
        makeInput: @escaping @Sendable (_ worker: Int, _ roll: UInt32) -> [UInt8]
    ) {
        self.id = id
        self.algorithm = algorithm
        self.target = target
        self.seedHash = seedHash
        self.makeInput = makeInput
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
    /// The reference digest, in the order the algorithm produces it.
    public var digest: [UInt8]
    /// The difficulty this hash would satisfy (Bitcoin convention: difficulty-1 target ÷ hash).
    public var hashDifficulty: Double
}
