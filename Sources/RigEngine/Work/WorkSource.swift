/// Where jobs come from: synthetic benchmark work or a pool.
///
/// Implementation requirements:
/// - ``run(into:)`` posts jobs through the sink until its task is cancelled, and returns then.
/// - ``submit(_:)`` is called for every verified share of this source's jobs, several at a time
///   (the engine pipelines submissions); it returns the pool's verdict, or why the share was not
///   sent, or nil where nobody judges shares (benchmark work).
public protocol WorkSource: Sendable {
    /// What the dashboard shows as the work source ("benchmark", "stratum+tcp://pool:3333").
    var label: String { get }
    /// Whether ``submit(_:)`` judges shares; when it does, every share found ends in one of
    /// ``ShareCounts``' buckets.
    var judgesShares: Bool { get }
    /// How many ``submit(_:)`` calls may run at once (``MiningEngine/submitWindow`` unless the
    /// source needs its shares one at a time, as a solo node's block submissions do).
    var submitWindow: Int { get }
    func run(into sink: WorkSink) async
    func submit(_ share: FoundShare) async -> ShareOutcome?
}

extension WorkSource {
    public var judgesShares: Bool { true }
    public var submitWindow: Int { MiningEngine.submitWindow }
}

/// The engine as a work source sees it: post jobs, read the current rate.
public struct WorkSink: Sendable {
    let engine: MiningEngine
    /// Stamped on every job posted through this sink (``MiningJob/origin``).
    let origin: UInt64

    init(engine: MiningEngine, origin: UInt64 = 0) {
        self.engine = engine
        self.origin = origin
    }

    /// Replaces the workers' job (nil: no valid work; the workers idle and the state says so).
    public func post(_ job: MiningJob?) async {
        var stamped = job
        stamped?.origin = origin
        await engine.post(stamped)
    }

    /// The rig's hashrate over the best filled window, if any.
    public func hashrate() async -> Double? { await engine.stats.latest.hashrate.current }

    /// The number of mining threads.
    public var threadCount: Int { engine.pool.threadCount }

    /// Counts a block a solo work source submitted, with the node's verdict.
    public func record(block outcome: BlockOutcome) async {
        await engine.stats.recordBlock(outcome)
    }

    /// Publishes the pool connection's state to the snapshots (nil: no pool).
    public func report(pool status: PoolStatus?) async {
        await engine.stats.updateContext { $0.pool = status }
    }
}

extension BenchmarkWorkSource: WorkSource {
    public var label: String { "benchmark" }

    public var judgesShares: Bool { false }

    /// Posts a job at once (target from a quick kernel measurement, or none for RandomX), then
    /// every 30 s a fresh one re-targeted to the measured rate so shares keep arriving every few
    /// seconds; RandomX's first re-target comes as soon as its rate is measured.
    public func run(into sink: WorkSink) async {
        guard let algorithm = algorithm, algorithm.isAvailable else { return }
        var sequence = 0
        var rate = guessRate(sink.threadCount)
        while !Task.isCancelled {
            await sink.post(makeJob(algorithm: algorithm, hashrate: rate ?? Self.unmeasuredRate, sequence: sequence))
            sequence += 1
            // Re-targeted every 30 s; without a rate yet, as soon as the engine has measured one.
            for _ in 0..<30 where !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                if rate == nil, let measured = await sink.hashrate(), measured > 0 { break }
            }
            if let measured = await sink.hashrate(), measured > 0 { rate = measured }
        }
    }

    public func submit(_ share: FoundShare) async -> ShareOutcome? { nil }
}
