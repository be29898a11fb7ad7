import RigEngine

/// How a solo work source waits between attempts to reach its node: the pools' exponential
/// backoff with jitter (``PoolTiming``), reset by a session that brought work.
struct NodeBackoff {
    let timing: PoolTiming
    private(set) var next: Double

    init(timing: PoolTiming) {
        self.timing = timing
        next = timing.initialBackoff
    }

    /// The wait before the next attempt; doubles the one after it.
    mutating func take() -> Double {
        let wait = min(timing.maximumBackoff, next * Double.random(in: (1 - timing.jitter)...(1 + timing.jitter)))
        next = min(next * 2, timing.maximumBackoff)
        return max(wait, 0)
    }

    mutating func reset() { next = timing.initialBackoff }

    static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\(Double(Int(value * 10)) / 10) s"
    }
}
