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
        /// The current work source's ``MiningJob/origin``: shares of any other are stale.
        var origin: UInt64 = 0
        /// The safety stop's reason while it is the snapshot's notice, to clear on resume.
        var safetyNotice: String?
    }

    public let configuration: Configuration
    public let pool: WorkerPool
    public let stats: EngineStats
    private let control: Mutex<Control>
    private let shareContinuation: AsyncStream<FoundShare>.Continuation
    private let shareStream: AsyncStream<FoundShare>
    private let shareQueue: ShareQueueCounters

    /// Submissions awaiting a pool's reply at most; further shares wait in the queue, so a slow
    /// pool is sent shares as fast as it answers them, never one round trip at a time.
    public static let submitWindow = 1_024
    /// Found shares waiting for a submission slot; a share found past it is dropped and counted.
    public static let shareQueueCapacity = 4_096

    public init(configuration: Configuration, clock: any EngineClock = MonotonicEngineClock()) {
        self.configuration = configuration
        let (stream, continuation) = AsyncStream.makeStream(
            of: FoundShare.self, bufferingPolicy: .bufferingNewest(Self.shareQueueCapacity))
        shareStream = stream
        shareContinuation = continuation
        let queue = ShareQueueCounters()
        shareQueue = queue
        pool = WorkerPool(kernels: configuration.kernels, pin: configuration.pinThreads) { share in
            queue.count(continuation.yield(share))
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

    /// Stops everything: threads, then the shares already found (submitted and their answers
    /// counted, for up to `drainSeconds` in all), then the work source and the sampler. Snapshots
    /// end. A share still queued or unanswered at the deadline is counted dropped ("no reply
    /// before stop"); a pool that never answers delays the stop by `drainSeconds`, no more.
    ///
    /// Draining first means a pool never credits a share that the final snapshot does not count.
    public func stop(drainSeconds: Double = 5) async {
        pool.stopAll()
        pool.post(nil)
        // Threads end within their batch: wait (a second at most) so that no share is found
        // after the books close.
        for _ in 0..<100 where !pool.allRetiredFinished { try? await Task.sleep(nanoseconds: 10_000_000) }
        shareContinuation.finish()
        if let shares = control.withLock({ $0.shareTask }) {
            _ = await Self.finishes(shares, within: drainSeconds)
            // A pool that does not answer in time: give up on its replies.
            shares.cancel()
        }
        await settleQueueDrops()
        let judges = control.withLock { $0.source?.judgesShares ?? false }
        await stats.closeShareBook(enqueued: shareQueue.enqueued, dropUnsettled: judges, reason: "no reply before stop")
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

    /// Whether `task` ends within `seconds`; returns at the deadline without waiting for it (a
    /// task group would wait for its slowest child, however long a silent pool keeps it).
    private static func finishes(_ task: Task<Void, Never>, within seconds: Double) async -> Bool {
        let waiter = FirstAnswer()
        return await withCheckedContinuation { continuation in
            waiter.wait(continuation)
            Task {
                await task.value
                waiter.answer(true)
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, min(seconds, 3600)) * 1e9))
                waiter.answer(false)
            }
        }
    }

    /// A continuation resumed by the first of several racers; the rest are ignored.
    private final class FirstAnswer: Sendable {
        private let continuation = Mutex<CheckedContinuation<Bool, Never>?>(nil)

        func wait(_ continuation: CheckedContinuation<Bool, Never>) { self.continuation.withLock { $0 = continuation } }

        func answer(_ value: Bool) { continuation.withLock { $0.take() }?.resume(returning: value) }
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


    // MARK: - Internals

    func post(_ job: MiningJob?) async {
        pool.post(job)
        let jobID = job?.id
        let difficulty = job?.target.difficulty
        // A RandomX pool names each job's revision (rx/0, rx/2): the snapshot shows the one mined.
        let revision = job.flatMap { $0.algorithm.isRandomX ? $0.algorithm : nil }
        let kernel = revision.flatMap { configuration.kernels.kernel(for: $0) }
        await stats.updateContext { snapshot in
            snapshot.jobID = jobID
            snapshot.shareDifficulty = difficulty
            if let revision, snapshot.algorithm.isRandomX {
                snapshot.algorithm = revision
                snapshot.kernel = kernel ?? snapshot.kernel
            }
        }
        await refreshState()
    }

    private func switchCoin(_ coin: Coin) async {
        let source = configuration.workSource(coin, configuration.kernels)
        let (old, previous, origin) = control.withLock { control -> (Task<Void, Never>?, Coin, UInt64) in
            let old = (control.sourceTask, control.coin)
            control.coin = coin
            control.source = source
            control.sourceTask = nil
            control.origin &+= 1
            return (old.0, old.1, control.origin)
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
        let sink = WorkSink(engine: self, origin: origin)
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

    /// Hands each share to the work source that posted its job, up to its
    /// ``WorkSource/submitWindow`` at a time; a share of an earlier source (before a coin switch)
    /// is stale.
    private func forwardShares() async {
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for await share in shareStream {
                await settleQueueDrops()
                let (source, origin) = control.withLock { ($0.source, $0.origin) }
                guard let source, share.origin == origin else {
                    await stats.settleQueuedShare(.stale)
                    continue
                }
                await stats.recordShareFound(difficulty: share.hashDifficulty)
                while inFlight >= max(1, source.submitWindow), await group.next() != nil { inFlight -= 1 }
                inFlight += 1
                group.addTask { [stats] in await stats.settleQueuedShare(await source.submit(share)) }
            }
            await group.waitForAll()
        }
    }

    /// Counts the shares the queue refused since the last call.
    private func settleQueueDrops() async {
        let (full, closed) = shareQueue.takeDrops()
        if full > 0 { await stats.recordShareOutcome(.dropped(reason: "submit queue full"), count: full) }
        if closed > 0 { await stats.recordShareOutcome(.dropped(reason: "found while stopping"), count: closed) }
    }
}

/// The share queue's bookkeeping, kept on the worker threads that fill it: shares taken in, and
/// shares it refused (full, or closed at stop), so that none goes uncounted.
private final class ShareQueueCounters: Sendable {
    private let taken = Atomic<UInt64>(0)
    private let full = Atomic<UInt64>(0)
    private let closed = Atomic<UInt64>(0)

    /// Shares the queue holds or has handed on.
    var enqueued: UInt64 { taken.load(ordering: .acquiring) }

    func count(_ result: AsyncStream<FoundShare>.Continuation.YieldResult) {
        switch result {
        case .enqueued: taken.wrappingAdd(1, ordering: .releasing)
        // The queue keeps the newest: the oldest share made room, so the count taken stays.
        case .dropped: full.wrappingAdd(1, ordering: .relaxed)
        case .terminated: closed.wrappingAdd(1, ordering: .relaxed)
        @unknown default: closed.wrappingAdd(1, ordering: .relaxed)
        }
    }

    func takeDrops() -> (full: UInt64, closed: UInt64) {
        (full.exchange(0, ordering: .relaxed), closed.exchange(0, ordering: .relaxed))
    }
}
