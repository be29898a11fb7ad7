/// Blocks a solo work source found and what the node made of them, since the engine started.
///
/// Pools count shares; a node judges blocks. A solo miner's first question is "did I find a
/// block?", so the snapshot carries these beside ``ShareCounts`` for every front end to read.
public struct BlockCounts: Sendable, Equatable, Codable {
    /// Blocks submitted to a node (every verified solution of a current template).
    public var found: UInt64 = 0
    /// Blocks the node took and has on its chain.
    public var accepted: UInt64 = 0
    /// Blocks the node refused, with a reason (`high-hash`, `bad-txnmrklroot`, …).
    public var rejected: UInt64 = 0
    /// The hardest share hash so far (Bitcoin-convention difficulty): what a solo miner watches
    /// approach the network difficulty, as xmrig shows it. Zero before the first share.
    public var bestShareDifficulty: Double = 0

    public init() {}

    /// Notes a verified share's own difficulty.
    public mutating func note(shareDifficulty difficulty: Double) {
        if difficulty.isFinite, difficulty > bestShareDifficulty { bestShareDifficulty = difficulty }
    }

    /// Counts one block's outcome.
    public mutating func record(_ outcome: BlockOutcome) {
        found += 1
        switch outcome {
        case .accepted: accepted += 1
        case .rejected: rejected += 1
        case .undecided: break
        }
    }
}

/// What a node made of a block rigtop submitted.
public enum BlockOutcome: Sendable, Equatable {
    /// Taken, and confirmed on the node's chain.
    case accepted
    /// Refused; the reason as the node named it.
    case rejected(reason: String)
    /// Neither taken onto the chain nor refused: the node already had it (`duplicate`), kept it off
    /// its best chain (`inconclusive`, a race with another block at the same height), or never
    /// got it (the connection failed).
    case undecided(reason: String)
}
