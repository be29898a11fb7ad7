import RigInput

/// A range query's series over a sliding window, kept between refreshes so that a refresh asks
/// Prometheus only for the steps it has not seen: at 1,000 rigs the whole 15-minute window is
/// 31 points a series and costs Prometheus and rigtop several times what one or two steps cost.
///
/// Steps lie on a grid of absolute multiples of `step` seconds, so the steps of one refresh are
/// the steps of the next: a point once read stays right. The newest step cached is read again
/// (it may have been read before the scrapes at or just before it were stored; Prometheus waits
/// up to a scrape timeout, 10 s by default, for them). Series are keyed by the farm's row
/// (`PromQLSamples.rigKey`); a second series of one row replaces the first, as on a full read.
struct PromQLRangeCache: Sendable {
    /// Seconds between points.
    let step: Double
    /// Seconds the window reaches back from its newest step.
    let window: Double
    /// The newest step read, nil before the first read.
    private(set) var newest: Double?
    private var series: [String: PromSeries] = [:]

    init(step: Double, window: Double) {
        self.step = step
        self.window = window
    }

    /// The grid step at or just before `time`.
    func gridStep(atOrBefore time: Double) -> Double {
        (time / step).rounded(.down) * step
    }

    /// The steps to read for a window ending at `time`: from the newest step cached when that
    /// still lies in the window and not after `time`, else the whole window.
    func missing(at time: Double) -> (start: Double, end: Double) {
        let end = gridStep(atOrBefore: time)
        let start = end - window
        guard let newest, newest >= start, newest <= end else { return (start, end) }
        return (newest, end)
    }

    /// Takes in the series read for `range` (as `missing(at:)` gave it): their points replace
    /// the cached ones from `range.start` on, and points older than the window are dropped.
    mutating func merge(_ read: [PromSeries], range: (start: Double, end: Double)) {
        let oldest = range.end - window
        if newest.map({ range.start > $0 || $0 < oldest || $0 > range.end }) ?? true { series = [:] }
        var merged: [String: PromSeries] = [:]
        merged.reserveCapacity(max(series.count, read.count))
        for (key, one) in series {
            let kept = one.points.filter { $0.time >= oldest && $0.time < range.start }
            if !kept.isEmpty { merged[key] = PromSeries(labels: one.labels, points: kept) }
        }
        for one in read {
            let key = PromQLSamples.rigKey(one.labels)
            let points = one.points.filter { $0.time >= range.start && $0.time <= range.end }
            if var cached = merged[key] {
                cached.labels = one.labels
                cached.points += points
                merged[key] = cached
            } else {
                merged[key] = PromSeries(labels: one.labels, points: points)
            }
        }
        series = merged
        newest = range.end
    }

    /// Every row's series over the window ending at the newest step, oldest point first.
    var all: [PromSeries] { Array(series.values) }
}
