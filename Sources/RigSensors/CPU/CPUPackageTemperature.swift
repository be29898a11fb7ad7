/// Finds each CPU package's temperature channel among hwmon chips.
///
/// coretemp: the `Package id P` (older kernels: `Physical id P`) channel of `coretemp.P`.
/// k10temp/zenpower: `Tdie` when present (on Zen 1 `Tctl` carries a fan-curve offset), else `Tctl`;
/// packages numbered in chip order. Otherwise the hottest channel of the chip.
public enum CPUPackageTemperature {
    /// CPU temperature chip names.
    public static let drivers: Set<String> = ["coretemp", "k10temp", "zenpower", "cpu_thermal", "cpu-thermal"]

    /// Package number → its temperature channel.
    public static func channels(in chips: [HwmonChip]) -> [Int: HwmonChannel] {
        var result: [Int: HwmonChannel] = [:]
        var next = 0
        for chip in chips where drivers.contains(chip.name) {
            let temps = chip.channels.filter { $0.kind == .temp && $0.value != nil }
            var package = next
            if chip.name == "coretemp", let device = chip.device?.name,
               let dot = device.lastIndex(of: "."), let n = Int(device[device.index(after: dot)...]) {
                package = n
            }
            let preferred = temps.first { ($0.label ?? "").hasPrefix("Package id") || ($0.label ?? "").hasPrefix("Physical id") }
                ?? temps.first { $0.label == "Tdie" } ?? temps.first { $0.label == "Tctl" }
                ?? temps.max { $0.value! < $1.value! }
            if let preferred, result[package] == nil {
                result[package] = preferred
                next = max(next, package + 1)
            }
        }
        return result
    }
}
