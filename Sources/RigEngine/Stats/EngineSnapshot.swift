public import RigFigures

/// Everything the dashboard, the headless log and the API know about the engine at one moment.
///
/// A value: taking one never blocks the engine, and holding one never holds the engine's state.
public struct EngineSnapshot: Sendable {
    /// What the workers are doing.
    public enum State: String, Sendable, Codable {
        case starting, mining, paused, waitingForWork = "waiting for work", stopped, tooHot = "stopped: too hot"
    }

    /// Monotonic seconds when the snapshot was taken.
    public var time: Double = 0
    public var uptime: Double = 0
    public var state: State = .starting
    public var coin: Coin? = nil
    public var algorithm: HashAlgorithm = .sha256d
    public var kernel: HashKernel? = nil
    public var jobID: String? = nil
    /// Where work comes from ("benchmark", a pool URL).
    public var workSource: String = "benchmark"
    /// The share target of the current job, as a difficulty.
    public var shareDifficulty: Double? = nil
    /// Something the user should know about the engine right now (a missing library, a safety stop).
    public var notice: String? = nil
    /// RandomX's memory mode in use ("full, large pages", "full", "light"); nil until a dataset is ready.
    public var randomXMode: String? = nil
    /// RandomX dataset initialisation, 0…1, while one is being built; nil otherwise. While it is
    /// set the state is ``State/waitingForWork`` and ``notice`` says "initialising dataset NN %".
    public var datasetProgress: Double? = nil
    /// Seconds the hash counters have stood still while hashing was expected (threads with a job,
    /// or a connected pool), once that reaches ``EngineStats/stallSeconds``; nil otherwise.
    public var hashingStalledSeconds: Double? = nil
    /// The pool connection; nil for benchmark work.
    public var pool: PoolStatus? = nil

    public var hashrate = WindowedRate()
    public var totalHashes: UInt64 = 0
    public var threads: [ThreadSnapshot] = []
    /// Total H/s per second, oldest first, ≥15 minutes.
    public var history = RateHistory(capacity: 960)

    public var shares = ShareCounts()
    /// Blocks found by solo work and the node's verdicts; all zero for pool and benchmark work.
    public var blocks = BlockCounts()

    /// Whether every thread that asked for a core got it.
    public var allThreadsPinned: Bool { threads.allSatisfy { $0.core == nil || $0.pinned } }

    public init() {}
}

/// Share outcomes since the engine started.
public struct ShareCounts: Sendable, Equatable, Codable {
    /// Found by the workers and verified locally.
    public var found: UInt64 = 0
    public var accepted: UInt64 = 0
    public var rejected: UInt64 = 0
    /// Found for a job that was no longer current; not sent.
    public var stale: UInt64 = 0
    /// Found but never judged by a pool, by reason ("duplicate", "submit queue full", "no reply
    /// before stop", …): with a pool, every share found is accepted, rejected, stale or dropped.
    public var droppedReasons: [String: UInt64] = [:]
    /// Kernel results that failed re-verification.
    public var hardwareErrors: UInt64 = 0

    /// Shares dropped for any reason.
    public var dropped: UInt64 { droppedReasons.values.reduce(0, &+) }

    /// Shares a pool judged or rigtop set aside: equals ``found`` once a pool source has stopped.
    public var settled: UInt64 { accepted &+ rejected &+ stale &+ dropped }

    public init() {}
}

/// One worker thread in a snapshot.
public struct ThreadSnapshot: Sendable, Identifiable {
    public init(index: Int, core: Int?, pinned: Bool, idle: Bool, hashes: UInt64, shares: UInt64 = 0,
                hashrate: WindowedRate, history: RateHistory) {
        self.index = index
        self.core = core
        self.pinned = pinned
        self.idle = idle
        self.hashes = hashes
        self.shares = shares
        self.hashrate = hashrate
        self.history = history
    }

    public var index: Int
    public var core: Int?
    public var pinned: Bool
    public var idle: Bool
    public var hashes: UInt64
    /// Verified shares this thread found.
    public var shares: UInt64 = 0
    public var hashrate: WindowedRate
    /// H/s per second, oldest first (the last two minutes).
    public var history: RateHistory

    public var id: Int { index }
}

extension EngineSnapshot {
    /// Shows a RandomX dataset build as the state, a notice and a progress fraction.
    mutating func apply(_ randomX: RandomXStatus) {
        randomXMode = randomX.mode
        datasetProgress = randomX.progress
        if let progress = randomX.progress, state == .mining || state == .waitingForWork {
            state = .waitingForWork
            notice = "initialising dataset \(Int(progress * 100)) %"
        } else if let failure = randomX.failure {
            notice = failure
        }
    }
}
