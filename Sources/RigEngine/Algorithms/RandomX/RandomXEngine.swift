/// Which RandomX implementation hashes: rigtop's own (the C target `CRandomX`, written from the
/// specification, v1 and v2) or Debian's librandomx (v1 only), kept for side-by-side runs and as
/// the oracle the tests compare with.
public enum RandomXEngine: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// rigtop's own engine, linked in: RandomX v1 and v2, commitments.
    case rigtop
    /// librandomx, loaded at run time from the system (`librandomx0`).
    case librandomx

    public var description: String { rawValue }

    /// The engine used when none is named: rigtop's own. Side by side on rx/0 (full mode, 2
    /// threads, Benchmarks/randomx_vs_xmrig.sh, figures in README) it hashed at a median 1.30x
    /// librandomx's rate and built the dataset in 0.85x its time, and it is the only one here
    /// that computes v2, so rigtop needs no librandomx at run time.
    public static let `default`: RandomXEngine = .rigtop

    /// The engine for `version`: `preferred` where it computes that version, else rigtop's own.
    public static func engine(for version: RandomXVersion, preferred: RandomXEngine = .default) -> RandomXEngine {
        if version == .v2, preferred == .librandomx, case .success(let library) = RandomXLibrary.system,
            !library.supportsV2
        {
            return .rigtop
        }
        return preferred
    }

    /// The function table of this engine, or why it cannot run.
    public var library: Result<RandomXLibrary, RandomXLibraryError> {
        switch self {
        case .rigtop: .success(.rigtop)
        case .librandomx: RandomXLibrary.system
        }
    }
}
