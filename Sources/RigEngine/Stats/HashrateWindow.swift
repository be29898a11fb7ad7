/// Hash-counter samples over the last 15 minutes, from which rates over any shorter window follow.
///
/// xmrig's convention: the rate over a window is the hashes counted between the newest sample and
/// the newest sample at least `window` seconds older, divided by the time between them; a window
/// has no rate ("n/a") until samples span it.
public struct HashrateWindow: Sendable {
    private var times: [Double]
    private var counts: [UInt64]
    private var start = 0
    private var count = 0

    /// - Parameter capacity: samples kept; 15 min at 1 Hz needs 900, plus slack for jitter.
    public init(capacity: Int = 960) {
        precondition(capacity >= 2)
        times = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
    }

    /// Records the counter's value at `time` (seconds, monotonic). A counter that went backwards
    /// (a thread replaced by a new one) starts the window afresh.
    public mutating func record(hashes: UInt64, at time: Double) {
        if let last = newest, hashes < last.hashes || time <= last.time {
            if hashes < last.hashes { reset() } else { return }
        }
        let slot = (start + count) % times.count
        times[slot] = time
        counts[slot] = hashes
        if count < times.count { count += 1 } else { start = (start + 1) % times.count }
    }

    public mutating func reset() {
        start = 0
        count = 0
    }

    /// The newest sample.
    public var newest: (time: Double, hashes: UInt64)? {
        guard count > 0 else { return nil }
        let slot = (start + count - 1) % times.count
        return (times[slot], counts[slot])
    }

    /// H/s over the last `seconds`, or nil while the samples do not yet span that long.
    public func rate(over seconds: Double) -> Double? {
        guard let newest, count >= 2 else { return nil }
        // Tolerate sampling jitter of a quarter second so a 10 s window fills after 10 samples.
        let cutoff = newest.time - seconds + 0.25
        // Binary search for the newest sample at or before the cutoff.
        var low = 0
        var high = count - 1
        var found: Int? = nil
        while low <= high {
            let mid = (low + high) / 2
            if times[(start + mid) % times.count] <= cutoff {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        guard let found else { return nil }
        let slot = (start + found) % times.count
        let elapsed = newest.time - times[slot]
        guard elapsed > 0 else { return nil }
        return Double(newest.hashes &- counts[slot]) / elapsed
    }
}
