import RigEngine

/// Total hashrate over xmrig's three windows, with a history graph and a labelled scale.
public struct HashratePanel: Panel {
    public var kind: DashboardPanel? { .hashrate }

    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let rate = model.engine.hashrate
        let kernel = model.engine.kernel.flatMap { $0.algorithm == model.engine.algorithm ? $0.flavour : nil }
        let inner = Box(title: "Hashrate", trailingTitle: kernel, borderRole: .hashrateBox, titleRole: model.titleRole(.hashrate))
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let windows = [("10s", rate.tenSeconds), ("60s", rate.sixtySeconds), ("15m", rate.fifteenMinutes)]
        // Three spaces between windows when they fit, else two; a window that does not fit whole
        // is left out rather than cut ("15m n/" reads as a broken number).
        let texts = windows.map { (label: $0.0 + " ", rate: Format.hashrate($0.1)) }
        let widths = texts.map { TextWidth.width(of: $0.label) + TextWidth.width(of: $0.rate) }
        let gap = widths.reduce(0, +) + 3 * (widths.count - 1) <= inner.width ? "   " : "  "
        var x = inner.x
        for (index, text) in texts.enumerated() {
            let lead = index == 0 ? "" : gap
            guard x + lead.count + widths[index] <= inner.maxX else { break }
            x = canvas.write(lead + text.label, x: x, y: inner.y, style: Style(.dimText), clip: inner)
            x = canvas.write(text.rate, x: x, y: inner.y, style: Style(.highlight, attributes: .bold), clip: inner)
        }
        // RandomX builds a 2 GiB dataset before the first hash: show its progress, not a flat graph.
        if let progress = model.engine.datasetProgress, progress < 1, inner.height > 1 {
            let row = inner.row(1)
            let label = "RandomX dataset " + Format.fixed(progress * 100, 0) + "% "
            let x = canvas.write(label, x: row.x, y: row.y, style: Style(.warn), clip: row)
            Meter(fraction: progress, text: model.engine.randomXMode)
                .draw(in: Rect(x: x, y: row.y, width: max(0, row.maxX - x), height: 1), on: &canvas, glyphs: model.glyphs)
            return
        }
        let graphRect = inner.inset(top: 1)
        guard graphRect.height > 0 else { return }
        let width = max(1, graphRect.width - 8) * (model.glyphs.usesBraille ? 2 : 1)
        let values = Array(model.engine.history.values.suffix(width))
        BrailleGraph(values: values, formatLabel: { HashrateFormat.string($0) })
            .draw(in: graphRect, on: &canvas, glyphs: model.glyphs)
    }
}
