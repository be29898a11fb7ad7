/// Where each panel goes at a given terminal size, and the whole frame drawn from a model.
///
/// 80×24 and up: the full layout (hashrate and threads left, thermals, power and earnings right);
/// larger terminals give every panel more room. Between 40×12 and 80×24 the right column folds
/// away and the header and hashrate carry the essentials. Under 40×12: a plain message.
public enum DashboardLayout {
    /// The smallest terminal the dashboard draws on.
    public static let minimumSize = TerminalSize(columns: 40, rows: 12)

    /// The panels and their rects for a terminal of `size`.
    public static func placements(for size: TerminalSize) -> [(any Panel, Rect)] {
        let screen = size.bounds
        let rows = screen.split(rows: [.fixed(1), .fill, .fixed(1)])
        let (header, body, footer) = (rows[0], rows[1], rows[2])
        var placements: [(any Panel, Rect)] = [(HeaderPanel(), header), (FooterPanel(), footer)]
        if size.columns >= 80 && size.rows >= 24 {
            let columns = body.split(columns: [.fraction(0.55), .fill])
            let left = columns[0].split(rows: [.fraction(0.5), .fill])
            let powerRows = size.rows >= 40 ? 9 : 6
            let right = columns[1].split(rows: [.fill, .fixed(powerRows), .fixed(size.rows >= 40 ? 9 : 6)])
            placements += [
                (HashratePanel(), left[0]), (ThreadsPanel(), left[1]),
                (ThermalsPanel(), right[0]), (PowerPanel(), right[1]), (EarningsPanel(), right[2]),
            ]
        } else {
            let parts = body.split(rows: [.fraction(0.5), .fill])
            placements += [(HashratePanel(), parts[0]), (ThreadsPanel(), parts[1])]
        }
        return placements
    }

    /// How many thread rows the threads panel shows at `size` (inside its border, under its header).
    public static func visibleThreadRows(for size: TerminalSize) -> Int {
        let rect = placements(for: size).first { $0.0 is ThreadsPanel }?.1
        return max(1, (rect?.height ?? 0) - 3)
    }

    /// The whole frame for `model` on a terminal of `size`.
    public static func render(_ model: DashboardModel, size: TerminalSize) -> Canvas {
        var canvas = Canvas(width: max(0, size.columns), height: max(0, size.rows))
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            // Two short lines fit even a very small window; each is centred and clipped.
            let lines = ["terminal too small", "(need \(minimumSize.columns)×\(minimumSize.rows))"]
            let top = max(0, size.rows / 2 - 1)
            for (offset, line) in lines.enumerated() where top + offset < size.rows {
                canvas.write(TextWidth.fit(line, toWidth: max(0, size.columns), alignment: .center),
                             x: 0, y: top + offset, style: Style(.warn))
            }
            return canvas
        }
        for (panel, rect) in placements(for: size) {
            panel.draw(model, in: rect, on: &canvas)
        }
        if model.showsHelp {
            HelpOverlay().draw(model, in: size.bounds, on: &canvas)
        }
        return canvas
    }
}
