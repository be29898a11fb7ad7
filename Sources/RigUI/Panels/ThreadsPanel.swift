/// One row per worker thread: core, rates over the three windows, a sparkline, shares, and a mark
/// when its core is throttling. Scrolls when there are more threads than rows.
public struct ThreadsPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let threads = model.engine.threads
        let inner = Box(title: "Threads", trailingTitle: "\(threads.count)", borderRole: .threadsBox)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let throttledCPUs = Set(model.sensors?.cpus.filter(\.verdict.isThrottling).map(\.cpu) ?? [])
        let wide = inner.width >= 60
        var columns: [Table.Column] = [
            .init("#", width: .fixed(3), alignment: .right),
            .init("core", width: .fixed(4), alignment: .right),
            .init("10s", width: .fixed(10), alignment: .right),
            .init("60s", width: .fixed(10), alignment: .right),
        ]
        if wide { columns.append(.init("15m", width: .fixed(10), alignment: .right)) }
        columns.append(.init("shares", width: .fixed(6), alignment: .right))
        columns.append(.init("history", width: .fill))
        let rows = threads.map { thread -> Table.Row in
            let throttled = thread.core.map { throttledCPUs.contains($0) } ?? false
            var cells = [
                "\(thread.index)",
                thread.core.map { "\($0)" + (thread.pinned ? "" : "?") } ?? "-",
                Format.hashrate(thread.hashrate.tenSeconds),
                Format.hashrate(thread.hashrate.sixtySeconds),
            ]
            if wide { cells.append(Format.hashrate(thread.hashrate.fifteenMinutes)) }
            cells.append("\(thread.shares)")
            cells.append(throttled ? "THROTTLED" : "")
            return Table.Row(cells, style: throttled ? Style(.warn) : nil)
        }
        let table = Table(columns: columns, rows: rows, firstRow: model.threadScroll)
        table.draw(in: inner, on: &canvas, glyphs: model.glyphs)

        // Sparklines go into the history column of each visible row.
        guard let historyFrame = table.columnFrames(in: inner).last, historyFrame.width > 2 else { return }
        let first = table.clampedFirstRow(in: inner)
        let peak = threads.compactMap { $0.history.values.max() }.max()
        for line in 0..<table.visibleRowCount(in: inner) {
            let index = first + line
            guard index < threads.count else { break }
            let thread = threads[index]
            let throttled = thread.core.map { throttledCPUs.contains($0) } ?? false
            let room = historyFrame.row(line + 1).inset(right: throttled ? 10 : 0)
            guard room.width > 0 else { continue }
            Sparkline(values: Array(thread.history.values.suffix(room.width)), maximum: peak)
                .draw(in: room, on: &canvas, glyphs: model.glyphs)
        }
        if first > 0 || first + table.visibleRowCount(in: inner) < threads.count {
            let more = "\(first + 1)–\(min(threads.count, first + table.visibleRowCount(in: inner)))/\(threads.count)"
            canvas.write(more, in: Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1),
                         alignment: .right, style: Style(.dimText))
        }
    }
}
