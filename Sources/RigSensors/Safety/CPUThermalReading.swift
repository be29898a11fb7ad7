/// The hottest CPU temperature in a sample, with the thresholds its sensor states: what
/// `ThermalGuard` judges.
///
/// CPU sensors are the temperature channels of CPU chips (`coretemp`, `k10temp`, `zenpower`,
/// `cpu_thermal`, or any chip with a `Package id`/`Physical id`/`Tctl`/`Tdie` channel). On a chip
/// that has `Tdie`, `Tctl` is skipped: on Zen 1 it carries a +10/+20/+27 °C fan-curve offset and
/// would shed threads on a cool CPU. With no CPU chip, the hottest thermal zone of type
/// `x86_pkg_temp` or one naming `cpu` (`cpu-thermal` on ARM boards) stands in.
public struct CPUThermalReading: Sendable, Hashable {
    /// The hottest CPU temperature.
    public var temperature: Temperature
    /// Where it was read, for the dashboard: `"coretemp Package id 0"`, `"k10temp Tctl"`,
    /// `"thermal_zone0 x86_pkg_temp"`.
    public var source: String
    /// The sensor's `_max` (else the lowest `_max` on its chip); for a zone, nil.
    public var maximum: Temperature?
    /// The sensor's `_crit` (else the lowest on its chip); for a zone, its `critical` trip point.
    public var critical: Temperature?

    /// Thresholds outside this range are firmware placeholders (a `_max` of 0 °C, or 127 °C),
    /// not limits to act on; they are treated as absent.
    public static let plausibleThresholds: ClosedRange<Double> = 40...125

    public init(temperature: Temperature, source: String, maximum: Temperature? = nil,
                critical: Temperature? = nil) {
        self.temperature = temperature
        self.source = source
        self.maximum = maximum
        self.critical = critical
    }

    /// The hottest CPU temperature in `sample`, or nil when it has no CPU sensor with a value.
    public static func hottest(in sample: SensorSample) -> CPUThermalReading? {
        hottest(chips: sample.chips) ?? hottest(zones: sample.thermalZones)
    }

    static func hottest(chips: [HwmonChip]) -> CPUThermalReading? {
        var best: CPUThermalReading?
        for chip in chips where isCPUChip(chip) {
            let temps = chip.channels.filter { $0.kind == .temp }
            let hasTdie = temps.contains { $0.label == "Tdie" && $0.value != nil }
            let candidates = temps.filter { $0.value != nil && !(hasTdie && $0.label == "Tctl") }
            guard let hottest = candidates.max(by: { $0.value! < $1.value! }) else { continue }
            func threshold(_ name: String) -> Temperature? {
                let own = hottest.thresholds[name].flatMap(plausible)
                return (own ?? temps.compactMap { $0.thresholds[name].flatMap(plausible) }.min())
                    .map { Temperature(celsius: $0) }
            }
            let reading = CPUThermalReading(
                temperature: Temperature(celsius: hottest.value!), source: chip.name + " " + hottest.displayName,
                maximum: threshold("max"), critical: threshold("crit"))
            if best == nil || reading.temperature > best!.temperature { best = reading }
        }
        return best
    }

    static func hottest(zones: [ThermalZone]) -> CPUThermalReading? {
        let cpuZones = zones.filter { zone in
            guard let type = zone.type?.lowercased(), zone.temperature != nil else { return false }
            return type == "x86_pkg_temp" || type.contains("cpu")
        }
        guard let zone = cpuZones.max(by: { $0.temperature! < $1.temperature! }) else { return nil }
        let critical = zone.tripPoints.filter { $0.type == "critical" }
            .compactMap { $0.temperature?.celsius }.compactMap(plausible).min()
        return CPUThermalReading(
            temperature: zone.temperature!, source: "thermal_zone\(zone.zone) " + (zone.type ?? ""),
            maximum: nil, critical: critical.map { Temperature(celsius: $0) })
    }

    static func isCPUChip(_ chip: HwmonChip) -> Bool {
        if CPUPackageTemperature.drivers.contains(chip.name) { return true }
        return chip.channels.contains { channel in
            guard channel.kind == .temp, let label = channel.label else { return false }
            return label.hasPrefix("Package id") || label.hasPrefix("Physical id") || label == "Tctl" || label == "Tdie"
        }
    }

    private static func plausible(_ celsius: Double) -> Double? {
        plausibleThresholds.contains(celsius) ? celsius : nil
    }
}
