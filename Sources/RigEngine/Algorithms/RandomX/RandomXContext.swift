import Foundation
import Synchronization

/// The RandomX state a worker pool shares: the dataset for the current seed, and its rebuilds.
///
/// Workers ask ``dataset(for:)`` once per job change. The first to ask for a new seed starts one
/// build thread, which fills the dataset on all allowed cores while the workers idle (their VMs
/// released, so the old dataset is freed before or while the new one fills); when it is done every
/// worker creates its VM on it and mines. A seed that changes again mid-build is built next, once.
///
/// Switching the pool to another coin keeps the dataset: switching back with the same seed costs
/// nothing, and a rig that mines XMR at all must have the 2 GiB to spare. It is freed with the pool.
///
/// The next seed (Monero pools announce it as `next_seed_hash` before the switch) is built in the
/// background while the current dataset mines, on one unpinned thread, when memory allows a second
/// dataset; at the switch it is taken at once and the seed change costs no waiting.
public final class RandomXContext: Sendable {
    /// The mode asked for; the dataset's ``RandomXDataset/mode`` says what was possible.
    public let requestedMode: RandomXMode
    /// Threads filling the dataset: all cores this process may use (mining threads idle meanwhile).
    public let buildThreads: Int
    public let progress = RandomXInitProgress()
    /// The implementation asked for; v2 jobs use rigtop's own where it computes only v1.
    public let engine: RandomXEngine
    /// A fixed function table instead of the engine's (tests: a library that failed to load).
    private let libraryOverride: Result<RandomXLibrary, RandomXLibraryError>?
    private let largePages: Bool

    private struct State {
        var current: RandomXDataset?
        /// The seed the workers want, and the engine to build it with; a build runs while either
        /// differs from `current`'s.
        var wanted: [UInt8]?
        var wantedLibrary: RandomXLibrary?
        var building = false
        var failure: String?
        /// A seed whose build failed: not retried until another seed is asked for.
        var failedSeed: [UInt8]?
        /// The announced next seed's dataset, built (or being built) in the background.
        var next: RandomXDataset?
        var nextSeed: [UInt8]?
        var nextLibrary: RandomXLibrary?
        var buildingNext = false
    }
    private let state = Mutex(State())

    public init(
        mode: RandomXMode, engine: RandomXEngine = .default,
        library: Result<RandomXLibrary, RandomXLibraryError>? = nil,
        buildThreads: Int = WorkerPool.defaultThreadCount, largePages: Bool = true
    ) {
        requestedMode = mode
        self.engine = engine
        libraryOverride = library
        self.buildThreads = max(1, buildThreads)
        self.largePages = largePages
    }

    /// The dataset for `seed` and a VM of `version` if it is ready; otherwise starts (or
    /// redirects) a build and returns nil, and the caller idles and asks again. Safe from any
    /// thread; never waits for a build. Both versions share a dataset built by one engine; a v2
    /// job on an engine that knows only v1 rebuilds it with rigtop's.
    public func dataset(for seed: [UInt8], version: RandomXVersion = .v1) -> RandomXDataset? {
        let library: RandomXLibrary
        switch libraryOverride ?? RandomXEngine.engine(for: version, preferred: engine).library {
        case .success(let loaded): library = loaded
        case .failure(let error):
            state.withLock { $0.failure = error.description }
            return nil
        }
        let start = state.withLock { state -> Bool in
            if let current = state.current, current.seed == seed, current.library === library { return false }
            if let next = state.next, next.seed == seed, next.library === library {
                state.current = next  // built in the background: the switch costs nothing
                state.next = nil
                state.nextSeed = nil
                return false
            }
            if state.failedSeed == seed { return false }
            state.wanted = seed
            state.wantedLibrary = library
            if state.building { return false }
            state.building = true
            return true
        }
        if start {
            let thread = Thread { [self] in
                CPUAffinity.unpinCurrentThread()  // started from a pinned miner: do not share its core
                self.build()
            }
            thread.name = "rigtop-randomx-init"
            thread.start()
        }
        return state.withLock { state in
            state.current?.seed == seed && state.current?.library === library ? state.current : nil
        }
    }

