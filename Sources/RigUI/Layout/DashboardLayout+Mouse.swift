extension DashboardLayout {
    /// What is under the cell at `column`, `row` of the frame ``render(_:size:)`` draws for
    /// `model` at `size`: a coin in the footer, a panel's title, a thread's row, a panel; nil for
    /// the header, an overlay, a terminal too small, or no panel.
    public static func target(column: Int, row: Int, model: DashboardModel, size: TerminalSize) -> MouseTarget? {
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows, !model.showsHelp else { return nil }
        for (panel, rect) in placements(for: size) where rect.contains(column: column, row: row) {
            if panel is FooterPanel {
                return FooterPanel.coin(atColumn: column - rect.x, model: model, width: rect.width).map { .coin(index: $0) }
            }
            guard let kind = panel.kind else { return nil }
            if row == rect.y { return .panelTitle(kind) }
            if kind == .threads, let index = ThreadsPanel.thread(atRow: row, in: rect, model: model) {
                return .threadRow(index: index)
            }
            return .panel(kind)
        }
        return nil
    }

    /// The furthest `panel` scrolls at `size`: its rows past one page; 0 when it does not scroll
    /// or is not shown.
    public static func maxScroll(_ panel: DashboardPanel, model: DashboardModel, size: TerminalSize) -> Int {
        guard let rect = placements(for: size).first(where: { $0.0.kind == panel })?.1 else { return 0 }
        switch panel {
        case .threads: return max(0, model.engine.threads.count - visibleThreadRows(for: size))
        case .thermals: return ThermalsPanel().maxScroll(model, in: rect)
        case .hashrate, .power, .earnings: return 0
        }
    }
}
