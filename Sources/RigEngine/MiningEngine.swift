import Synchronization

/// The miner as the rest of rigtop sees it: start it, send it commands, read its snapshots.
///
/// Owns the worker pool, the stats actor and the current work source. Front ends never touch the
/// workers directly: they send ``EngineCommand``s and read ``EngineSnapshot``s.
public final class MiningEngine: Sendable {
    /// Settings fixed at start.
    public struct Configuration: Sendable {
        public var coin: Coin
        public var threads: Int
        public var kernels: KernelChoice
        public var pinThreads: Bool
        /// The work source for a coin: benchmark work unless a pool is configured for it.
        public var workSource: @Sendable (Coin, KernelChoice) -> any WorkSource

        public init(
            coin: Coin, threads: Int = WorkerPool.defaultThreadCount,
            kernels: KernelChoice = .fastest(), pinThreads: Bool = true,
            workSource: @escaping @Sendable (Coin, KernelChoice) -> any WorkSource = MiningEngine.benchmarkWork
        ) {
            self.coin = coin
            self.threads = threads
            self.kernels = kernels
            self.pinThreads = pinThreads
            self.workSource = workSource
        }
    }

    /// Benchmark work for any coin, with the first target guessed from a kernel measurement.
    public static let benchmarkWork: @Sendable (Coin, KernelChoice) -> any WorkSource = { coin, kernels in
        let kernel = kernels.kernel(for: coin.algorithm)
        return BenchmarkWorkSource(algorithm: coin.algorithm, guessRate: { threads in
            guard let kernel else { return nil }
            return KernelChoice.measure(kernel, seconds: 0.02).map { $0 * Double(max(threads, 1)) }
        })
    }

    private struct Control {
        var coin: Coin
        var source: (any WorkSource)?
        var sourceTask: Task<Void, Never>?
        var tasks: [Task<Void, Never>] = []
        var shareTask: Task<Void, Never>?
        var stoppedTooHot = false
        /// The safety stop's reason while it is the snapshot's notice, to clear on resume.
        var safetyNotice: String?
    }

    public let configuration: Configuration
    public let pool: WorkerPool
    public let stats: EngineStats
    private let control: Mutex<Control>
    private let shareContinuation: AsyncStream<FoundShare>.Continuation
    private let shareStream: AsyncStream<FoundShare>

    public init(configuration: Configuration, clock: any EngineClock = MonotonicEngineClock()) {
        self.configuration = configuration
        let (stream, continuation) = AsyncStream.makeStream(of: FoundShare.self, bufferingPolicy: .bufferingNewest(256))
        shareStream = stream
        shareContinuation = continuation
        pool = WorkerPool(kernels: configuration.kernels, pin: configuration.pinThreads) { share in
            continuation.yield(share)
        }
        stats = EngineStats(source: pool, clock: clock)
        control = Mutex(Control(coin: configuration.coin))
    }

    /// Starts the threads, the stats sampler and the work source of the configured coin.
    public func start() async {
        pool.setThreadCount(configuration.threads)
        let sampler = Task { await stats.run() }
        let shares = Task { await self.forwardShares() }
        control.withLock {
            $0.tasks.append(sampler)
            $0.shareTask = shares
        }
        await switchCoin(configuration.coin)
    }

