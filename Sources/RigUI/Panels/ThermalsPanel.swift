public import RigSensors

/// Temperatures per chip (and per NVML GPU) as bars coloured against their thresholds, fans,
/// per-CPU frequency against its maximum, and a THROTTLING badge with its reason.
///
/// Chips that share a name (two `coretemp` packages, two `nvme` drives) are told apart by their
/// device, as `sensors` writes `coretemp-isa-0000`. The label column is as wide as the labels
/// need, up to two fifths of the panel. Rows that do not fit scroll (↑/↓ or the wheel once the
/// panel has the focus), with the position on the bottom border.
public struct ThermalsPanel: Panel {
    public var kind: DashboardPanel? { .thermals }

    public init() {}

    /// One line of the panel below its notices.
    enum Row {
        /// A chip's or a GPU's name.
        case heading(String, ColorRole)
        /// A temperature or fan channel, with the label the panel writes for it.
        case channel(HwmonChannel, label: String)
        /// A line of text under a heading (a GPU's clocks, why a chip shows nothing).
        case note(String, ColorRole)
        /// One CPU's frequency against its maximum.
        case cpu(CPUSample, current: Frequency, maximum: Frequency?)
    }

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let badge = throttleBadge(model.sensors)
        let inner = Box(title: "Thermals", trailingTitle: badge.map { _ in "THROTTLING" }, borderRole: .thermalsBox,
                        titleRole: badge == nil ? model.titleRole(.thermals) : .bad)
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        guard let sample = model.sensors else {
            canvas.write("reading sensors…", in: inner.row(0), style: Style(.dimText))
            return
        }
        let notices = notices(sample, badge: badge)
        for (offset, notice) in notices.enumerated() where offset < inner.height {
            canvas.write(fullestOf: notice.texts, in: inner.row(offset), style: Style(notice.role, attributes: notice.bold ? .bold : []),
                         ellipsis: model.glyphs.ellipsis)
        }
        let area = inner.inset(top: min(inner.height, notices.count))
        let rows = Self.rows(sample)
        guard area.height > 0, !rows.isEmpty else { return }
        let labelWidth = Self.labelWidth(rows, panelWidth: inner.width)
        let first = Self.clampedScroll(model.thermalsScroll, rows: rows.count, visible: area.height)
        let shown = Array(rows[first..<min(rows.count, first + area.height)])
        for (line, row) in shown.enumerated() {
            // A heading with nothing under it on screen would read as an empty chip: the next
            // scroll position shows it with its rows.
            if case .heading = row, line == shown.count - 1, first + line + 1 < rows.count { break }
            draw(row, in: area.row(line), labelWidth: labelWidth, on: &canvas, glyphs: model.glyphs)
        }
        Box.drawPosition(first: first, visible: area.height, total: rows.count, on: rect, canvas: &canvas)
    }

    /// The furthest the rows scroll in `rect`: the rows past one page below the notices.
    func maxScroll(_ model: DashboardModel, in rect: Rect) -> Int {
        guard let sample = model.sensors else { return 0 }
        let visible = rect.inset(by: 1).height - notices(sample, badge: throttleBadge(sample)).count
        return max(0, Self.rows(sample).count - max(0, visible))
    }

    /// `scroll` limited so that the last page is full.
    static func clampedScroll(_ scroll: Int, rows: Int, visible: Int) -> Int {
        min(max(0, scroll), max(0, rows - visible))
    }

    /// A line above the rows, written the fullest way that fits.
    private struct Notice {
        var texts: [String]
        var role: ColorRole
        var bold = false
    }

    /// The lines above the rows, which never scroll away: throttling, and why the thermal guard
    /// cannot act.
    private func notices(_ sample: SensorSample, badge: String?) -> [Notice] {
        var notices: [Notice] = []
        if let badge { notices.append(Notice(texts: ["THROTTLING: " + badge, badge], role: .bad, bold: true)) }
        let chips = Self.shownChips(sample)
        let nvmlGPUs = sample.gpus.filter { $0.chip == nil }
        // A VM or container often has neither: say so, and that the thermal guard has nothing to
        // act on, rather than leave an empty box.
        if chips.isEmpty && nvmlGPUs.isEmpty && !sample.cpus.contains(where: { $0.frequency?.current != nil }) {
            notices += [Notice(texts: ["no temperature or CPU frequency sensors", "no temperature sensors"], role: .dimText),
                        Notice(texts: ["thermal guard off: nothing to read", "thermal guard off"], role: .warn),
                        Notice(texts: ["(see `rigtop sensors`)"], role: .dimText)]
        } else if CPUThermalReading.hottest(in: sample) == nil {
            // A GPU's or a disk's temperature is no reason to stop CPU mining.
            notices.append(Notice(texts: ["no CPU temperature: thermal guard off", "no CPU temp: thermal guard off",
                                          "no CPU temp: guard off"], role: .warn))
        }
        return notices
    }

    /// Chips with a temperature or a fan; the others (pwm-only, a bogus chip) fold away here and
    /// are listed by `rigtop sensors`.
    static func shownChips(_ sample: SensorSample) -> [HwmonChip] {
        sample.chips.filter { chip in chip.channels.contains { $0.kind == .temp || $0.kind == .fan } }
    }

    /// Every row in order: each chip's channels, each NVML GPU, each CPU's frequency.
    static func rows(_ sample: SensorSample) -> [Row] {
        var rows: [Row] = []
        let chips = shownChips(sample)
        for chip in chips {
            rows.append(.heading(title(of: chip, among: chips), .title))
            let channels = chip.channels.filter { $0.kind == .temp || $0.kind == .fan }
            guard channels.contains(where: { $0.value != nil }) else {
                // Not one row would have a figure: one line says why instead.
                let reason = channels.lazy.compactMap(\.reason).first.map { ": \($0)" } ?? ""
                rows.append(.note("no readable channels" + reason, .dimText))
                continue
            }
            let labels = channels.map { SensorLabel.display($0.displayName) }
            for (channel, label) in zip(channels, labels) {
                // Two channels with one label (hwmon4's two `foosensor`s) get their ids.
                rows.append(.channel(channel, label: labels.filter { $0 == label }.count > 1 ? label + " " + channel.id : label))
            }
        }
        for gpu in sample.gpus where gpu.chip == nil {
            rows.append(.heading(gpu.name.map { "\($0) \(gpu.id)" } ?? gpu.id, gpu.verdict.isThrottling ? .warn : .title))
            rows += gpu.temperatures.map { .channel($0, label: SensorLabel.display($0.displayName)) }
            var facts: [String] = []
            if let clock = gpu.coreClock { facts.append("core \(Int(clock.megahertz.rounded())) MHz") }
            if let busy = gpu.busyPercent { facts.append("busy \(Int(busy.rounded()))%") }
            if let fan = gpu.fanPercent { facts.append("fan \(Int(fan.rounded()))%") }
            if !facts.isEmpty { rows.append(.note(facts.joined(separator: "  "), .dimText)) }
        }
        for cpu in sample.cpus {
            guard let frequency = cpu.frequency, let current = frequency.current else { continue }
            rows.append(.cpu(cpu, current: current, maximum: frequency.maximum))
        }
        return rows
    }

    /// A chip's heading: its name, and the device where the name alone would not say which chip
    /// it is (`coretemp.0` and `coretemp.1`, `nvme0` and `nvme1`) or where the device is a PCI
    /// card (`amdgpu 0000:09:00.0`). Two chips of one name on one device: `hwmonN`.
    static func title(of chip: HwmonChip, among chips: [HwmonChip]) -> String {
        let namesakes = chips.filter { $0.id != chip.id && $0.name == chip.name }
        var tag = chip.device.flatMap { $0.pciSlot ?? $0.driver }
        if !namesakes.isEmpty {
            let device = chip.device.map { $0.pciSlot ?? $0.name }
            tag = device == nil || namesakes.contains { $0.device?.name == chip.device?.name } ? "hwmon\(chip.hwmonIndex)" : device
        }
        guard let tag, tag != chip.name else { return chip.name }
        return tag.hasPrefix(chip.name) ? tag : chip.name + " " + tag
    }

    /// The label column: as wide as the longest label (and `cpuN T`), at least 6 and at most two
    /// fifths of the panel, so the value and a bar keep their room.
    static func labelWidth(_ rows: [Row], panelWidth: Int) -> Int {
        let widest = rows.map { row -> Int in
            switch row {
            case .channel(_, let label): return TextWidth.width(of: label)
            case .cpu(let cpu, _, _): return TextWidth.width(of: cpuLabel(cpu)) - 1  // cpu rows are not indented
            case .heading, .note: return 0
            }
        }.max() ?? 0
        return min(max(6, widest), max(6, panelWidth * 2 / 5))
    }

    private static func cpuLabel(_ cpu: CPUSample) -> String { "cpu\(cpu.cpu)" + (cpu.verdict.isThrottling ? " T" : "") }

    private func draw(_ row: Row, in line: Rect, labelWidth: Int, on canvas: inout Canvas, glyphs: GlyphSet) {
        switch row {
        case .heading(let text, let role):
            canvas.write(text, in: line, style: Style(role), ellipsis: glyphs.ellipsis)
        case .note(let text, let role):
            canvas.write(text, in: line.inset(left: 1), style: Style(role), ellipsis: glyphs.ellipsis)
        case .channel(let channel, let label):
            drawChannel(channel, label: label, in: line.inset(left: 1), labelWidth: labelWidth, on: &canvas, glyphs: glyphs)
        case .cpu(let cpu, let current, let maximum):
            let parts = line.split(columns: [.fixed(labelWidth + 1), .fixed(1), .fixed(9), .fixed(1), .fill])
            canvas.write(Self.cpuLabel(cpu), in: parts[0], style: Style(cpu.verdict.isThrottling ? .warn : .dimText))
            canvas.write(Format.fixed(current.megahertz / 1000, 2) + " GHz", in: parts[2], alignment: .right, style: Style(.frequency))
            if let maximum, maximum.megahertz > 0 {
                Meter(fraction: current.megahertz / maximum.megahertz, text: "max " + Format.fixed(maximum.megahertz / 1000, 2))
                    .draw(in: parts[4], on: &canvas, glyphs: glyphs)
            }
        }
    }

    /// One temperature or fan row: its label, then the value and a bar, or why it has no value.
    private func drawChannel(_ channel: HwmonChannel, label: String, in line: Rect, labelWidth: Int, on canvas: inout Canvas,
                             glyphs: GlyphSet) {
        let parts = line.split(columns: [.fixed(labelWidth), .fixed(1), .fixed(9), .fixed(1), .fill])
        canvas.write(SensorLabel.fit(label, width: parts[0].width, ellipsis: glyphs.ellipsis), in: parts[0], style: Style(.dimText))
        if let reason = channel.reason, channel.value == nil {
            canvas.write(reason.description, in: Rect(x: parts[2].x, y: line.y, width: line.maxX - parts[2].x, height: 1),
                         style: Style(.warn))
        } else if channel.kind == .temp, let celsius = channel.value {
            drawTemperature(celsius, channel: channel, value: parts[2], bar: parts[4], on: &canvas, glyphs: glyphs)
        } else if channel.kind == .fan, let rpm = channel.value {
            canvas.write(Format.fixed(rpm, 0) + " RPM", in: parts[2], alignment: .right, style: Style(.fan))
        }
    }

    private func drawTemperature(_ celsius: Double, channel: HwmonChannel, value: Rect, bar: Rect,
                                 on canvas: inout Canvas, glyphs: GlyphSet) {
        let limits = channel.temperatureLimits
        let max = limits.limit.celsius
        let critical = limits.critical.celsius
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
