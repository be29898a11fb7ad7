import Foundation

extension SensorReport {
    /// lm-sensors-style text: one block per chip (labels, values, units, thresholds, reasons), then
    /// power by source, per-CPU frequency and throttle state, GPUs and thermal zones.
    public var text: String {
        var lines: [String] = []
        for chip in sample.chips {
            lines.append(chipHeader(chip))
            let width = min(24, (chip.channels.map { $0.displayName.count }.max() ?? 0) + 1)
            for channel in chip.channels {
                let name = (channel.displayName + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0)
                var line = name + " " + Self.formatValue(channel)
                let limits = Self.formatThresholds(channel)
                if !limits.isEmpty { line += "  (" + limits + ")" }
                let alarms = channel.alarms.filter(\.value).keys.sorted()
                if !alarms.isEmpty && channel.kind != .intrusion { line += "  ALARM (" + alarms.joined(separator: ", ") + ")" }
                lines.append(line)
            }
            lines.append("")
        }

        lines.append("Power")
        if sample.power.isEmpty { lines.append("  (no power sources)") }
        for reading in sample.power {
            var line = "  " + reading.source.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                + reading.label.padding(toLength: 26, withPad: " ", startingAt: 0)
            line += reading.watts.map { Self.fixed($0, 2) + " W" } ?? (reading.reason?.description ?? "-")
            if let joules = reading.joules { line += "  (" + Self.fixed(joules, 1) + " J)" }
            if !reading.measured { line += "  estimated" }
            lines.append(line)
        }
        lines.append("")

        lines.append("CPU" + (sample.cpuModel.map { "  " + $0 } ?? "")
                     + (sample.cpuTemperature.map { "  " + Self.signed($0.celsius, 1) + "°C" } ?? ""))
        for cpu in sample.cpus {
            var line = "  cpu\(cpu.cpu)".padding(toLength: 8, withPad: " ", startingAt: 0)
            if let current = cpu.frequency?.current {
                line += Self.fixed(current.megahertz, 0) + " MHz"
            } else {
                line += cpu.frequency?.reason?.description ?? "no cpufreq"
            }
            if let maximum = cpu.frequency?.maximum { line += " / " + Self.fixed(maximum.megahertz, 0) + " MHz" }
            line += "  load " + (cpu.utilisation.map { Self.fixed($0 * 100, 0) + "%" } ?? cpu.utilisationReason?.description ?? "-")
            if let count = cpu.throttle.coreCount { line += "  throttles core \(count)" }
            if let count = cpu.throttle.packageCount { line += " pkg \(count)" }
            line += cpu.verdict.isThrottling
                ? "  THROTTLING: " + cpu.verdict.reasons.map(\.description).joined(separator: "; ")
                : "  ok"
            lines.append(line)
        }
        lines.append("")

        if !sample.gpus.isEmpty {
            lines.append("GPU")
            for gpu in sample.gpus {
                var parts = ["  \(gpu.id) \(gpu.driver)" + (gpu.name.map { " " + $0 } ?? "")]
                parts += gpu.temperatures.map { "\($0.displayName) " + ($0.value.map { Self.fixed($0, 1) + "°C" } ?? "-") }
                parts.append(gpu.power.map { Self.fixed($0.watts, 1) + " W" } ?? "power " + (gpu.powerReason?.description ?? "-"))
                if let rpm = gpu.fanRPM { parts.append("fan \(Self.fixed(rpm, 0)) RPM") }
                if let percent = gpu.fanPercent { parts.append("duty \(Self.fixed(percent, 0))%") }
                if let clock = gpu.coreClock { parts.append("core \(Self.fixed(clock.megahertz, 0)) MHz") }
                if let clock = gpu.memoryClock { parts.append("mem \(Self.fixed(clock.megahertz, 0)) MHz") }
                if let busy = gpu.busyPercent { parts.append("busy \(Self.fixed(busy, 0))%") }
                parts.append(gpu.verdict.isThrottling
                             ? "THROTTLING: " + gpu.verdict.reasons.map(\.description).joined(separator: "; ") : "ok")
                lines.append(parts.joined(separator: "  "))
            }
            lines.append("")
        }

        if !sample.thermalZones.isEmpty || !sample.coolingDevices.isEmpty {
            lines.append("Thermal zones")
            for zone in sample.thermalZones {
                var line = "  thermal_zone\(zone.zone) " + (zone.type ?? "?") + "  "
                line += zone.temperature.map { Self.signed($0.celsius, 1) + "°C" } ?? (zone.reason?.description ?? "-")
                let trips = zone.tripPoints.compactMap { trip in
                    trip.temperature.map { "\(trip.type ?? "trip") = " + Self.signed($0.celsius, 1) + "°C" }
                }
                if !trips.isEmpty { line += "  (" + trips.joined(separator: ", ") + ")" }
                lines.append(line)
            }
            for device in sample.coolingDevices {
                let state = device.currentState.map(String.init) ?? (device.reason?.description ?? "-")
                lines.append("  cooling_device\(device.index) " + (device.type ?? "?") + "  state \(state)/" + (device.maxState.map(String.init) ?? "?"))
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func chipHeader(_ chip: HwmonChip) -> String {
        var header = chip.name + (chip.device.map { "-" + $0.name } ?? "")
        var details = ["hwmon\(chip.hwmonIndex)"]
        if let device = chip.device {
            if let slot = device.pciSlot { details.append("PCI " + slot) }
            if let driver = device.driver { details.append(driver + " driver") }
            if let reason = device.reason { details.append("device: " + reason.description) }
        }
        if let reason = chip.nameReason, reason != .missing { details.append("name: " + reason.description) }
        header += "  (" + details.joined(separator: ", ") + ")"
        return header
    }

    static func formatValue(_ channel: HwmonChannel) -> String {
        guard let value = channel.value else { return "N/A (" + (channel.reason?.description ?? "unknown") + ")" }
        return format(value, channel.kind)
    }

    static func format(_ value: Double, _ kind: HwmonChannelKind) -> String {
        switch kind {
        case .temp: signed(value, 1) + "°C"
        case .fan: fixed(value, 0) + " RPM"
        case .pwm: fixed(value, 0) + " (" + fixed(value / 255 * 100, 0) + "%)"
        case .in: signed(value, 3) + " V"
        case .curr: signed(value, 2) + " A"
        case .power: fixed(value, 2) + " W"
        case .energy: fixed(value, 1) + " J"
        case .freq: fixed(value, 0) + " MHz"
        case .humidity: fixed(value, 1) + " %RH"
        case .intrusion: value != 0 ? "ALARM" : "OK"
        }
    }

    static func formatThresholds(_ channel: HwmonChannel) -> String {
        let order = ["lcrit", "min", "max", "crit", "emergency", "cap", "target"]
        let names = ["lcrit": "low crit", "min": "low", "max": "high", "crit": "crit",
                     "emergency": "emerg", "cap": "cap", "target": "target"]
        return order.compactMap { key in
            channel.thresholds[key].map { names[key]! + " = " + format($0, channel.kind) }
        }.joined(separator: ", ")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        let whole = Int64(rounded / scale)
        var text = (value < 0 && rounded != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(Int64(rounded) - whole * Int64(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    static func signed(_ value: Double, _ digits: Int) -> String {
        (value >= 0 ? "+" : "") + fixed(value, digits)
    }
}
