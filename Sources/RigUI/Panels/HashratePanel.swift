import RigEngine

/// Total hashrate over xmrig's three windows, with a history graph and a labelled scale.
public struct HashratePanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let rate = model.engine.hashrate
        let inner = Box(title: "Hashrate", trailingTitle: model.engine.kernel.map { $0.flavour }, borderRole: .hashrateBox)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let windows = [("10s", rate.tenSeconds), ("60s", rate.sixtySeconds), ("15m", rate.fifteenMinutes)]
        var x = inner.x
        for (label, value) in windows {
            x = canvas.write(label + " ", x: x, y: inner.y, style: Style(.dimText), clip: inner)
            x = canvas.write(Format.hashrate(value), x: x, y: inner.y, style: Style(.highlight, attributes: .bold), clip: inner)
            x = canvas.write("   ", x: x, y: inner.y, clip: inner)
        }
        let graphRect = inner.inset(top: 1)
        guard graphRect.height > 0 else { return }
        let width = max(1, graphRect.width - 8) * (model.glyphs.usesBraille ? 2 : 1)
        let values = Array(model.engine.history.values.suffix(width))
        BrailleGraph(values: values, formatLabel: { HashrateFormat.string($0) })
            .draw(in: graphRect, on: &canvas, glyphs: model.glyphs)
    }
}
