import Foundation
import RigEngine
import RigFarm
import RigInput
import RigUI

/// `rigtop farm --measure N`: what one refresh of the farm view costs, measured on the real
/// source: the queries and their parsing (`snapshot()`), then the view's work on the result
/// (filter and sort, layout, drawing the frame into text), and a scroll step through all rows.
/// Peak memory is the process' maximum resident set (getrusage). Beside wall time, each phase's
/// CPU time (user and system, getrusage) is reported: on a shared, loaded machine wall time
/// includes waiting for a core, CPU time is the work itself. The first refresh is reported
/// apart from the later ones (min, median, max over refreshes 2…N), which read only what changed.
enum FarmMeasure {
    static func run(source: any FarmSource, refreshes: Int, size: TerminalSize) async throws -> JSONValue {
        var snapshotMilliseconds: [Double] = []
        var viewMilliseconds: [Double] = []
        var snapshotCPU: [Double] = []
        var viewCPU: [Double] = []
        var rigs = 0
        var model = FarmModel()
        model.glyphs = .unicode
        var screen = TextScreen(size: size)
        let theme = Theme.default
        for _ in 0..<refreshes {
            let started = ContinuousClock.now
            let startedCPU = cpuMilliseconds()
            let snapshot = try await source.snapshot()
            let fetched = ContinuousClock.now
            let fetchedCPU = cpuMilliseconds()
            model.board.reading = FarmReading(snapshot: snapshot, readAt: snapshot.time, attemptedAt: snapshot.time)
            model.now = snapshot.time
            model.refreshOrder()
            screen.draw(FarmLayout.render(model, size: size), theme: theme)
            let drawn = ContinuousClock.now
            snapshotCPU.append(fetchedCPU - startedCPU)
            viewCPU.append(cpuMilliseconds() - fetchedCPU)
            snapshotMilliseconds.append(milliseconds(fetched - started))
            viewMilliseconds.append(milliseconds(drawn - fetched))
            rigs = snapshot.rigs.count
        }
        // Scrolling: one selection step and a redraw, through every row.
        let steps = max(1, model.order.count)
        let scrollStart = ContinuousClock.now
        let scrollStartCPU = cpuMilliseconds()
        for _ in 0..<steps {
            model.moveSelection(by: 1)
            screen.draw(FarmLayout.render(model, size: size), theme: theme)
        }
        let scrollMilliseconds = milliseconds(ContinuousClock.now - scrollStart) / Double(steps)
        let scrollCPU = (cpuMilliseconds() - scrollStartCPU) / Double(steps)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func tenth(_ value: Double) -> JSONValue { .number((value * 10).rounded() / 10) }
        func summary(_ values: [Double]) -> JSONValue {
            let sorted = values.sorted()
            return ["min": tenth(sorted.first ?? 0), "median": tenth(sorted[sorted.count / 2]), "max": tenth(sorted.last ?? 0)]
        }
        // The first refresh reads what later ones keep (the rigs gone in the last hour, the whole
        // history window); the later ones are what a person watching sees every few seconds.
        let later = refreshes > 1 ? 1... : 0...
        let refreshMilliseconds = zip(snapshotMilliseconds, viewMilliseconds).map { $0 + $1 }
        return [
            "rigs": .number(Double(rigs)), "refreshes": .number(Double(refreshes)),
            "screen": .string("\(size.columns)x\(size.rows)"),
            "first_refresh_ms": tenth(refreshMilliseconds[0]), "first_cpu_queries_and_parse_ms": tenth(snapshotCPU[0]),
            "queries_and_parse_ms": summary(Array(snapshotMilliseconds[later])),
            "sort_layout_draw_ms": summary(Array(viewMilliseconds[later])),
            "refresh_ms": summary(Array(refreshMilliseconds[later])),
            "scroll_step_ms": tenth(scrollMilliseconds),
            "cpu_queries_and_parse_ms": summary(Array(snapshotCPU[later])), "cpu_sort_layout_draw_ms": summary(Array(viewCPU[later])),
            "cpu_scroll_step_ms": tenth(scrollCPU),
            "peak_rss_mib": tenth(Double(usage.ru_maxrss) / 1024),
        ]
    }

    /// This process' CPU time so far (all threads, user and system), ms.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
