public import RigEngine

/// A miner rigtop watches but does not run (`rigtop --miner URL`), as the dashboard shows it: which
/// miner, how the last read went, and what its API lets rigtop do to it.
///
/// Built by ``MinerWatch`` from each read of the miner's API; nil in ``RigState/miner`` while
/// rigtop runs its own engine.
public struct WatchedMinerStatus: Sendable, Equatable {
    /// Where the miner stands, by its last read.
    public enum Phase: String, Sendable {
        /// Not read yet.
        case reading
        /// Answering, with a rate above zero (or none reported yet).
        case mining
        /// Paused by its API (xmrig's `paused`).
        case paused
        /// Answering, not paused, and reporting 0 H/s.
        case hashingZero = "hashing 0"
        /// Answering, with no pool up.
        case poolDown = "pool down"
        /// Its API did not answer, or not in its format.
        case down
    }

    /// The miner's URL without its token (`xmrig://127.0.0.1:8080`).
    public var url: String
    /// The software and version its API reports ("xmrig 6.26.0").
    public var software: String?
    /// The algorithm as the miner names it ("rx/0", "scrypt").
    public var algorithm: String?
    public var phase: Phase = .reading
    /// What the reader said when the last read failed; nil while reads succeed.
    public var error: String?
    /// Monotonic seconds (the engine clock) of the last read that succeeded; nil before one.
    public var lastRead: Double?
    /// Monotonic seconds since when reads have failed; nil while they succeed.
    public var downSince: Double?
    /// Why pause and resume cannot work on this miner (its API has none); nil where they can.
    public var pauseRefusal: String?
    /// One line for the header while the miner is not simply mining: down with the reader's error
    /// and when it was last read, hashing 0, pool down. nil while all is well, paused or starting
    /// (the engine state says those).
    public var statement: String?

    public init(url: String, pauseRefusal: String? = nil) {
        self.url = url
        self.pauseRefusal = pauseRefusal
    }

    /// Why `command` does nothing on this miner, as a status line; nil for the commands its API
    /// carries out (pause and resume on xmrig).
    public func refusal(of command: EngineCommand) -> String? {
        switch command {
        case .pause, .resume, .togglePause:
            pauseRefusal.map { "pause: \($0) (\(url))" }
        case .switchCoin:
            "coin: rigtop only watches \(url); its coin and pool are set in the miner"
        case .addThread, .removeThread, .setThreads:
            "threads: rigtop only watches \(url); its threads are set in the miner"
        case .stopTooHot:
            "rigtop only watches \(url) and cannot stop it"
        }
    }
}
