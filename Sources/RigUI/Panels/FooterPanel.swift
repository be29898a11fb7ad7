/// The bottom line: the keys, as htop shows them.
public struct FooterPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, with: " ", style: Style(.foreground))
        // A fresh notice (theme change, broken theme file) takes the line for five seconds.
        if let notice = model.notices.last, (0..<5).contains(model.now - notice.time) {
            canvas.write(notice.text, x: rect.x, y: rect.y, style: Style(.warn, attributes: .bold),
                         clip: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: 1))
            return
        }
        let items: [(String, String)] = [
            ("1-\(min(9, model.coins.count))", "coin"), ("Tab", "next"), ("+/-", "threads"), ("p", "pause"),
            ("t", "theme"), ("h", "help"), ("q", "quit"),
        ]
        var x = rect.x
        for (key, label) in items {
            x = canvas.write(key, x: x, y: rect.y, style: Style(.selectedForeground, background: .selectedBackground, attributes: .bold), clip: rect)
            x = canvas.write(" " + label + "  ", x: x, y: rect.y, style: Style(.foreground), clip: rect)
        }
        // Right-aligned, leaving the bottom-right cell alone (writing it scrolls some terminals).
        let theme = "theme " + model.themeName + " "
        let themeX = rect.maxX - TextWidth.width(of: theme)
        if themeX > x { canvas.write(theme, x: themeX, y: rect.y, style: Style(.dimText), clip: rect) }
    }
}
