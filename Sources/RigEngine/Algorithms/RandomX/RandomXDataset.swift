internal import CRandomX
import Dispatch
import Foundation
import Synchronization

/// The cache, and in full mode the dataset, RandomX derives from one seed (Monero's `seed_hash`).
///
/// Built once per seed and shared by every worker's VM; freed when the last VM and the
/// ``RandomXContext`` let go of it.
///
/// This type is safe to share between threads because the cache and dataset are written only
/// inside the initialiser (the dataset by disjoint item ranges, one per build thread, joined
/// before `init` returns) and only read afterwards, by VMs, which librandomx allows concurrently.
public final class RandomXDataset: @unchecked Sendable {
    public let seed: [UInt8]
    /// The mode VMs run in: full unless light was asked for or the dataset could not be allocated.
    public let mode: RandomXMode
    /// Whether the cache (and dataset) sit on 2 MiB pages.
    public let largePages: Bool
    /// The page size under the dataset (full mode) or the cache (light), in KiB, where the engine
    /// says (rigtop's own: 4, 2048 or 1048576); nil for librandomx, which does not tell.
    public let pageKiB: Int?
    /// Seconds the build took (cache Argon2 plus dataset items).
    public let buildSeconds: Double
    let library: RandomXLibrary
    /// The library's flags plus full memory: what VMs over this dataset are created with
    /// (large pages are tried per VM).
    let vmFlags: RandomXFlags
    let cache: OpaquePointer
    let dataset: OpaquePointer?

    /// Builds the cache for `seed` and, in full mode, the dataset, on `threads` threads.
    ///
    /// Large pages are tried first and silently dropped when the allocation fails; full mode drops
    /// to light when the dataset cannot be allocated at all.
    public init(
        seed: [UInt8], mode: RandomXMode, library: RandomXLibrary,
        threads: Int = WorkerPool.defaultThreadCount, largePages: Bool = true,
        progress: RandomXInitProgress? = nil
    ) throws(RandomXDatasetError) {
        let start = monotonicSeconds()
        self.seed = seed
        self.library = library
        let base = library.recommendedFlags
        let progress = progress ?? RandomXInitProgress()
        progress.begin(total: 0)
        defer { progress.end() }

        var cache = largePages ? library.allocCache((base.union(.largePages)).rawValue) : nil
        var onLargePages = cache != nil
        if cache == nil { cache = library.allocCache(base.rawValue) }
        guard let cache else { throw .allocationFailed("cache (256 MiB)") }
        seed.withUnsafeBytes { library.initCache(cache, $0.baseAddress, $0.count) }
        self.cache = cache

        var dataset: OpaquePointer? = nil
        if mode == .full {
            if largePages, onLargePages {
                dataset = library.allocDataset((base.union(.largePages)).rawValue)
            }
            if dataset == nil {
                dataset = library.allocDataset(base.rawValue)
                if dataset != nil { onLargePages = false }
            }
        }
        if let dataset {
            Self.fill(dataset, from: cache, library: library, threads: max(1, threads), progress: progress)
        }
        self.dataset = dataset
        self.mode = dataset == nil ? .light : .full
        if library.engine == .rigtop {
            // rigtop's allocator takes huge pages wherever the system has them, asked or not.
            let kib = Int(dataset.map { rtx_dataset_page_size_kib($0) } ?? rtx_cache_page_size_kib(cache))
            pageKiB = kib
            onLargePages = kib >= 2048
        } else {
            pageKiB = nil
        }
        self.largePages = onLargePages
        vmFlags = dataset == nil ? base : base.union(.fullMemory)
        buildSeconds = monotonicSeconds() - start
    }

    deinit {
        if let dataset { library.releaseDataset(dataset) }
        library.releaseCache(cache)
    }

    /// What the stats show: "full, large pages", "light".
    public var modeDescription: String {
        if pageKiB == 1 << 20 { return "\(mode), 1 GiB pages" }
        return largePages ? "\(mode), large pages" : "\(mode)"
    }

    /// Initialises every dataset item from the cache, `threads` threads claiming chunks of items
    /// from a shared counter so a slow thread (an interrupted core) does not hold the others up.
    ///
    /// The threads are rigtop's own and unpinned: the build may start from a miner pinned to one
    /// core, and threads (dispatch's pool threads too) inherit their creator's affinity. With
    /// `DispatchQueue.concurrentPerform` the 16-thread build on a 16-core Xeon took 9.0 s against
    /// 2.85 s for a bare C loop.
    private static func fill(
        _ dataset: OpaquePointer, from cache: OpaquePointer, library: RandomXLibrary, threads: Int,
        progress: RandomXInitProgress
    ) {
        let total = library.itemCount
        progress.begin(total: total)
        let chunk = 8192  // ≈ 0.25 s of one core: progress moves several times a second
        let chunks = (total + chunk - 1) / chunk
        let next = Atomic<Int>(0)
        let done = DispatchGroup()
        // The pointers cross into the build threads; each thread writes only the items of the
        // chunks it claimed, and the group's wait returns after all of them are done.
        nonisolated(unsafe) let dataset = dataset
        nonisolated(unsafe) let cache = cache
        let work: @Sendable () -> Void = {
            CPUAffinity.unpinCurrentThread()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < chunks else { break }
                let first = index * chunk
                let count = min(chunk, total - first)
                library.initDataset(dataset, cache, UInt(first), UInt(count))
                progress.itemsDone.wrappingAdd(count, ordering: .relaxed)
            }
            done.leave()
        }
        for index in 1..<max(1, threads) {
            done.enter()
            let thread = Thread(block: work)
            thread.name = "rigtop-rx-init-\(index)"
            thread.start()
        }
        done.enter()
        work()  // the calling thread builds too
        done.wait()
    }
}

/// Why a dataset could not be built.
public enum RandomXDatasetError: Error, Sendable, CustomStringConvertible {
    case allocationFailed(String)
    /// The engine cannot run what was asked (a version it does not know); the text says why.
    case unsupported(String)

    public var description: String {
        switch self {
        case .allocationFailed(let what): "RandomX: cannot allocate the \(what)"
        case .unsupported(let why): why
        }
    }
}
