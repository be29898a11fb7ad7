import RigEngine
import RigFarm

/// The rigs table: one row per rig, the columns that fit the width (less important ones fold
/// away first), the sort column marked, the selected row highlighted, temperatures coloured
/// against each rig's own limits and the 15-minute hashrate as a sparkline.
///
/// Only the visible rows are formatted, so a draw costs the same at 1,000 rigs as at 20.
struct FarmRigsPanel {
    struct Column: Sendable {
        var title: String
        var width: Int
        var alignment: Alignment = .right
        /// Columns with higher numbers fold away first on narrow terminals.
        var priority: Int
        var sort: FarmSortKey?
        /// What is drawn over the cell's text: a colour from the rig's state or temperature, or
        /// the sparkline.
        var overlay: Overlay = .none
        var cell: @Sendable (FarmRig, Double) -> String
    }

    enum Overlay: Sendable { case none, stateColour, temperatureColour, sparkline }

    static let minimumRigWidth = 14

    static let allColumns: [Column] = [
        Column(title: "State", width: 11, alignment: .left, priority: 0, sort: .state, overlay: .stateColour) { rig, _ in
            rig.state == .down ? "down " + (rig.downForSeconds.map(Format.duration) ?? "") : rig.state.rawValue
        },
        Column(title: "Coin", width: 5, alignment: .left, priority: 1, sort: .coin) { rig, _ in rig.coin ?? "" },
        Column(title: "Algo", width: 7, alignment: .left, priority: 6, sort: nil) { rig, _ in rig.algorithm ?? "" },
        Column(title: "H/s 60s", width: 10, priority: 0, sort: .hashrate) { rig, _ in
            rig.state == .down ? "" : Format.hashrate(rig.hashrate.sixtySeconds)
        },
        Column(title: "15 min", width: 12, alignment: .left, priority: 4, sort: nil, overlay: .sparkline) { _, _ in "" },
        Column(title: "Acc/Rej/Stl", width: 13, priority: 2, sort: .shares) { rig, _ in
            guard rig.state != .down, let accepted = rig.shares.accepted else { return "" }
            return "\(accepted)/\(rig.shares.rejected ?? 0)/\(rig.shares.stale ?? 0)"
        },
        Column(title: "Temp", width: 6, priority: 1, sort: .temperature, overlay: .temperatureColour) { rig, _ in
            rig.temperature.map { Format.fixed($0.celsius, 0) + "°C" } ?? ""
        },
        Column(title: "Watts", width: 7, priority: 2, sort: .watts) { rig, _ in
            rig.power.map { ($0.measured ? "" : "~") + Format.fixed($0.watts, $0.watts < 100 ? 1 : 0) + "W" } ?? ""
        },
        Column(title: "H/s/W", width: 8, priority: 5, sort: .efficiency) { rig, _ in
            rig.hashesPerWatt.map { Format.count($0) } ?? ""
        },
        Column(title: "Net/day", width: 10, priority: 3, sort: .earnings) { rig, _ in
            rig.earnings.map { Money(currency: $0.currency).format($0.netPerDay, cents: true) } ?? ""
        },
        Column(title: "Share", width: 6, priority: 4, sort: .lastShare) { rig, _ in
            rig.lastShareAgeSeconds.map(Format.duration) ?? ""
        },
    ]

    /// The columns that fit `width` beside a rig column of at least ``minimumRigWidth``.
    static func columns(width: Int) -> [Column] {
        var columns = allColumns
        func needed() -> Int { columns.reduce(minimumRigWidth) { $0 + $1.width + 1 } }
        while needed() > width, let drop = columns.indices.max(by: { columns[$0].priority < columns[$1].priority }),
              columns[drop].priority > 0 {
            columns.remove(at: drop)
        }
        return columns
    }

    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let rigs = model.rigs
        let shown = model.order.count
        let filter = model.filter.isEmpty ? "" : " filter \"\(model.filter)\"\(model.editingFilter ? "_" : "")"
        let title = "Rigs \(shown == rigs.count ? "\(shown)" : "\(shown) of \(rigs.count)")\(filter)"
        let descending = model.sort.descendingByDefault != model.sortReversed
        let sortMark = model.glyphs == .ascii ? (descending ? " v" : " ^") : (descending ? "▼" : "▲")
        let inner = Box(title: title, trailingTitle: "sort: \(model.sort.rawValue)\(sortMark)", borderRole: .threadsBox)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.width > 0, inner.height > 1 else { return }

