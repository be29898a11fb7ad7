/// A work source whose shares are blocks (solo mining against a node): for each share it says
/// which block it made, so the ledger can keep the height, the hash and the reward.
///
/// Implementation requirements: ``submitBlock(_:)`` does what ``WorkSource/submit(_:)`` does (the
/// engine calls one or the other for a share, never both) and also returns the block, or nil where
/// the share made none (stale, or failed local verification).
public protocol BlockWorkSource: WorkSource {
    func submitBlock(_ share: FoundShare) async -> (outcome: ShareOutcome?, block: SoloBlock?)
}

extension BlockWorkSource {
    /// One block at a time: each is submitted and then confirmed on the node's chain at its
    /// height, which a second block for the same height sent meanwhile would confuse.
    public var submitWindow: Int { 1 }
}

/// A block a solo work source submitted, and the node's verdict on it.
public struct SoloBlock: Sendable, Equatable {
    public var height: Int
    /// The block hash as the node writes it (hex, most significant byte first).
    public var hash: String
    /// What the block pays to the payout, in whole coins (subsidy and fees).
    public var reward: Double
    public var outcome: BlockOutcome

    public init(height: Int, hash: String, reward: Double, outcome: BlockOutcome) {
        self.height = height
        self.hash = hash
        self.reward = reward
        self.outcome = outcome
    }
}
