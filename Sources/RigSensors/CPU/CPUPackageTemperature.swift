/// Which hwmon chips measure a CPU, and which of their channels count: the one rule behind the
/// per-package temperatures (throttle verdicts), the CPU temperature the thermal guard judges
/// (``CPUThermalReading``).
///
/// coretemp: the `Package id P` (older kernels: `Physical id P`) channel of `coretemp.P`.
/// k10temp/zenpower: `Tdie` when present (on Zen 1 `Tctl` carries a fan-curve offset), else `Tctl`;
/// packages numbered in chip order. Otherwise the hottest channel of the chip.
public enum CPUPackageTemperature {
    /// CPU temperature chip names.
    public static let drivers: Set<String> = ["coretemp", "k10temp", "zenpower", "cpu_thermal", "cpu-thermal"]

    /// Whether `chip` measures a CPU: a CPU driver's chip, or any chip with a package or die
    /// channel (`Package id`, `Physical id`, `Tctl`, `Tdie`).
    public static func isCPUChip(_ chip: HwmonChip) -> Bool {
        if drivers.contains(chip.name) { return true }
        return chip.channels.contains { channel in
            guard channel.kind == .temp, let label = channel.label else { return false }
            return label.hasPrefix("Package id") || label.hasPrefix("Physical id") || label == "Tctl" || label == "Tdie"
        }
    }

    /// A CPU chip's temperature channels that have a value, with that value (°C). `Tctl` is left
    /// out where `Tdie` has a value: on Zen 1 it carries a +10/+20/+27 °C fan-curve offset and
    /// would shed threads on a cool CPU.
    public static func readings(of chip: HwmonChip) -> [(channel: HwmonChannel, celsius: Double)] {
        let readable = chip.channels.compactMap { channel in
            channel.kind == .temp ? channel.value.map { (channel: channel, celsius: $0) } : nil
        }
        let hasTdie = readable.contains { $0.channel.label == "Tdie" }
        return readable.filter { !(hasTdie && $0.channel.label == "Tctl") }
    }

    /// The hottest of ``readings(of:)``; nil when the chip has none.
    public static func hottest(of chip: HwmonChip) -> (channel: HwmonChannel, celsius: Double)? {
        readings(of: chip).max { $0.celsius < $1.celsius }
    }

    /// The channel that stands for the chip's package: `Package id`/`Physical id`, else `Tdie`,
    /// else `Tctl`, else the hottest.
    static func packageChannel(of chip: HwmonChip) -> HwmonChannel? {
        let channels = readings(of: chip).map(\.channel)
        func labelled(_ match: (String) -> Bool) -> HwmonChannel? { channels.first { $0.label.map(match) ?? false } }
        return labelled { $0.hasPrefix("Package id") || $0.hasPrefix("Physical id") }
            ?? labelled { $0 == "Tdie" } ?? labelled { $0 == "Tctl" } ?? hottest(of: chip)?.channel
    }

    /// Package number → its temperature channel.
    public static func channels(in chips: [HwmonChip]) -> [Int: HwmonChannel] {
        var result: [Int: HwmonChannel] = [:]
        var next = 0
        for chip in chips where isCPUChip(chip) {
            var package = next
            if chip.name == "coretemp", let device = chip.device?.name,
               let dot = device.lastIndex(of: "."), let n = Int(device[device.index(after: dot)...]) {
                package = n
            }
            if let preferred = packageChannel(of: chip), result[package] == nil {
                result[package] = preferred
                next = max(next, package + 1)
            }
        }
        return result
    }
}
