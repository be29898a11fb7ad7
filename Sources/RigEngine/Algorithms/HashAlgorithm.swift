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
    /// RandomX (Monero); needs librandomx and a seed-derived dataset.
    case randomx

    public var description: String { rawValue }

    /// Where the 32-bit nonce sits in the hashing input.
    public var nonceOffset: Int {
        switch self {
        case .sha256d, .scrypt: 76  // Bitcoin-style header: version…nbits, then nonce
        case .randomx: 39  // Monero hashing blob
        }
    }

    /// Whether this build can mine the algorithm at all.
    public var isAvailable: Bool {
        switch self {
        case .sha256d, .scrypt: true
        case .randomx: unavailableReason == nil
        }
    }

    /// Why ``isAvailable`` is false, in words for the user; nil when available.
    public var unavailableReason: String? {
        switch self {
        case .sha256d, .scrypt: nil
        case .randomx:
            if case .failure(let error) = RandomXLibrary.system { error.description } else { nil }
        }
    }

    /// The portable reference digest of `input`, as the algorithm produces it.
    ///
    /// Used to re-verify every share a kernel reports and by `rigtop hash`; never in a hash loop.
    public func referenceDigest(_ input: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256d: SHA256.doubleHash(input)
        case .scrypt: Scrypt.litecoinProofOfWork(input)
        case .randomx: preconditionFailure("RandomX digests need a seed; use referenceDigest(_:seed:)")
        }
    }

    /// The digest of `input` under `seed` (RandomX's key; ignored by the other algorithms), from a
    /// light-mode VM: builds a 256 MiB cache (≈ 1 s), so hash many inputs with one ``RandomXVM``.
    public func referenceDigest(_ input: [UInt8], seed: [UInt8]) throws -> [UInt8] {
        switch self {
        case .sha256d, .scrypt: return referenceDigest(input)
        case .randomx:
            let library = try RandomXLibrary.system.get()
            let dataset = try RandomXDataset(seed: seed, mode: .light, library: library, threads: 1)
            return try RandomXVM(dataset: dataset).hash(input)
        }
    }

    /// The kernels this CPU can run for the algorithm, fastest first by design (not measured).
    public var availableKernels: [HashKernel] {
        HashKernel.allCases.filter { $0.algorithm == self && $0.isSupported }
    }
}
