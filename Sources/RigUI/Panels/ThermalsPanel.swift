public import RigSensors

/// Temperatures per chip (and per NVML GPU) as bars coloured against their thresholds, fans,
/// per-CPU frequency against its maximum, and a THROTTLING badge with its reason.
public struct ThermalsPanel: Panel {
    /// Limits assumed for chips that publish none (k10temp on Zen has none): the sensors'
    /// documented defaults.
    public var defaultMax = 85.0
    public var defaultCritical = 95.0

    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let badge = throttleBadge(model.sensors)
        let inner = Box(title: "Thermals", trailingTitle: badge.map { _ in "THROTTLING" }, borderRole: .thermalsBox,
                        titleRole: badge == nil ? .title : .bad)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        guard let sample = model.sensors else {
            canvas.write("reading sensors…", in: inner.row(0), style: Style(.dimText))
            return
        }
        var y = inner.y
        func room() -> Bool { y < inner.maxY }
        if let badge, room() {
            canvas.write("THROTTLING: " + badge, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.bad, attributes: .bold))
            y += 1
        }
        let labelWidth = min(12, max(6, inner.width / 4))
        let chips = sample.chips.filter { chip in chip.channels.contains { $0.kind == .temp || $0.kind == .fan } }
        // GPUs that no hwmon chip above shows (NVML's): their own rows.
        let nvmlGPUs = sample.gpus.filter { $0.chip == nil }
        // A VM or container often has neither: say so, and that the thermal guard has nothing to
        // act on, rather than leave an empty box.
        if chips.isEmpty && nvmlGPUs.isEmpty && !sample.cpus.contains(where: { $0.frequency?.current != nil }) {
            let lines = ["no temperature or CPU frequency sensors", "thermal guard off: nothing to read",
                         "(see `rigtop sensors`)"]
            for line in lines where room() {
                canvas.write(line, in: inner.row(y - inner.y), style: Style(line.hasPrefix("thermal") ? .warn : .dimText))
                y += 1
            }
        } else if CPUThermalReading.hottest(in: sample) == nil, room() {
            // A GPU's or a disk's temperature is no reason to stop CPU mining.
            canvas.write("no CPU temperature: thermal guard off", in: inner.row(y - inner.y), style: Style(.warn))
            y += 1
        }
        for chip in chips {
            guard room() else { break }
            canvas.write(chip.name + (chip.device.flatMap { $0.pciSlot ?? $0.driver }.map { " " + $0 } ?? ""), in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                         style: Style(.title))
            y += 1
            for channel in chip.channels where channel.kind == .temp || channel.kind == .fan {
                guard room() else { break }
                drawChannel(channel, in: Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: 1),
                            labelWidth: labelWidth, on: &canvas, glyphs: model.glyphs)
                y += 1
            }
        }
        for gpu in nvmlGPUs {
            guard room() else { break }
            canvas.write(gpu.name.map { "\($0) \(gpu.id)" } ?? gpu.id, in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                         style: Style(gpu.verdict.isThrottling ? .warn : .title))
            y += 1
            for channel in gpu.temperatures where room() {
                drawChannel(channel, in: Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: 1),
                            labelWidth: labelWidth, on: &canvas, glyphs: model.glyphs)
                y += 1
            }
            var facts: [String] = []
            if let clock = gpu.coreClock { facts.append("core \(Int(clock.megahertz.rounded())) MHz") }
            if let busy = gpu.busyPercent { facts.append("busy \(Int(busy.rounded()))%") }
            if let fan = gpu.fanPercent { facts.append("fan \(Int(fan.rounded()))%") }
            if !facts.isEmpty, room() {
                canvas.write(facts.joined(separator: "  "), in: Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: 1),
                             style: Style(.dimText))
                y += 1
            }
        }
        for cpu in sample.cpus {
            guard room() else { break }
            guard let frequency = cpu.frequency, let current = frequency.current else { continue }
            let line = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            let parts = line.split(columns: [.fixed(labelWidth + 1), .fixed(1), .fixed(9), .fixed(1), .fill])
            canvas.write("cpu\(cpu.cpu)" + (cpu.verdict.isThrottling ? " T" : ""), in: parts[0],
                         style: Style(cpu.verdict.isThrottling ? .warn : .dimText))
            canvas.write(Format.fixed(current.megahertz / 1000, 2) + " GHz", in: parts[2], alignment: .right, style: Style(.frequency))
            if let maximum = frequency.maximum, maximum.megahertz > 0 {
                Meter(fraction: current.megahertz / maximum.megahertz, text: "max " + Format.fixed(maximum.megahertz / 1000, 2))
                    .draw(in: parts[4], on: &canvas, glyphs: model.glyphs)
            }
            y += 1
        }
    }

    /// One temperature or fan row: its label, then the value and a bar, or why it has no value.
    private func drawChannel(_ channel: HwmonChannel, in line: Rect, labelWidth: Int, on canvas: inout Canvas,
                             glyphs: GlyphSet) {
        let parts = line.split(columns: [.fixed(labelWidth), .fixed(1), .fixed(9), .fixed(1), .fill])
        canvas.write(channel.displayName, in: parts[0], style: Style(.dimText))
        if let reason = channel.reason, channel.value == nil {
            canvas.write(reason.description, in: Rect(x: parts[2].x, y: line.y, width: line.maxX - parts[2].x, height: 1),
                         style: Style(.warn))
        } else if channel.kind == .temp, let celsius = channel.value {
            drawTemperature(celsius, channel: channel, value: parts[2], bar: parts[4], on: &canvas, glyphs: glyphs)
        } else if channel.kind == .fan, let rpm = channel.value {
            canvas.write("\(Int(rpm.rounded())) RPM", in: parts[2], alignment: .right, style: Style(.fan))
        }
    }

    private func drawTemperature(_ celsius: Double, channel: HwmonChannel, value: Rect, bar: Rect,
                                 on canvas: inout Canvas, glyphs: GlyphSet) {
        let max = channel.thresholds["max"] ?? defaultMax
        let critical = channel.thresholds["crit"] ?? channel.thresholds["emergency"] ?? defaultCritical
        let top = Swift.max(critical, max) + 5
        let levels = MeterLevels.temperature(warm: (max - 10) / top, hot: max / top, critical: critical / top)
        let meter = Meter(fraction: celsius / top, levels: levels)
        canvas.write(Format.fixed(celsius, 1) + "°C", in: value, alignment: .right, style: Style(meter.role))
        meter.draw(in: bar, on: &canvas, glyphs: glyphs)
    }

    /// The first throttling reason of any CPU or GPU, if one is throttling.
    func throttleBadge(_ sample: SensorSample?) -> String? {
        guard let sample else { return nil }
        if let cpu = sample.cpus.first(where: \.verdict.isThrottling), let reason = cpu.verdict.reasons.first {
            return "cpu\(cpu.cpu) \(reason)"
        }
        if let gpu = sample.gpus.first(where: \.verdict.isThrottling), let reason = gpu.verdict.reasons.first {
            return "\(gpu.name ?? gpu.id) \(reason)"
        }
        return nil
    }
}
