import Synchronization

/// The mining threads, the job board they read, and the run-time controls: thread count and pause.
///
/// All methods are safe from any thread; none of them waits for a worker.
public final class WorkerPool: Sendable {
    private struct State {
        var workers: [Worker] = []
        /// Workers asked to stop; their final counts still belong to the totals.
        var retired: [Worker] = []
    }

    private let state = Mutex(State())
    let board = JobBoard()
    private let paused = PausedFlag()
    public let kernels: KernelChoice
    /// The RandomX dataset the threads share (built on the first RandomX job).
    public let randomX: RandomXContext
    private let cores: [Int]
    private let pin: Bool
    private let onShare: @Sendable (FoundShare) -> Void

    /// - Parameters:
    ///   - kernels: the kernel per algorithm.
    ///   - pin: pin thread *i* to the *i*-th allowed core (wrapping), as xmrig does by default.
    ///   - onShare: called on the worker thread for each verified share; must return quickly.
    public init(kernels: KernelChoice, pin: Bool = true,
                onShare: @escaping @Sendable (FoundShare) -> Void) {
        self.kernels = kernels
        randomX = RandomXContext(mode: kernels.randomXMode, engine: kernels.randomXEngine)
        self.pin = pin
        self.cores = CPUAffinity.allowedCores()
        self.onShare = onShare
    }

    /// The most threads a pool runs: ``setThreadCount(_:)`` pins a larger count to it, so that no
    /// count from a flag, a config or an API request can make it allocate without end.
    public static let maximumThreadCount = 4096

    /// The number of cores this process may use: the default thread count.
    public static var defaultThreadCount: Int { max(1, CPUAffinity.allowedCores().count) }

    public var threadCount: Int { state.withLock { $0.workers.count } }

    public var isPaused: Bool { paused.isPaused }

    /// Starts or stops threads until `count` (at most ``maximumThreadCount``) run. Removed
    /// threads finish their current batch.
    public func setThreadCount(_ count: Int) {
        let target = min(max(0, count), Self.maximumThreadCount)
        let started: [Worker] = state.withLock { state in
            var started: [Worker] = []
            while state.workers.count > target {
                let worker = state.workers.removeLast()
                worker.stopRequested.store(true, ordering: .relaxed)
                state.retired.append(worker)
            }
            while state.workers.count < target {
                let index = state.workers.count
                let core = pin && !cores.isEmpty ? cores[index % cores.count] : nil
                let worker = Worker(index: index, core: core)
                state.workers.append(worker)
                started.append(worker)
            }
            return started
        }
        // New threads wait at a gate until the last of them exists. Started hashing one by one,
        // each would take a share of the cores from the thread creating the rest: creating N
        // threads on C cores would cost about N²/2C thread creations' time (minutes for 4096).
        let gate = StartGate()
        gate.whileShut {
            for worker in started {
                worker.start(board: board, paused: paused, kernels: kernels, randomX: randomX, gate: gate, onShare: onShare)
            }
        }
    }

    /// Posts new work; every thread switches to it within one nonce batch.
    public func post(_ job: MiningJob?) { board.post(job) }

    public func setPaused(_ paused: Bool) { self.paused.set(paused) }

    /// Stops every thread (they exit after their current batch).
    public func stopAll() { setThreadCount(0) }

    /// Whether every stopped thread has left its loop.
    public var allRetiredFinished: Bool {
        state.withLock { $0.retired.allSatisfy { $0.finished.load(ordering: .acquiring) } }
    }
}

extension WorkerPool: HashCounterSource {
    public func readCounters() -> CounterReading {
        state.withLock { state in
            var reading = CounterReading()
            reading.randomX = randomX.status
            for worker in state.workers {
                reading.threads.append(ThreadCounterReading(
                    index: worker.index, core: worker.core,
                    pinned: worker.pinned.load(ordering: .relaxed),
                    idle: worker.idle.load(ordering: .relaxed),
                    hashes: worker.counter.hashes.load(ordering: .relaxed),
                    shares: worker.counter.shares.load(ordering: .relaxed)))
            }
            for worker in state.workers + state.retired {
                reading.totalHashes &+= worker.counter.hashes.load(ordering: .relaxed)
                reading.shares &+= worker.counter.shares.load(ordering: .relaxed)
                reading.hardwareErrors &+= worker.counter.hardwareErrors.load(ordering: .relaxed)
            }
            return reading
        }
    }
}

/// Where ``EngineStats`` reads hash counters from: the worker pool, or a test double.
public protocol HashCounterSource: Sendable {
    /// Reads every counter; cheap (relaxed loads), never waits for a worker.
    func readCounters() -> CounterReading
}

/// One reading of all counters.
public struct CounterReading: Sendable {
    public var threads: [ThreadCounterReading] = []
    /// Hashes of live and retired threads together: never decreases.
    public var totalHashes: UInt64 = 0
    public var shares: UInt64 = 0
    public var hardwareErrors: UInt64 = 0
    /// The shared RandomX dataset's mode and build progress.
    public var randomX: RandomXStatus? = nil
    public init() {}
}

/// One thread's counters at one moment.
public struct ThreadCounterReading: Sendable {
    public var index: Int
    public var core: Int?
    public var pinned: Bool
    public var idle: Bool
    public var hashes: UInt64
    public var shares: UInt64

    public init(index: Int, core: Int?, pinned: Bool, idle: Bool, hashes: UInt64, shares: UInt64 = 0) {
        self.index = index
        self.core = core
        self.pinned = pinned
        self.idle = idle
        self.hashes = hashes
        self.shares = shares
    }
}