    /// Starts building the dataset for `seed`, the one the pool says comes next, without touching
    /// the current one. Does nothing when it is the current or already prepared seed, or when
    /// `MemAvailable` cannot hold another dataset (full mode) next to the current one.
    /// `meminfo` is the file `MemAvailable` is read from (tests point it elsewhere).
    public func prepareNext(seed: [UInt8], version: RandomXVersion = .v1, meminfo: String = "/proc/meminfo") {
        guard case .success(let library) = libraryOverride ?? RandomXEngine.engine(for: version, preferred: engine).library else {
            return
        }
        let start = state.withLock { state -> Bool in
            if state.current?.seed == seed && state.current?.library === library { return false }
            if state.nextSeed == seed && state.nextLibrary === library { return false }
            if state.buildingNext || state.failedSeed == seed { return false }
            state.nextSeed = seed
            state.nextLibrary = library
            state.next = nil
            state.buildingNext = true
            return true
        }
        guard start else { return }
        let needed: UInt64 = requestedMode == .full ? RandomXMode.fullModeBytes : 512 << 20
        if let available = RandomXMode.memoryAvailable(meminfo: meminfo), available < needed {
            state.withLock {
                $0.buildingNext = false
                $0.nextSeed = nil
            }
            return
        }
        let thread = Thread { [self] in
            CPUAffinity.unpinCurrentThread()
            // One thread and its own progress: the miners keep hashing and the dashboard shows no
            // "initialising" for a dataset nobody waits for.
            let built = try? RandomXDataset(
                seed: seed, mode: requestedMode, library: library, threads: 1, largePages: largePages,
                progress: RandomXInitProgress())
            state.withLock { state in
                state.buildingNext = false
                if state.nextSeed == seed, state.nextLibrary === library { state.next = built }
            }
        }
        thread.name = "rigtop-randomx-next"
        thread.start()
    }

    /// Whether the announced next seed's dataset is built and waiting.
    public var nextSeedReady: Bool { state.withLock { $0.next != nil } }

    /// Whether a background build for the next seed is under way.
    public var nextSeedBuilding: Bool { state.withLock { $0.buildingNext } }

    /// Builds until the dataset matches the wanted seed and engine.
    private func build() {
        while true {
            let wanted: ([UInt8], RandomXLibrary)? = state.withLock { state in
                guard let seed = state.wanted, let library = state.wantedLibrary,
                    state.current?.seed != seed || state.current?.library !== library
                else {
                    state.building = false
                    return nil
                }
                state.current = nil  // drop the old one before allocating 2 GiB more
                return (seed, library)
            }
            guard let (seed, library) = wanted else { return }
            do {
                let built = try RandomXDataset(
                    seed: seed, mode: requestedMode, library: library, threads: buildThreads,
                    largePages: largePages, progress: progress)
                state.withLock {
                    $0.current = built
                    $0.failure = nil
                    $0.failedSeed = nil
                }
            } catch {
                state.withLock {
                    $0.failure = error.description
                    $0.failedSeed = seed
                    $0.building = false
                    $0.wanted = nil
                }
                return
            }
        }
    }

    /// What the stats show about RandomX right now.
    public var status: RandomXStatus {
        let (current, failure) = state.withLock { ($0.current, $0.failure) }
        return RandomXStatus(
            mode: current?.modeDescription, progress: progress.fraction, failure: failure,
            buildSeconds: current?.buildSeconds)
    }
}

/// One reading of a ``RandomXContext``.
public struct RandomXStatus: Sendable, Equatable {
    /// "full, large pages", "full", "light"; nil before the first dataset is ready.
    public var mode: String?
    /// 0…1 while a dataset builds; nil otherwise.
    public var progress: Double?
    /// Why RandomX cannot run (missing library, allocation failure).
    public var failure: String?
    /// Seconds the current dataset took to build.
    public var buildSeconds: Double?
}
