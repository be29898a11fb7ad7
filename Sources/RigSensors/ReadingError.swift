import Glibc

/// Why a reading has no value.
///
/// Readers never throw out of a sample: every file that could not be turned into a number is kept
/// with one of these reasons, so the output can say "needs root" instead of showing `0`.
public enum ReadingError: Error, Sendable, Hashable {
    /// `open` or `read` failed with `EACCES` or `EPERM`.
    case permissionDenied
    /// The file is readable only by root (RAPL `energy_uj` since the PLATYPUS fix, mode 0400).
    case needsRoot
    /// The file held text that is not a number; the text is kept (trimmed, at most 32 characters).
    case notANumber(String)
    /// The file held a number no sensor can give (an Int64.max fan speed, a counter past 2^53):
    /// a broken driver or a tampered tree; the text is kept as for ``notANumber(_:)``.
    case outOfRange(String)
    /// The file was readable but held nothing (or only whitespace and NUL bytes).
    case empty
    /// `read` failed with another errno (`EIO`, `ENODATA`, `EAGAIN`, ...), as drivers do when a
    /// sensor is asleep or its bus is busy.
    case io(errno: Int32)
    /// The file was listed in its directory but was gone when it was opened (device unplugged,
    /// driver unbound).
    case vanished
    /// The file does not exist and was never listed (an optional attribute this kernel lacks).
    case missing
    /// A `device` symlink points at nothing; the link text is kept.
    case danglingLink(String)
    /// A rate (watts from an energy counter, utilisation from `/proc/stat`, a counter delta) needs
    /// a previous sample. Not a failure: the next sample has the value.
    case needsTwoSamples
    /// An energy counter went backwards with no known wrap range (driver reload or reset).
    case counterReset

    /// Maps an `errno` from `open`/`read` to a reason.
    public init(errno code: Int32) {
        switch code {
        case EACCES, EPERM: self = .permissionDenied
        case ENOENT, ENOTDIR: self = .missing
        default: self = .io(errno: code)
        }
    }
}

extension ReadingError: CustomStringConvertible {
    /// Short words for the text report and JSON (`"needs root"`, `"I/O error EIO"`).
    public var description: String {
        switch self {
        case .permissionDenied: "permission denied"
        case .needsRoot: "needs root"
        case .notANumber(let text): "not a number: \"\(text)\""
        case .outOfRange(let text): "out of range: \(text)"
        case .empty: "empty"
        case .io(let code): "I/O error \(ReadingError.errnoName(code))"
        case .vanished: "vanished"
        case .missing: "missing"
        case .danglingLink(let target): "dangling link -> \(target)"
        case .needsTwoSamples: "pending (needs two samples)"
        case .counterReset: "counter reset"
        }
    }

    static func errnoName(_ code: Int32) -> String {
        switch code {
        case EIO: "EIO"
        case ENODATA: "ENODATA"
        case EAGAIN: "EAGAIN"
        case ENXIO: "ENXIO"
        case ENODEV: "ENODEV"
        case EINVAL: "EINVAL"
        case EBUSY: "EBUSY"
        case ETIMEDOUT: "ETIMEDOUT"
        case EOPNOTSUPP: "EOPNOTSUPP"
        case EISDIR: "EISDIR"
        default: "errno \(code)"
        }
    }
}

extension ReadingError: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
