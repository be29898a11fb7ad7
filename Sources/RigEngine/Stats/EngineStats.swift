import RigFigures

/// Turns the workers' counters into rates, histories and snapshots, ≈1 Hz.
///
/// The actor only ever reads counters (relaxed atomic loads); hash threads never wait for it.
/// Work sources report pool outcomes (accepted, rejected, stale) through it, and the engine keeps
/// its context (coin, job, state) current.
public actor EngineStats {
    private let source: any HashCounterSource
    private let clock: any EngineClock
    private let startTime: Double
    private var total = HashrateWindow()
    private var threadWindows: [Int: HashrateWindow] = [:]
    private var threadHistories: [Int: RateHistory] = [:]
    private var lastThreadSample: [Int: (time: Double, hashes: UInt64)] = [:]
    private var lastTotalSample: (time: Double, hashes: UInt64)?
    private var history = RateHistory(capacity: 960)
    private var poolShares = ShareCounts()
    private var sharesClosed = false
    private var settledFromQueue: UInt64 = 0
    private var blocks = BlockCounts()
    private var context = EngineSnapshot()
    private var subscribers: [Int: AsyncStream<EngineSnapshot>.Continuation] = [:]
    private var nextSubscriber = 0
    /// When the hash counters last moved (or hashing was not expected), for the stall watchdog.
    private var lastMovement: (time: Double, hashes: UInt64)?

    /// Seconds without a hash, while hashing is expected, before the snapshot says so.
    public static let stallSeconds = 10.0

    /// The latest published snapshot.
    public private(set) var latest = EngineSnapshot()

    public init(source: any HashCounterSource, clock: any EngineClock = MonotonicEngineClock()) {
        self.source = source
        self.clock = clock
        self.startTime = clock.seconds()
    }

    /// Samples every counter now, publishes and returns the snapshot.
    @discardableResult
    public func sample() -> EngineSnapshot {
        let now = clock.seconds()
        let reading = source.readCounters()
        total.record(hashes: reading.totalHashes, at: now)
        if let last = lastTotalSample, now > last.time {
            history.append(Double(reading.totalHashes &- last.hashes) / (now - last.time))
        }
        lastTotalSample = (now, reading.totalHashes)

        var threads: [ThreadSnapshot] = []
        let live = Set(reading.threads.map(\.index))
        for gone in threadWindows.keys where !live.contains(gone) {
            threadWindows[gone] = nil
            threadHistories[gone] = nil
            lastThreadSample[gone] = nil
        }
        for thread in reading.threads {
            var window = threadWindows[thread.index] ?? HashrateWindow()
            window.record(hashes: thread.hashes, at: now)
            threadWindows[thread.index] = window
            var threadHistory = threadHistories[thread.index] ?? RateHistory(capacity: 120)
            if let last = lastThreadSample[thread.index], now > last.time, thread.hashes >= last.hashes {
                threadHistory.append(Double(thread.hashes - last.hashes) / (now - last.time))
            }
            threadHistories[thread.index] = threadHistory
            lastThreadSample[thread.index] = (now, thread.hashes)
            threads.append(ThreadSnapshot(
                index: thread.index, core: thread.core, pinned: thread.pinned, idle: thread.idle,
                hashes: thread.hashes, shares: thread.shares, hashrate: Self.rates(window), history: threadHistory))
        }

        var snapshot = context
        snapshot.time = now
        snapshot.uptime = now - startTime
        snapshot.hashrate = Self.rates(total)
        snapshot.totalHashes = reading.totalHashes
        snapshot.threads = threads
        snapshot.history = history
        snapshot.shares = poolShares
        snapshot.blocks = blocks
        snapshot.shares.found = reading.shares
        snapshot.shares.hardwareErrors = reading.hardwareErrors
        if snapshot.algorithm.isRandomX, let randomX = reading.randomX {
            snapshot.apply(randomX)
        }
        watchForStall(&snapshot, hashes: reading.totalHashes, at: now)
        latest = snapshot
        for continuation in subscribers.values { continuation.yield(snapshot) }
        return snapshot
    }

    /// A miner that silently does not mine is the worst failure it can have: when threads have a
    /// job (or a pool is connected) and the counters stand still for ``stallSeconds``, the
    /// snapshot says so, for the header and the log.
    private func watchForStall(_ snapshot: inout EngineSnapshot, hashes: UInt64, at now: Double) {
        let poolUp = snapshot.pool.map { $0.connection == .connected || $0.connection == .mining } ?? false
        let expected = !snapshot.threads.isEmpty && snapshot.datasetProgress == nil
            && (snapshot.state == .mining || (snapshot.state == .waitingForWork && poolUp))
        if !expected || lastMovement == nil || hashes != lastMovement?.hashes {
            lastMovement = (now, hashes)
        }
        guard let since = lastMovement?.time, now - since >= Self.stallSeconds else {
            snapshot.hashingStalledSeconds = nil
            return
        }
        let seconds = now - since
        snapshot.hashingStalledSeconds = seconds
        if snapshot.notice == nil {
            snapshot.notice = snapshot.state == .mining
                ? "no hashes for \(Int(seconds.rounded())) s with a job and \(snapshot.threads.count) threads"
                : "pool connected but no job to hash for \(Int(seconds.rounded())) s"
        }
    }

    private static func rates(_ window: HashrateWindow) -> WindowedRate {
        WindowedRate(
            tenSeconds: window.rate(over: 10), sixtySeconds: window.rate(over: 60),
            fifteenMinutes: window.rate(over: 900))
    }

    /// A stream of every snapshot from now on; only the newest is buffered for a slow reader.
    public func snapshots() -> AsyncStream<EngineSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: EngineSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        continuation.yield(latest)
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    /// Samples at `interval` seconds until the task is cancelled.
    public func run(interval: Double = 1) async {
        while !Task.isCancelled {
            sample()
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        }
    }

    /// Applies a change to the engine's context (coin, job, state…), seen from the next snapshot.
    public func updateContext(_ change: @Sendable (inout EngineSnapshot) -> Void) {
        change(&context)
        change(&latest)
    }

    /// Forgets every rate and history: after a switch to another algorithm, rates measured in one
    /// unit (say MH/s of SHA-256d) must not be averaged with another (kH/s of scrypt).
    public func resetRates() {
        total.reset()
        threadWindows = [:]
        threadHistories = [:]
        lastThreadSample = [:]
        lastTotalSample = nil
        history = RateHistory(capacity: history.capacity)
        latest.hashrate = WindowedRate()
        latest.history = history
    }

    /// Records a pool's verdict on a share (or why it never reached one); ignored once
    /// ``closeShareBook(enqueued:dropUnsettled:reason:)`` has closed the books.
    public func recordShareOutcome(_ outcome: ShareOutcome, count: UInt64 = 1) {
        guard !sharesClosed else { return }
        switch outcome {
        case .accepted: poolShares.accepted &+= count
        case .rejected: poolShares.rejected &+= count
        case .stale: poolShares.stale &+= count
        case .dropped(let reason): poolShares.droppedReasons[reason, default: 0] &+= count
        }
    }

    /// Records the outcome of a share that came through the engine's share queue (nil: nobody
    /// judges shares), so that ``closeShareBook(enqueued:dropUnsettled:reason:)`` knows how many
    /// never came back.
    public func settleQueuedShare(_ outcome: ShareOutcome?) {
        guard !sharesClosed else { return }
        settledFromQueue &+= 1
        if let outcome { recordShareOutcome(outcome) }
    }

    /// Ends share bookkeeping at stop. Of the `enqueued` shares the queue took, those not settled
    /// yet (still queued, or awaiting a reply) are counted dropped for `reason` when
    /// `dropUnsettled` (a source that judges shares); a reply arriving later changes nothing.
    public func closeShareBook(enqueued: UInt64, dropUnsettled: Bool, reason: String) {
        guard !sharesClosed else { return }
        if dropUnsettled, enqueued > settledFromQueue {
            recordShareOutcome(.dropped(reason: reason), count: enqueued - settledFromQueue)
        }
        sharesClosed = true
    }

    /// Notes a verified share's own difficulty, for the best share so far.
    public func recordShareFound(difficulty: Double) {
        blocks.note(shareDifficulty: difficulty)
        latest.blocks = blocks
    }

    /// Records a node's verdict on a block a solo work source submitted.
    public func recordBlock(_ outcome: BlockOutcome) {
        blocks.record(outcome)
        latest.blocks = blocks
    }

    /// Ends every subscriber's stream.
    public func finish() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }
}

/// What became of a share after the workers found it.
public enum ShareOutcome: Sendable, Equatable {
    case accepted
    case rejected(reason: String)
    /// Found for a job that was no longer current (clean_jobs, reconnect, coin switch); not sent.
    case stale
    /// Never judged by a pool: a duplicate, a share that failed local verification, a full submit
    /// queue, no reply before stop. The reason is short and fixed (it keys a count).
    case dropped(reason: String)
}
