/// How long a work source waits between attempts to reach a pool or a node: exponential from
/// ``PoolTiming/initialBackoff`` to ``PoolTiming/maximumBackoff``, with ``PoolTiming/jitter``.
///
/// Reset it when a session brought work, so a source that was mining retries at once.
public struct ReconnectBackoff: Sendable {
    public let timing: PoolTiming
    /// The wait before jitter that the next ``take()`` returns.
    public private(set) var next: Double

    public init(timing: PoolTiming) {
        self.timing = timing
        next = timing.initialBackoff
    }

    /// The wait before the next attempt, in seconds; doubles the one after it.
    public mutating func take() -> Double {
        let wait = timing.jittered(next)
        next = min(next * 2, timing.maximumBackoff)
        // A jitter above 1 could stretch a wait below zero.
        return max(wait, 0)
    }

    public mutating func reset() { next = timing.initialBackoff }

    /// A wait as the log and the status show it: "0.5 s", "12 s".
    public static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\(Double(Int(value * 10)) / 10) s"
    }
}
