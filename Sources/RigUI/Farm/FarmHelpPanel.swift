/// The keys, generated from ``FarmKeyBindings`` so that it lists exactly those that work.
struct FarmHelpPanel {
    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "rigtop farm — keys", trailingTitle: "Esc or h closes", borderRole: .highlight)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        canvas.fill(inner)
        let help = model.bindings.help
        let width = help.map { TextWidth.width(of: $0.keys) }.max() ?? 0
        for (index, line) in help.enumerated() where index < inner.height {
            canvas.write(line.keys.padding(width + 2) + line.text, in: inner.row(index))
        }
        let sorts = "sort columns: " + FarmSortKey.allCases.map(\.rawValue).joined(separator: ", ")
        if help.count + 1 < inner.height { canvas.write(sorts, in: inner.row(help.count + 1), style: Style(.dimText)) }
        if help.count + 2 < inner.height, !model.themeName.isEmpty {
            canvas.write("theme: \(model.themeName)", in: inner.row(help.count + 2), style: Style(.dimText))
        }
    }
}
