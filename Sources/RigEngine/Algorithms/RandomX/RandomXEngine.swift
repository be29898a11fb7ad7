/// Which RandomX implementation hashes: rigtop's own (the C target `CRandomX`, written from the
/// specification, v1 and v2) or Debian's librandomx (v1 only), kept for side-by-side runs and as
/// the oracle the tests compare with.
public enum RandomXEngine: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// rigtop's own engine, linked in: RandomX v1 and v2, commitments.
    case rigtop
    /// librandomx, loaded at run time from the system (`librandomx0`).
    case librandomx

    public var description: String { rawValue }

    /// The engine used when none is named. librandomx stays the default until rigtop's engine has
    /// been measured at least as fast on rx/0 (full mode, JIT) side by side; v2 always runs on
    /// rigtop's engine, which is the only one here that computes it.
    public static let `default`: RandomXEngine = .librandomx

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
