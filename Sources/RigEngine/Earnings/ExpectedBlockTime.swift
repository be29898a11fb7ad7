extension DifficultyConvention {
    /// The expected seconds to find a block at `difficulty` (the network's, in this convention)
    /// at `hashrate` H/s: what a solo miner waits on average. Nil without a rate or a difficulty.
    public func expectedSecondsToBlock(difficulty: Double, hashrate: Double?) -> Double? {
        guard let hashrate, hashrate > 0, hashrate.isFinite, difficulty > 0, difficulty.isFinite else { return nil }
        return hashes(forDifficulty: difficulty) / hashrate
    }
}
