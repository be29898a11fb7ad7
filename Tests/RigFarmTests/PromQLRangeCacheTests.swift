@testable import RigFarmSources
import Testing

/// The history window kept between refreshes: which steps a refresh asks for, and the series
/// after the new steps are laid on the cached ones.
@Suite struct PromQLRangeCacheTests {
    static func series(_ instance: String, _ points: [(Double, Double)]) -> PromSeries {
        PromSeries(labels: ["instance": instance, "job": "rigtop"], points: points.map { PromPoint(time: $0.0, value: $0.1) })
    }

    static func bounds(_ range: (start: Double, end: Double)) -> [Double] { [range.start, range.end] }

    static func points(_ cache: PromQLRangeCache, _ instance: String) -> [Double] {
        cache.all.first { $0.labels["instance"] == instance }?.points.map(\.time) ?? []
    }

    @Test func theFirstReadIsTheWholeWindowOnTheGrid() {
        let cache = PromQLRangeCache(step: 30, window: 900)
        #expect(Self.bounds(cache.missing(at: 10_017)) == [9_090, 9_990])
    }

    @Test func laterReadsAskFromTheNewestStepAndAppend() {
        var cache = PromQLRangeCache(step: 30, window: 900)
        let first = cache.missing(at: 10_017)
        cache.merge([Self.series("a", stride(from: 9_090.0, through: 9_990, by: 30).map { ($0, 1) })], range: first)
        #expect(Self.points(cache, "a").count == 31)

        // No new step yet: the newest is read again and replaced.
        let same = cache.missing(at: 10_019)
        #expect(Self.bounds(same) == [9_990, 9_990])
        cache.merge([Self.series("a", [(9_990, 5)])], range: same)
        #expect(cache.all.first?.points.last == PromPoint(time: 9_990, value: 5))
        #expect(Self.points(cache, "a").count == 31)

        // Two new steps: the oldest two leave the window; a series read only now starts now.
        let later = cache.missing(at: 10_051)
        #expect(Self.bounds(later) == [9_990, 10_050])
        cache.merge([Self.series("a", [(9_990, 5), (10_020, 6), (10_050, 7)]), Self.series("b", [(10_050, 1)])], range: later)
        #expect(Self.points(cache, "a") == Array(stride(from: 9_150.0, through: 10_050, by: 30)))
        #expect(Self.points(cache, "b") == [10_050])
        #expect(cache.newest == 10_050)
    }

    @Test func aSeriesMissingFromTheNewReadKeepsItsOlderPointsOnly() {
        var cache = PromQLRangeCache(step: 30, window: 900)
        cache.merge([Self.series("a", [(9_930, 1), (9_960, 1), (9_990, 1)])], range: cache.missing(at: 9_990))
        let next = cache.missing(at: 10_020)
        cache.merge([], range: next)
        #expect(Self.points(cache, "a") == [9_930, 9_960])
        cache.merge([], range: cache.missing(at: 20_000))
        #expect(cache.all.isEmpty, "a window with no points drops the series")
    }

    @Test func timeGoingBackOrJumpingReadsTheWholeWindowAgain() {
        var cache = PromQLRangeCache(step: 30, window: 900)
        cache.merge([Self.series("a", [(9_990, 1)])], range: cache.missing(at: 9_990))
        #expect(Self.bounds(cache.missing(at: 9_000)) == [8_100, 9_000])
        #expect(Self.bounds(cache.missing(at: 12_000)) == [11_100, 12_000])
        let back = cache.missing(at: 9_000)
        cache.merge([Self.series("b", [(8_970, 2), (9_000, 3)])], range: back)
        #expect(Self.points(cache, "a").isEmpty && Self.points(cache, "b") == [8_970, 9_000])
    }

    @Test func pointsOutsideTheAskedRangeAreNotKept() {
        var cache = PromQLRangeCache(step: 30, window: 900)
        let range = cache.missing(at: 9_990)
        cache.merge([Self.series("a", [(1, 1), (9_990, 1), (1e12, 1), (.nan, 1), (.infinity, 1)])], range: range)
        #expect(Self.points(cache, "a") == [9_990])
    }

    @Test func knownRigsTakeTheLiveInfoSeries() {
        func info(_ instance: String, _ version: String) -> PromSample {
            PromSample(labels: ["__name__": "rigtop_info", "instance": instance, "job": "rigtop", "version": version],
                       point: PromPoint(time: 0, value: 1))
        }
        let merged = PrometheusFarmSource.merged(known: [info("a", "1"), info("b", "1")], live: [info("c", "2"), info("a", "2")])
        #expect(merged.map { $0.labels["instance"] } == ["a", "b", "c"])
        #expect(merged.map { $0.labels["version"] } == ["2", "1", "2"])
    }
}
