import Synchronization

/// The counters of one worker thread.
///
/// Written only by its worker thread (one relaxed add per nonce batch, never per hash); read by
/// ``EngineStats`` at ≈1 Hz. The padding keeps the hot `hashes` word off the cache line of the
/// previous counter's fields.
public final class WorkerCounter: Sendable {
    private let leadingPad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    /// Hashes computed.
    public let hashes = Atomic<UInt64>(0)
    /// Shares found that met the job's target after re-verification.
    public let shares = Atomic<UInt64>(0)
    /// Kernel results that failed re-verification with the portable reference hash.
    public let hardwareErrors = Atomic<UInt64>(0)
    private let trailingPad: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

    public init() {}
}