        let columns = Self.columns(width: inner.width)
        var tableColumns = [Table.Column("Rig", width: .fill)]
        tableColumns += columns.map { column in
            Table.Column(column.sort == model.sort ? column.title + sortMark : column.title, width: .fixed(column.width),
                         alignment: column.alignment)
        }
        let visible = max(0, inner.height - 1)
        let selected = model.selectedIndex
        var first = min(max(0, model.firstRow), max(0, shown - visible))
        if let selected, visible > 0 {
            if selected < first { first = selected }
            if selected >= first + visible { first = selected - visible + 1 }
        }
        let window = model.order.dropFirst(first).prefix(visible)
        let rows: [Table.Row] = window.map { index in
            let rig = rigs[index]
            let name = rig.worker == rig.instance ? rig.instance : "\(rig.worker) \(rig.instance)"
            return Table.Row([name] + columns.map { $0.cell(rig, model.now) }, style: Style(rig.state == .down ? .bad : .foreground))
        }
        let table = Table(columns: tableColumns, rows: rows, selectedRow: selected.map { $0 - first })
        table.draw(in: inner, on: &canvas, glyphs: model.glyphs)

        // Sparklines on every drawn row; per-cell colours where the selection's colours are not.
        let frames = table.columnFrames(in: inner)
        for (line, index) in window.enumerated() {
            let rig = rigs[index]
            let isSelected = selected == first + line
            for (offset, column) in columns.enumerated() {
                let cell = frames[offset + 1].row(line + 1)
                switch column.overlay {
                case .stateColour where !isSelected: canvas.restyle(cell) { $0.foreground = .role(Self.stateRole(rig.state)) }
                case .temperatureColour where !isSelected:
                    if let temperature = rig.temperature {
                        canvas.restyle(cell) { $0.foreground = .role(Self.temperatureRole(temperature)) }
                    }
                case .sparkline:
                    let values = rig.history.map { $0 ?? 0 }
                    Sparkline(values: values, role: isSelected ? .selectedForeground : .threadSparkline)
                        .draw(in: cell, on: &canvas, glyphs: model.glyphs)
                    if isSelected { canvas.restyle(cell) { $0.background = .role(.selectedBackground) } }
                case .none, .stateColour, .temperatureColour: break
                }
            }
        }
        if shown > visible {
            Box.drawPosition(first: first, visible: visible, total: shown, on: rect, canvas: &canvas)
        }
        if rigs.isEmpty, inner.height > 2 {
            let text = model.board.reading.snapshot == nil ? "waiting for the first reading…" : "no rigs: no rigtop_info series in the last hour"
            canvas.write(text, in: inner.row(2), alignment: .center, style: Style(.dimText))
        }
    }

    static func stateRole(_ state: FarmRigState) -> ColorRole {
        switch state {
        case .mining: .good
        case .paused, .throttling: .warn
        case .tooHot, .poolDown, .down: .bad
        }
    }

    /// Coloured against the rig's own limits: warm from 10 °C under the limit, hot at it,
    /// critical at the critical temperature (85/95 °C, rigtop's defaults, where a rig gives none).
    static func temperatureRole(_ temperature: FarmTemperature) -> ColorRole {
        let limit = temperature.limitCelsius ?? 85
        let critical = temperature.criticalCelsius ?? 95
        if temperature.celsius >= critical { return .tempCritical }
        if temperature.celsius >= limit { return .tempHot }
        if temperature.celsius >= limit - 10 { return .tempWarm }
        return .tempNormal
    }
}
