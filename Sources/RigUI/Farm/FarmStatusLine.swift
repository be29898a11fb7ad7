import RigFarm

/// The last line: the data's age or the latest error (the rows stay, with their age), and the
/// main keys.
struct FarmStatusLine {
    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let reading = model.board.reading
        let age = reading.ageSeconds(now: model.now).map { "data \(Format.duration($0)) old" } ?? "no data yet"
        let warnings = reading.snapshot?.warnings ?? []
        let status: String
        let role: ColorRole
        if let error = reading.error {
            status = "\(error) — showing \(age)"
            role = .bad
        } else if let warning = warnings.first {
            status = "\(age); partial: \(warning)"
            role = .warn
        } else {
            status = age + (reading.snapshot.map { " from \($0.source)" } ?? "")
            role = .dimText
        }
        let keys = !model.showsKeys ? "" : model.editingFilter ? "type to filter · Enter done · Esc clear"
            : model.detailID != nil ? "Esc back · q quit" : "↑↓ select · Enter detail · s/S sort · r reverse · / filter · h help · q quit"
        canvas.fill(rect, style: Style(.foreground))
        // The status comes first: the keys take what it leaves.
        let keysWidth = min(TextWidth.width(of: keys), max(0, rect.width - TextWidth.width(of: status) - 1))
        let parts = rect.split(columns: [.fill, .fixed(1), .fixed(keysWidth)])
        canvas.write(status, in: parts[0], style: Style(role))
        canvas.write(keys, in: parts[2], alignment: .right, style: Style(.dimText))
    }
}
