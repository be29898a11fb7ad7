#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synthetic work for benchmarking and for a first run with no pool: random headers and a share
/// target easy enough that the dashboard sees a share every few seconds at the measured rate.
///
/// Nothing here is faked: the workers hash real headers, and every share is a real hash under the
/// job's target, re-verified like a pool share.
public struct BenchmarkWorkSource: Sendable {
    /// Seconds between shares the target aims at, for the whole rig.
    public var secondsPerShare: Double
    /// The algorithm whose work ``run(into:)`` posts.
    public var algorithm: HashAlgorithm?
    /// The rig's rate from a quick kernel measurement, to target the first job before the engine
    /// has measured any; nil where no quick measurement exists (RandomX).
    public var guessRate: @Sendable (_ threads: Int) -> Double?

    public init(algorithm: HashAlgorithm? = nil, secondsPerShare: Double = 5,
                guessRate: @escaping @Sendable (_ threads: Int) -> Double? = { _ in nil }) {
        self.algorithm = algorithm
        self.secondsPerShare = secondsPerShare
        self.guessRate = guessRate
    }

    /// The rate a job is targeted at before any rate is known: a share about every 30 years at a
    /// megahash, i.e. none, until the engine's own measurement re-targets the work.
    public static let unmeasuredRate = 1e15 / 5

    /// A job with a random header template; `hashrate` (H/s of the whole rig, or a guess) sets
    /// the target.
    public func makeJob(algorithm: HashAlgorithm, hashrate: Double, sequence: Int) -> MiningJob {
        if algorithm.isRandomX { return makeRandomXJob(algorithm: algorithm, hashrate: hashrate, sequence: sequence) }
        var prefix = [UInt8](repeating: 0, count: 80)
        for index in prefix.indices { prefix[index] = UInt8.random(in: 0...255) }
        prefix[0] = 0x02  // version 2, as real headers start
        prefix[1] = 0; prefix[2] = 0; prefix[3] = 0
        let template = prefix
        let target = ShareTarget(expectedHashesPerShare: max(hashrate, 1) * secondsPerShare)
        return MiningJob(
            id: "bench-\(sequence)", algorithm: algorithm, target: target,
            makeInput: { worker, roll in
                // The worker and roll go into the merkle root field (bytes 36..<68) so every
                // thread hashes its own headers.
                var header = template
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: worker).littleEndian) {
                    header.replaceSubrange(36..<40, with: $0)
                }
                withUnsafeBytes(of: roll.littleEndian) { header.replaceSubrange(40..<44, with: $0) }
                return header
            })
    }
}

extension BenchmarkWorkSource {
    /// The seed every RandomX benchmark job uses, so re-targeted jobs keep the dataset
    /// (SHA-256 of "rigtop benchmark", any fixed 32 bytes would do).
    public static let randomXSeed: [UInt8] = SHA256.hash(Array("rigtop benchmark".utf8))

    /// A random 76-byte Monero-style hashing blob (version, timestamp, previous id, nonce at 39,
    /// tree root, transaction count) with the worker and roll in the tree root.
    func makeRandomXJob(algorithm: HashAlgorithm, hashrate: Double, sequence: Int) -> MiningJob {
        var prefix = [UInt8](repeating: 0, count: 76)
        for index in prefix.indices { prefix[index] = UInt8.random(in: 0...255) }
        prefix[0] = 16; prefix[1] = 16  // major/minor version 16 (RandomX era), as real blobs start
        let template = prefix
        let target = ShareTarget(expectedHashesPerShare: max(hashrate, 1) * secondsPerShare)
        return MiningJob(
            id: "bench-\(sequence)", algorithm: algorithm, target: target, seedHash: Self.randomXSeed,
            makeInput: { worker, roll in
                var blob = template
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: worker).littleEndian) {
                    blob.replaceSubrange(43..<47, with: $0)
                }
                withUnsafeBytes(of: roll.littleEndian) { blob.replaceSubrange(47..<51, with: $0) }
                return blob
            })
    }
}
