import RigInput

/// One measured run of the engine on benchmark work: what `rigtop bench` prints.
public struct Benchmark: Sendable {
    public var algorithm: HashAlgorithm
    public var kernel: HashKernel
    public var threads: Int
    public var seconds: Double
    /// Unmeasured seconds first, so thread start-up and CPU clock ramp-up don't count.
    public var warmUp: Double
    /// The RandomX implementation (RandomX algorithms only).
    public var randomXEngine: RandomXEngine

    public init(
        algorithm: HashAlgorithm, kernel: HashKernel, threads: Int, seconds: Double, warmUp: Double = 1,
        randomXEngine: RandomXEngine = .default
    ) {
        self.algorithm = algorithm
        self.randomXEngine = randomXEngine
        self.kernel = kernel
        self.threads = threads
        self.seconds = seconds
        self.warmUp = warmUp
    }

    static func everyThreadMoved(from before: CounterReading, to after: CounterReading) -> Bool {
        let earlier = hashesByThread(before)
        return after.threads.allSatisfy { $0.hashes != (earlier[$0.index] ?? 0) }
    }

    /// Each thread's hash count by thread index (a lookup per thread, not a scan: thousands of threads).
    static func hashesByThread(_ reading: CounterReading) -> [Int: UInt64] {
        Dictionary(reading.threads.map { ($0.index, $0.hashes) }, uniquingKeysWith: { first, _ in first })
    }

    /// Seconds `value` stands for as a sleep, pinned to 0…1 day: the figures come from callers.
    static func nanoseconds(_ value: Double) -> UInt64 {
        UntrustedNumber.clamped(value * 1e9, to: 0...86_400_000_000_000)
    }

