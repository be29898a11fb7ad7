#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which kernel the workers run for each algorithm.
public struct KernelChoice: Sendable, Hashable {
    public var kernels: [HashAlgorithm: HashKernel]
    /// The RandomX implementation, for every RandomX revision it computes (v2 falls back to
    /// rigtop's engine where the chosen one knows only v1).
    public var randomXEngine: RandomXEngine

    public init(_ kernels: [HashAlgorithm: HashKernel], randomXEngine: RandomXEngine = .default) {
        self.kernels = kernels
        self.randomXEngine = randomXEngine
    }

    /// The memory mode of the RandomX kernels chosen: light if any RandomX revision runs light
    /// (they share one dataset), else full.
    public var randomXMode: RandomXMode {
        kernels.values.contains { $0.randomXMode == .light } ? .light : .full
    }

    public func kernel(for algorithm: HashAlgorithm) -> HashKernel? { kernels[algorithm] }

    /// For each algorithm, the supported kernel that hashed fastest in a short self-test on this
    /// CPU (CPU features say what can run; only a measurement says what runs fastest, e.g. SHA-NI
    /// against AVX-512 differs between Zen and Intel cores).
    public static func fastest(trialSeconds: Double = 0.05) -> KernelChoice {
        var chosen: [HashAlgorithm: HashKernel] = [:]
        for algorithm in HashAlgorithm.allCases where algorithm.isAvailable {
            if let version = algorithm.randomXVersion {
                // Not timed: the modes differ by memory, not code; full wherever it fits.
                chosen[algorithm] = .randomX(version, mode: RandomXMode.automatic())
                continue
            }
            let timed = algorithm.availableKernels.map { ($0, Self.measure($0, seconds: trialSeconds) ?? 0) }
            chosen[algorithm] = timed.max { $0.1 < $1.1 }?.0
        }
        return KernelChoice(chosen)
    }

    /// Hashes per second of one kernel on a random header, single-threaded; nil for RandomX, which
    /// cannot be timed before its 256 MiB cache or 2 GiB dataset exists (the engine measures it
    /// once hashing starts).
    public static func measure(_ kernel: HashKernel, seconds: Double) -> Double? {
        if kernel.algorithm.isRandomX { return nil }
        let searcher = kernel.makeSearcher()
        searcher.load(input: (0..<80).map { _ in UInt8.random(in: 0...255) })
        _ = searcher.search(from: 0, count: searcher.preferredBatch, targetTop: 0)  // warm up
        let start = monotonicSeconds()
        var hashes: UInt64 = 0
        var nonce: UInt32 = 0
        let batch = searcher.preferredBatch
        while monotonicSeconds() - start < seconds {
            _ = searcher.search(from: nonce, count: batch, targetTop: 0)
            nonce &+= batch
            hashes += UInt64(batch)
        }
        return Double(hashes) / (monotonicSeconds() - start)
    }
}

/// Seconds on the monotonic clock: immune to wall-clock steps, as rates need.
func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
