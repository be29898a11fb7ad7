public import RigEngine

/// A work source that records every share it submits, and its outcome, in the ledger.
///
/// Wraps the real source (pool or benchmark) in ``MiningEngine/Configuration/workSource``. It runs
/// in the engine's share task, after the pool answered, never on a hash thread.
public struct RecordingWorkSource: WorkSource {
    public let inner: any WorkSource
    public let coin: Coin
    public let settings: EarningsSettings
    public let writer: LedgerWriter
    /// The current share target's difficulty (Bitcoin convention), read from the engine's stats.
    public let shareDifficulty: @Sendable () async -> Double?
    /// Unix seconds now.
    public let now: @Sendable () -> Double
    /// The coin's figures at the moment (a market refresh's quotes over ``coin``).
    public let market: @Sendable (Coin) -> Coin

    public init(inner: any WorkSource, coin: Coin, settings: EarningsSettings, writer: LedgerWriter,
                shareDifficulty: @escaping @Sendable () async -> Double?,
                now: @escaping @Sendable () -> Double, market: @escaping @Sendable (Coin) -> Coin = { $0 }) {
        self.inner = inner
        self.coin = coin
        self.settings = settings
        self.writer = writer
        self.shareDifficulty = shareDifficulty
        self.now = now
        self.market = market
    }

    public var label: String { inner.label }

    public var judgesShares: Bool { inner.judgesShares }

    public var submitWindow: Int { inner.submitWindow }

    public func run(into sink: WorkSink) async { await inner.run(into: sink) }

    public func submit(_ share: FoundShare) async -> ShareOutcome? {
        let difficulty = await shareDifficulty() ?? share.hashDifficulty
        var block: SoloBlock?
        let outcome: ShareOutcome?
        if let solo = inner as? any BlockWorkSource {
            (outcome, block) = await solo.submitBlock(share)
        } else {
            outcome = await inner.submit(share)
        }
        // No suspension from here to the append: a share the pool judged is always queued.
        let coin = market(self.coin)
        let time = now()
        if let block { writer.append(.block(BlockRecord(block, time: time, coin: coin.symbol, node: inner.label))) }
        let estimate = settings.estimate(hashrate: 0, coin: coin, watts: 0, shareDifficulty: difficulty)
        let result = switch outcome {
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .stale: "stale"
        case .dropped: "dropped"
        case nil: "found"
        }
        writer.append(.share(ShareRecord(
            time: time, coin: coin.symbol, pool: inner.label, job: share.jobID, difficulty: difficulty, result: result,
            expectedCoins: estimate.coinsPerShare ?? 0, price: estimate.price,
            currency: settings.currency)))
        // A hash of difficulty D is D × 2^32 expected hashes' worth; it meets the network target when
        // that reaches the coin's hashes per block.
        let hashWorth = DifficultyConvention.bitcoin.hashes(forDifficulty: share.hashDifficulty)
        if coin.networkDifficulty > 0, hashWorth >= coin.convention.hashes(forDifficulty: coin.networkDifficulty) {
            writer.append(.blockCandidate(BlockCandidateRecord(
                time: time, coin: coin.symbol, pool: inner.label, job: share.jobID,
                hashDifficulty: share.hashDifficulty, networkDifficulty: coin.networkDifficulty)))
        }
        return outcome
    }
}
