import Foundation
import RigEngine
import RigFarm
import RigUI

/// `rigtop farm --measure N`: what one refresh of the farm view costs, measured on the real
/// source: the queries and their parsing (`snapshot()`), then the view's work on the result
/// (filter and sort, layout, drawing the frame into text), and a scroll step through all rows.
/// Peak memory is the process' maximum resident set (getrusage).
enum FarmMeasure {
    static func run(source: any FarmSource, refreshes: Int, size: TerminalSize) async throws -> JSONValue {
        var snapshotMilliseconds: [Double] = []
        var viewMilliseconds: [Double] = []
        var rigs = 0
        var model = FarmModel()
        model.glyphs = .unicode
        var screen = TextScreen(size: size)
        let theme = Theme.default
        for _ in 0..<refreshes {
            let started = ContinuousClock.now
            let snapshot = try await source.snapshot()
            let fetched = ContinuousClock.now
            model.board.reading = FarmReading(snapshot: snapshot, readAt: snapshot.time, attemptedAt: snapshot.time)
            model.now = snapshot.time
            model.refreshOrder()
            screen.draw(FarmLayout.render(model, size: size), theme: theme)
            let drawn = ContinuousClock.now
            snapshotMilliseconds.append(milliseconds(fetched - started))
            viewMilliseconds.append(milliseconds(drawn - fetched))
            rigs = snapshot.rigs.count
        }
        // Scrolling: one selection step and a redraw, through every row.
        let steps = max(1, model.order.count)
        let scrollStart = ContinuousClock.now
        for _ in 0..<steps {
            model.moveSelection(by: 1)
            screen.draw(FarmLayout.render(model, size: size), theme: theme)
        }
        let scrollMilliseconds = milliseconds(ContinuousClock.now - scrollStart) / Double(steps)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func summary(_ values: [Double]) -> JSONValue {
            let sorted = values.sorted()
            return ["min": .number(sorted.first ?? 0), "median": .number(sorted[sorted.count / 2]), "max": .number(sorted.last ?? 0)]
        }
        return [
            "rigs": .number(Double(rigs)), "refreshes": .number(Double(refreshes)),
            "screen": .string("\(size.columns)x\(size.rows)"),
            "queries_and_parse_ms": summary(snapshotMilliseconds), "sort_layout_draw_ms": summary(viewMilliseconds),
            "refresh_ms": summary(zip(snapshotMilliseconds, viewMilliseconds).map { $0 + $1 }),
            "scroll_step_ms": .number(scrollMilliseconds),
            "peak_rss_mib": .number(Double(usage.ru_maxrss) / 1024),
        ]
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}
