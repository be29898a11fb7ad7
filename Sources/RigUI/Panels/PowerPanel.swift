/// Watts per source, labelled measured or estimated, the total, efficiency and energy since start.
public struct PowerPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Power", borderRole: .powerBox).draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        guard let readings = model.sensors?.power else {
            canvas.write("reading sensors…", in: inner.row(0), style: Style(.dimText))
            return
        }
        var y = inner.y
        let summaryRows = 2
        for reading in readings where y < inner.maxY - summaryRows {
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let parts = line.split(columns: [.fill, .fixed(10), .fixed(10)])
            canvas.write(reading.label, in: parts[0], style: Style(.dimText))
            if let watts = reading.watts {
                canvas.write(Format.fixed(watts, 1) + " W", in: parts[1], alignment: .right, style: Style(.power))
            } else {
                canvas.write(reading.reason?.description ?? "n/a", in: Rect(x: parts[1].x, y: y, width: parts[1].width + parts[2].width, height: 1),
                             alignment: .right, style: Style(.warn))
            }
            if reading.watts != nil {
                canvas.write(reading.measured ? " measured" : " estimated", in: parts[2], style: Style(reading.measured ? .good : .warn))
            }
            y += 1
        }
        if readings.isEmpty, y < inner.maxY {
            canvas.write("no power source (set a CPU TDP to estimate)", in: inner.row(0), style: Style(.dimText))
            y += 1
        }
        y = max(y, inner.maxY - summaryRows)
        guard y < inner.maxY else { return }
        let total = model.totalWatts
        var x = canvas.write("total ", x: inner.x, y: y, style: Style(.dimText), clip: inner)
        x = canvas.write(total.map { Format.fixed($0.watts, 1) + " W" + ($0.measured ? "" : " (est.)") } ?? "n/a",
                         x: x, y: y, style: Style(.power, attributes: .bold), clip: inner)
        if let total, total.watts > 0, let rate = model.engine.hashrate.current {
            x = canvas.write("  " + Format.hashrate(rate / total.watts) + "/W", x: x, y: y, style: Style(.highlight), clip: inner)
        }
        y += 1
        guard y < inner.maxY else { return }
        canvas.write("energy since start " + Format.energy(joules: model.energyJoules), in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                     style: Style(.dimText))
    }
}
