public import RigFarm

/// The farm view's frame: a header line, the rigs table (all the height the totals and alerts
/// leave), totals per coin, firing alerts and a status line; or one rig's detail; or help.
public enum FarmLayout {
    public static let minimumSize = TerminalSize(columns: 40, rows: 12)

    public static func render(_ model: FarmModel, size: TerminalSize) -> Canvas {
        var canvas = Canvas(width: max(0, size.columns), height: max(0, size.rows))
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            canvas.write("rigtop farm needs \(minimumSize) (this is \(size)); q quits", in: canvas.bounds.row(0),
                         style: Style(.warn))
            return canvas
        }
        let rows = size.bounds.split(rows: [.fixed(1), .fill, .fixed(1)])
        drawHeader(model, in: rows[0], on: &canvas)
        FarmStatusLine().draw(model, in: rows[2], on: &canvas)
        if model.showsHelp {
            FarmHelpPanel().draw(model, in: rows[1], on: &canvas)
        } else if model.detailID != nil {
            FarmDetailPanel().draw(model, in: rows[1], on: &canvas)
        } else {
            let body = rows[1].split(rows: [.fill, .fixed(FarmTotalsPanel.height(model)), .fixed(FarmAlertsPanel.height(model))])
            FarmRigsPanel().draw(model, in: body[0], on: &canvas)
            FarmTotalsPanel().draw(model, in: body[1], on: &canvas)
            FarmAlertsPanel().draw(model, in: body[2], on: &canvas)
        }
        return canvas
    }

    /// Rows of rigs the table shows at `size` (for paging).
    public static func visibleRigRows(_ model: FarmModel, size: TerminalSize) -> Int {
        max(1, size.rows - 2 - FarmTotalsPanel.height(model) - FarmAlertsPanel.height(model) - 3)
    }

    static func drawHeader(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let rigs = model.rigs
        let down = rigs.filter { $0.state == .down }.count
        let mining = rigs.filter { $0.state == .mining }.count
        var text = "rigtop farm  \(rigs.count) rig\(rigs.count == 1 ? "" : "s"): \(mining) mining"
        if down > 0 { text += ", \(down) down" }
        let other = rigs.count - down - mining
        if other > 0 { text += ", \(other) other" }
        if let alerts = model.board.reading.snapshot?.alerts.count, alerts > 0 { text += "  \(alerts) alert\(alerts == 1 ? "" : "s") firing" }
        canvas.write(text, in: rect, style: Style(.title, attributes: .bold))
    }

    /// The farm as plain text at `width` columns, tall enough for every rig (`--once`).
    public static func text(_ snapshot: FarmSnapshot, width: Int = 120, now: Double) -> String {
        var model = FarmModel()
        model.board.reading = FarmReading(snapshot: snapshot, readAt: now, attemptedAt: now)
        model.now = now
        model.glyphs = .ascii
        model.showsKeys = false
        model.refreshOrder()
        model.selectedID = nil
        let height = max(minimumSize.rows, snapshot.rigs.count + 4 + FarmTotalsPanel.height(model) + FarmAlertsPanel.height(model) + 2)
        return render(model, size: TerminalSize(columns: width, rows: height)).lines
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}