    /// Stops everything: threads, then the shares already found (each submitted and its answer
    /// counted, for up to `drainSeconds`), then the work source and the sampler. Snapshots end.
    ///
    /// Draining first means a pool never credits a share that the final snapshot does not count.
    public func stop(drainSeconds: Double = 5) async {
        pool.stopAll()
        pool.post(nil)
        shareContinuation.finish()
        if let shares = control.withLock({ $0.shareTask }) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await shares.value }
                group.addTask { try? await Task.sleep(nanoseconds: UInt64(drainSeconds * 1e9)) }
                await group.next()
                // A pool that does not answer in time: give up on its replies.
                shares.cancel()
                group.cancelAll()
            }
        }
        let tasks = control.withLock { control -> [Task<Void, Never>] in
            let all = control.tasks + [control.sourceTask].compactMap { $0 }
            control.tasks = []
            control.shareTask = nil
            control.sourceTask = nil
            return all
        }
        for task in tasks { task.cancel() }
        await stats.updateContext { $0.state = .stopped }
        await stats.sample()
        await stats.finish()
    }

    /// Carries out a command. Returns when the change is in effect in the pool.
    public func send(_ command: EngineCommand) async {
        switch command {
        case .switchCoin(let coin): await switchCoin(coin)
        case .addThread: pool.setThreadCount(pool.threadCount + 1)
        case .removeThread: pool.setThreadCount(max(1, pool.threadCount - 1))
        case .setThreads(let count): pool.setThreadCount(max(1, count))
        case .pause: pool.setPaused(true)
        case .resume:
            let notice = control.withLock { control -> String? in
                defer { control.stoppedTooHot = false; control.safetyNotice = nil }
                return control.safetyNotice
            }
            pool.setPaused(false)
            if let notice {
                await stats.updateContext { if $0.notice == notice { $0.notice = nil } }
            }
        case .togglePause:
            if control.withLock({ $0.stoppedTooHot }) { return }  // only an explicit resume lifts a safety stop
            pool.setPaused(!pool.isPaused)
        case .stopTooHot(let reason):
            control.withLock { $0.stoppedTooHot = true; $0.safetyNotice = reason }
            pool.setPaused(true)
            await stats.updateContext { $0.notice = reason }
        }
        await refreshState()
    }

    /// Verified shares, in the order found (the newest 256 are kept for a slow reader).
    public var shares: AsyncStream<FoundShare> { shareStream }

    // MARK: - Internals

    func post(_ job: MiningJob?) async {
        pool.post(job)
        let jobID = job?.id
        let difficulty = job?.target.difficulty
        await stats.updateContext { snapshot in
            snapshot.jobID = jobID
            snapshot.shareDifficulty = difficulty
        }
        await refreshState()
    }

    private func switchCoin(_ coin: Coin) async {
        let source = configuration.workSource(coin, configuration.kernels)
        let (old, previous) = control.withLock { control -> (Task<Void, Never>?, Coin) in
            let old = (control.sourceTask, control.coin)
            control.coin = coin
            control.source = source
            control.sourceTask = nil
            return old
        }
        old?.cancel()
        pool.post(nil)
        if previous.algorithm != coin.algorithm { await stats.resetRates() }
        let kernel = configuration.kernels.kernel(for: coin.algorithm)
        let notice: String? = coin.algorithm.isAvailable ? nil
            : coin.algorithm.unavailableReason ?? "\(coin.algorithm) is not available in this build"
        await stats.updateContext { snapshot in
            snapshot.coin = coin
            snapshot.algorithm = coin.algorithm
            snapshot.kernel = kernel
            snapshot.workSource = source.label
            snapshot.jobID = nil
            snapshot.notice = notice
        }
        let sink = WorkSink(engine: self)
        let task = Task { await source.run(into: sink) }
        control.withLock { $0.sourceTask = task }
        await refreshState()
    }

    private func refreshState() async {
        let (paused, tooHot) = (pool.isPaused, control.withLock { $0.stoppedTooHot })
        let hasJob = pool.board.current().job != nil
        await stats.updateContext { snapshot in
            snapshot.state = tooHot ? .tooHot : paused ? .paused : hasJob ? .mining : .waitingForWork
        }
    }

    private func forwardShares() async {
        for await share in shareStream {
            let source = control.withLock { $0.source }
            guard let source else { continue }
            await stats.recordShareFound(difficulty: share.hashDifficulty)
            if let outcome = await source.submit(share) {
                await stats.recordShareOutcome(outcome)
            }
        }
    }
}