    /// Runs the real worker pool on benchmark work and reads its counters before and after.
    ///
    /// The run lasts the warm-up, `seconds` and about one batch, whatever the thread count. Only
    /// when each thread can have a core of its own does the window wait for every thread to finish
    /// a batch (a RandomX VM still setting up, a busy machine), up to a minute: with more threads
    /// than cores, threads take turns, a batch of each lasts threads ÷ cores batches of wall time,
    /// and such a wait (and one for every stopped thread's last batch) grows with the thread count.
    public func run() async -> BenchmarkResult {
        let threads = min(max(1, threads), WorkerPool.maximumThreadCount)
        let pool = WorkerPool(kernels: KernelChoice([algorithm: kernel], randomXEngine: randomXEngine), pin: true) { _ in }
        let source = BenchmarkWorkSource(algorithm: algorithm)
        // Shares do not matter here; RandomX (no quick measurement) gets the no-share target.
        let guess = KernelChoice.measure(kernel, seconds: 0.02).map { $0 * Double(threads) }
        pool.post(source.makeJob(algorithm: algorithm, hashrate: guess ?? BenchmarkWorkSource.unmeasuredRate, sequence: 0))
        pool.setThreadCount(threads)
        var initSeconds: Double? = nil
        if algorithm.isRandomX {
            // The dataset build is timed on its own: it is paid once per seed, not per hash.
            let start = monotonicSeconds()
            while pool.randomX.status.mode == nil, pool.randomX.status.failure == nil {
                try? await Task.sleep(nanoseconds: 50_000_000)
            }
            initSeconds = monotonicSeconds() - start
        }
        try? await Task.sleep(nanoseconds: Self.nanoseconds(warmUp))
        let patience: Double = threads <= WorkerPool.defaultThreadCount ? 60 : 0
        // The window opens once every thread has finished a batch: a thread still setting up (a
        // RandomX VM, a page-faulting scratchpad) would otherwise count as a slow one.
        let setUpDeadline = monotonicSeconds() + patience
        while monotonicSeconds() < setUpDeadline {
            let counters = pool.readCounters()
            if counters.threads.count >= threads, counters.threads.allSatisfy({ $0.hashes > 0 }) { break }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        let before = pool.readCounters()
        let start = monotonicSeconds()
        try? await Task.sleep(nanoseconds: Self.nanoseconds(seconds))
        // Counters move a batch at a time: a window in which a thread finished no batch (a slow
        // RandomX light batch on a busy machine) would report it at 0 H/s. Such a window stays
        // open until every thread has finished one (a minute at most).
        var after = pool.readCounters()
        let longest = monotonicSeconds() + patience
        while monotonicSeconds() < longest, !Self.everyThreadMoved(from: before, to: after) {
            try? await Task.sleep(nanoseconds: 20_000_000)
            after = pool.readCounters()
        }
        let elapsed = monotonicSeconds() - start
        pool.stopAll()
        // Stopped threads leave after their current batch. Waiting for the last of them keeps the
        // next measurement (`--all-kernels`) to itself; past a second, what remains is the queue of
        // oversubscribed batches, which finish on their own.
        let stopDeadline = monotonicSeconds() + 1
        while !pool.allRetiredFinished, monotonicSeconds() < stopDeadline { try? await Task.sleep(nanoseconds: 5_000_000) }
        let earlier = Self.hashesByThread(before)
        let perThread = after.threads.map { Double($0.hashes &- (earlier[$0.index] ?? 0)) / elapsed }
        let hashes = after.totalHashes &- before.totalHashes
        return BenchmarkResult(
            algo: algorithm.rawValue, kernel: kernel.flavour, threads: threads, seconds: elapsed,
            hashes: hashes, hashrate: Double(hashes) / elapsed, perThread: perThread,
            pinned: after.threads.allSatisfy(\.pinned),
            shares: after.shares, hardwareErrors: after.hardwareErrors,
            initSeconds: initSeconds, mode: algorithm.isRandomX ? after.randomX?.mode : nil,
            engine: algorithm.randomXVersion.map { RandomXEngine.engine(for: $0, preferred: randomXEngine).rawValue })
    }
}

/// The figures of one benchmark run (`rigtop bench --json` prints this object).
public struct BenchmarkResult: Sendable, Codable {
    public var algo: String
    public var kernel: String
    public var threads: Int
    public var seconds: Double
    public var hashes: UInt64
    /// Total H/s.
    public var hashrate: Double
    /// H/s of each thread.
    public var perThread: [Double]
    public var pinned: Bool
    public var shares: UInt64
    public var hardwareErrors: UInt64
    /// RandomX: seconds to build the cache and dataset before hashing started (not in `seconds`).
    public var initSeconds: Double? = nil
    /// RandomX: the memory mode in use ("full, large pages", "full", "light").
    public var mode: String? = nil
    /// RandomX: the implementation that hashed ("rigtop" or "librandomx").
    public var engine: String? = nil

    enum CodingKeys: String, CodingKey {
        case algo, kernel, threads, seconds, hashes, hashrate, pinned, shares, mode, engine
        case perThread = "per_thread"
        case hardwareErrors = "hw_errors"
        case initSeconds = "init_seconds"
    }

    /// Human-readable lines.
    public var text: String {
        var lines = ["\(algo) kernel \(kernel), \(threads) thread\(threads == 1 ? "" : "s"), \(String(format1: seconds)) s\(pinned ? "" : " (threads not pinned: the OS refused)")"]
        if let initSeconds {
            lines.append("  dataset:  \(mode ?? "not built"), initialised in \(String(format1: initSeconds)) s (not counted)\(engine.map { ", engine \($0)" } ?? "")")
        }
        for (index, rate) in perThread.enumerated() {
            lines.append("  thread \(index): \(HashrateFormat.string(rate))")
        }
        lines.append("  total:    \(HashrateFormat.string(hashrate))  (\(hashes) hashes, \(shares) shares, \(hardwareErrors) hw errors)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    init(format1 value: Double) {
        let tenths = (value * 10).rounded()
        self = "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)"
    }
}
