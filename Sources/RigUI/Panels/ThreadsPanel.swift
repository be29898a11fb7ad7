/// One row per worker thread: core, rates over the three windows, a sparkline, shares, and a mark
/// when its core is throttling. Scrolls when there are more threads than rows.
public struct ThreadsPanel: Panel {
    public var kind: DashboardPanel? { .threads }

    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let threads = model.engine.threads
        let inner = Box(title: "Threads", trailingTitle: "\(threads.count)", borderRole: .threadsBox,
                        titleRole: model.titleRole(.threads))
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
            cells.append("")  // history: the sparkline and the THROTTLED mark are drawn below
            return Table.Row(cells, style: throttled ? Style(.warn) : nil)
        }
        let table = Table(columns: columns, rows: rows, firstRow: model.threadScroll)
        table.draw(in: inner, on: &canvas, glyphs: model.glyphs)

        // Sparklines go into the history column of each visible row; a throttled row ends with
        // THROTTLED, drawn after its sparkline so that the sparkline's padding cannot erase it.
        let first = table.clampedFirstRow(in: inner)
        let visible = table.visibleRowCount(in: inner)
        if let historyFrame = table.columnFrames(in: inner).last, historyFrame.width > 0 {
            let peak = threads.compactMap { $0.history.values.max() }.max()
            for line in 0..<visible {
                let index = first + line
                guard index < threads.count else { break }
                let thread = threads[index]
                let throttled = thread.core.map { throttledCPUs.contains($0) } ?? false
                let row = historyFrame.row(line + 1)
                let markWidth = throttled ? min(row.width, 9) : 0
                if throttled {
                    canvas.write("THROTTLED", in: Rect(x: row.maxX - markWidth, y: row.y, width: markWidth, height: 1),
                                 alignment: .right, style: Style(.warn), ellipsis: model.glyphs.ellipsis)
                }
                let room = row.inset(right: throttled ? markWidth + 1 : 0)
                guard room.width > 2 else { continue }
                Sparkline(values: Array(thread.history.values.suffix(room.width)), maximum: peak)
                    .draw(in: room, on: &canvas, glyphs: model.glyphs)
            }
        }
        // The clicked row, highlighted across the whole row (its sparkline included) while it is
        // on screen; scrolling does not move it.
        if let highlighted = model.highlightedThread, highlighted >= first, highlighted < min(threads.count, first + visible) {
            canvas.restyle(inner.row(1 + highlighted - first)) { style in
                style.foreground = .role(.selectedForeground)
                style.background = .role(.selectedBackground)
            }
        }
        Box.drawPosition(first: first, visible: visible, total: threads.count, on: rect, canvas: &canvas)
    }

    /// The thread whose row is at screen row `row` when the panel fills `rect`, if any.
    static func thread(atRow row: Int, in rect: Rect, model: DashboardModel) -> Int? {
        let inner = rect.inset(by: 1)
        let visible = max(0, inner.height - 1)  // under the header row
        let count = model.engine.threads.count
        let first = min(max(model.threadScroll, 0), max(0, count - visible))
        let line = row - (inner.y + 1)
        guard line >= 0, line < visible, first + line < count else { return nil }
        return first + line
    }
}
