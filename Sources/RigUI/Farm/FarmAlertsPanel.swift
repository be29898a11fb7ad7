import RigFarm

/// The alerts Prometheus reports firing, newest first: how long ago, name, severity, rig,
/// summary.
struct FarmAlertsPanel {
    static let maximumLines = 6

    static func height(_ model: FarmModel) -> Int {
        min(maximumLines, max(1, model.board.reading.snapshot?.alerts.count ?? 0)) + 2
    }

    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let alerts = model.board.reading.snapshot?.alerts ?? []
        let inner = Box(title: "Alerts firing \(alerts.count)", borderRole: alerts.isEmpty ? .earningsBox : .bad)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        if alerts.isEmpty {
            let source = model.board.reading.snapshot?.source
            canvas.write(source == "direct" ? "alerts come from Prometheus (not in --rig mode)" : "none",
                         in: inner.row(0), style: Style(.dimText))
            return
        }
        for (line, alert) in alerts.prefix(inner.height).enumerated() {
            let age = alert.activeAt.map { Format.duration(model.now - $0) } ?? "?"
            let text = [age.padding(7), alert.name.padding(24), (alert.severity ?? "").padding(9), alert.summary].joined(separator: " ")
            canvas.write(text, in: inner.row(line), style: Style(alert.severity == "critical" ? .bad : .warn))
        }
    }
}
