/// The hottest CPU temperature in a sample, with the thresholds its sensor states: what
/// `ThermalGuard` judges.
///
/// CPU sensors are the temperature channels of CPU chips, as ``CPUPackageTemperature`` picks
/// them (which chips, and `Tctl` skipped beside `Tdie`). With no CPU chip, the hottest thermal
/// zone of type `x86_pkg_temp` or one naming `cpu` (`cpu-thermal` on ARM boards) stands in.
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
        for chip in chips where CPUPackageTemperature.isCPUChip(chip) {
            guard let hottest = CPUPackageTemperature.hottest(of: chip) else { continue }
            let temps = chip.channels.filter { $0.kind == .temp }
            func threshold(_ name: String) -> Temperature? {
                let own = hottest.channel.thresholds[name].flatMap(plausible)
                return (own ?? temps.compactMap { $0.thresholds[name].flatMap(plausible) }.min())
                    .map { Temperature(celsius: $0) }
            }
            let reading = CPUThermalReading(
                temperature: Temperature(celsius: hottest.celsius), source: chip.name + " " + hottest.channel.displayName,
                maximum: threshold("max"), critical: threshold("crit"))
            if let best, best.temperature >= reading.temperature { continue }
            best = reading
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

    private static func plausible(_ celsius: Double) -> Double? {
        plausibleThresholds.contains(celsius) ? celsius : nil
    }
}
