/// The help overlay: every key, generated from the bindings so it never drifts from them.
public struct HelpOverlay: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let lines = model.bindings.helpLines(ascii: !model.glyphs.usesBraille)
            + ["", "coins: " + model.coins.prefix(9).enumerated().map { "\($0.offset + 1) \($0.element.symbol)" }.joined(separator: "  ")]
        let width = min(rect.width - 2, (lines.map { TextWidth.width(of: $0) }.max() ?? 20) + 4)
        let height = min(rect.height - 2, lines.count + 2)
        guard width > 4, height > 2 else { return }
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2, width: width, height: height)
        canvas.fill(box, with: " ", style: Style(.foreground, background: .background))
        let inner = Box(title: "Help — Esc or h closes", borderRole: .highlight).draw(in: box, on: &canvas, glyphs: model.glyphs)
        for (index, line) in lines.enumerated() where index < inner.height {
            canvas.write(" " + line, in: inner.row(index), style: Style(.foreground))
        }
    }
}
