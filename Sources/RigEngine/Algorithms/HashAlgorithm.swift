/// A proof-of-work hash function the engine can search with.
///
/// Adding an algorithm means a case here, a ``NonceSearcher`` for it and a line in
/// ``HashAlgorithm/makeSearcher(kernel:)``; the workers, the benchmark and the pool clients only ever
/// see this enum and the searcher protocol.
public enum HashAlgorithm: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Double SHA-256 of the 80-byte header (Bitcoin, Bitcoin Cash).
    case sha256d
    /// scrypt N=1024, r=1, p=1 over the 80-byte header (Litecoin, Dogecoin).
    case scrypt
    /// RandomX v1, "rx/0" (Monero until its v17 fork); needs a seed-derived cache or dataset.
    case randomx
    /// RandomX v2, "rx/2" (Monero from its v17 fork): shares are judged by the commitment.
    case randomxV2 = "randomx-v2"

    public var description: String { rawValue }

    /// Where the 32-bit nonce sits in the hashing input.
    public var nonceOffset: Int {
        switch self {
        case .sha256d, .scrypt: 76  // Bitcoin-style header: version…nbits, then nonce
        case .randomx, .randomxV2: 39  // Monero hashing blob
        }
    }

    /// The RandomX revision, for the RandomX algorithms; nil for the others.
    public var randomXVersion: RandomXVersion? {
        switch self {
        case .sha256d, .scrypt: nil
        case .randomx: .v1
        case .randomxV2: .v2
        }
    }

    /// Whether this is one of the RandomX revisions (they share a dataset and a searcher).
    public var isRandomX: Bool { randomXVersion != nil }

    /// The algorithm of a RandomX revision.
    public init(randomX version: RandomXVersion) {
        self = version == .v1 ? .randomx : .randomxV2
    }

    /// An algorithm by its name or a pool's alias ("rx/0", "rx/2", "randomx-v2"…).
    public init?(name: String) {
        if let known = HashAlgorithm(rawValue: name) {
            self = known
        } else if let version = RandomXVersion(stratumName: name) {
            self.init(randomX: version)
        } else {
            return nil
        }
    }

    /// Whether this build can mine the algorithm at all.
    public var isAvailable: Bool {
        switch self {
        case .sha256d, .scrypt: true
        case .randomx, .randomxV2: unavailableReason == nil
        }
    }

    /// Why ``isAvailable`` is false, in words for the user; nil when available.
    public var unavailableReason: String? {
        switch self {
        case .sha256d, .scrypt: nil
        case .randomx, .randomxV2:
            if case .failure(let error) = RandomXEngine.engine(for: randomXVersion ?? .v1).library {
                error.description
            } else {
                nil
            }
        }
    }

    /// The portable reference digest of `input`, as the algorithm produces it.
    ///
    /// Used to re-verify every share a kernel reports and by `rigtop hash`; never in a hash loop.
    public func referenceDigest(_ input: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256d: SHA256.doubleHash(input)
        case .scrypt: Scrypt.litecoinProofOfWork(input)
        case .randomx, .randomxV2: preconditionFailure("RandomX digests need a seed; use referenceDigest(_:seed:)")
        }
    }

    /// The digest of `input` under `seed` (RandomX's key; ignored by the other algorithms), from a
    /// light-mode VM: builds a 256 MiB cache (≈ 1 s), so hash many inputs with one ``RandomXVM``.
    /// For RandomX v2 this is the hash, not the commitment shares are judged by.
    public func referenceDigest(
        _ input: [UInt8], seed: [UInt8], engine: RandomXEngine = .default
    ) throws -> [UInt8] {
        guard let version = randomXVersion else { return referenceDigest(input) }
        let library = try RandomXEngine.engine(for: version, preferred: engine).library.get()
        let dataset = try RandomXDataset(seed: seed, mode: .light, library: library, threads: 1)
        return try RandomXVM(dataset: dataset, version: version).hash(input)
    }

    /// The kernels this CPU can run for the algorithm, fastest first by design (not measured).
    public var availableKernels: [HashKernel] {
        HashKernel.allCases.filter { $0.algorithm == self && $0.isSupported }
    }
}
