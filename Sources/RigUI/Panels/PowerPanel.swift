/// Watts per source, labelled measured or estimated; the mining (CPU) power and its efficiency;
/// the GPUs' power beside it; energy since start.
public struct PowerPanel: Panel {
    public var kind: DashboardPanel? { .power }

    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Power", borderRole: .powerBox, titleRole: model.titleRole(.power)).draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        guard let readings = model.sensors?.power else {
            canvas.write("reading sensors…", in: inner.row(0), style: Style(.dimText))
            return
        }
        let gpus = model.gpuPower
        var y = inner.y
        // The summary at the bottom: mining power and efficiency, the GPUs' power beside it when
        // there is room, energy since start.
        let summaryRows = gpus != nil && inner.height >= 5 ? 3 : 2
        // "measured"/"estimated" give way to "meas."/"est." before a source's name is cut; a name
        // that is still too long keeps its last word (`amdgpu 0000:09:00.0 PPT` → `amdgpu 00… PPT`).
        let widest = readings.map { TextWidth.width(of: $0.label) }.max() ?? 0
        let short = widest + 1 + 10 + 10 > inner.width
        for reading in readings where y < inner.maxY - summaryRows {
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let parts = line.split(columns: [.fill, .fixed(10), .fixed(short ? 6 : 10)])
            canvas.write(SensorLabel.fit(reading.label, width: parts[0].width - 1, ellipsis: model.glyphs.ellipsis), in: parts[0],
                         style: Style(.dimText))
            if let watts = reading.watts {
                canvas.write(Format.fixed(watts, 1) + " W", in: parts[1], alignment: .right, style: Style(.power))
            } else {
                canvas.write(reading.reason?.description ?? "n/a", in: Rect(x: parts[1].x, y: y, width: parts[1].width + parts[2].width, height: 1),
                             alignment: .right, style: Style(.warn))
            }
            if reading.watts != nil {
                canvas.write(reading.measured ? (short ? " meas." : " measured") : (short ? " est." : " estimated"), in: parts[2], style: Style(reading.measured ? .good : .warn))
            }
            y += 1
        }
        if readings.isEmpty, y < inner.maxY {
            canvas.write(fullestOf: ["no power source (--cpu-tdp W to estimate)", "no power source (--cpu-tdp W)", "no power source"],
                         in: inner.row(0), style: Style(.dimText), ellipsis: model.glyphs.ellipsis)
            y += 1
        }
        y = max(y, inner.maxY - summaryRows)
        guard y < inner.maxY else { return }
        // Efficiency is the CPU's hashrate over the CPU's power: a GPU's watts would flatter or
        // sink it without hashing anything.
        var x = canvas.write("mining ", x: inner.x, y: y, style: Style(.dimText), clip: inner)
        if let mining = model.miningPower {
            x = canvas.write(Format.fixed(mining.watts, 1) + " W" + (mining.measured ? "" : " (est.)"),
                             x: x, y: y, style: Style(.power, attributes: .bold), clip: inner)
            if let efficiency = model.rig.hashesPerWatt {
                x = canvas.write("  " + Format.hashrate(efficiency) + "/W", x: x, y: y, style: Style(.highlight), clip: inner)
            }
        } else {
            x = canvas.write("n/a", x: x, y: y, style: Style(.power, attributes: .bold), clip: inner)
            if !readings.isEmpty {
                canvas.write(fullestOf: ["  no CPU power: set --cpu-tdp", "  set --cpu-tdp", ""],
                             in: Rect(x: x, y: y, width: max(0, inner.maxX - x), height: 1), style: Style(.dimText))
            }
        }
        y += 1
        if summaryRows == 3, let gpus, y < inner.maxY {
            x = canvas.write("GPUs ", x: inner.x, y: y, style: Style(.dimText), clip: inner)
            x = canvas.write(Format.fixed(gpus.watts, 1) + " W" + (gpus.measured ? "" : " (est.)"), x: x, y: y,
                             style: Style(.power), clip: inner)
            canvas.write("  not mined on", x: x, y: y, style: Style(.dimText), clip: inner)
            y += 1
        }
        guard y < inner.maxY else { return }
        let energy = Format.energy(joules: model.energyJoules)
        canvas.write(fullestOf: ["energy since start " + energy, "energy " + energy], in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                     style: Style(.dimText))
    }
}
