/// Everything one pass over the sensors found: a `Sendable` snapshot for the dashboard and the
/// `rigtop sensors` command.
public struct SensorSample: Sendable, Hashable, Encodable {
    /// `CLOCK_MONOTONIC` seconds when the sample was taken.
    public var monotonicSeconds: Double
    /// Seconds since the previous sample; nil on the first, when rates are `.needsTwoSamples`.
    public var intervalSeconds: Double?
    /// hwmon chips with at least one channel.
    public var chips: [HwmonChip]
    /// RAPL zones (energy counters).
    public var raplZones: [RaplZone]
    /// Every power figure, measured or estimated, with its source.
    public var power: [PowerReading]
    /// `/proc/cpuinfo` model name.
    public var cpuModel: String?
    public var cpus: [CPUSample]
    /// Whole-machine CPU utilisation 0...1 since the previous sample.
    public var cpuUtilisation: Double?
    /// CPU package temperature channel per package.
    public var cpuPackageTemperatures: [Int: HwmonChannel]
    public var gpus: [GPUSample]
    public var thermalZones: [ThermalZone]
    public var coolingDevices: [CoolingDevice]
    /// `/proc/stat` counters, kept for the next sample's utilisation.
    public var cpuTimes: ProcStat?

    /// The CPU temperature: the one reading the thermal guard judges, the dashboard shows and the
    /// APIs report (``CPUThermalReading/hottest(in:)``), so no two of them can disagree.
    public var cpuTemperature: Temperature? {
        cpuThermalReading?.temperature
    }

    /// The hottest CPU temperature with the thresholds its sensor states; nil without a CPU sensor.
    public var cpuThermalReading: CPUThermalReading? {
        CPUThermalReading.hottest(in: self)
    }

    /// The temperature of the core a thread is pinned to (coretemp's `Core N` channel), else
    /// ``cpuTemperature``: what a per-device API reports for a mining thread.
    public func temperature(ofCore core: Int?) -> Temperature? {
        if let core {
            let label = "Core \(core)"
            for chip in chips where chip.name == "coretemp" {
                if let temperature = chip.channels.first(where: { $0.label == label })?.temperature { return temperature }
            }
        }
        return cpuTemperature
    }

    enum CodingKeys: String, CodingKey {
        case intervalSeconds = "interval_seconds", chips, power, cpuModel = "cpu_model",
             cpuUtilisation = "cpu_utilisation", cpuTemperature = "cpu_celsius", cpus, gpus,
             thermalZones = "thermal_zones", coolingDevices = "cooling_devices", rapl
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intervalSeconds, forKey: .intervalSeconds)
        try container.encode(chips, forKey: .chips)
        try container.encode(power, forKey: .power)
        try container.encode(cpuModel, forKey: .cpuModel)
        try container.encode(cpuUtilisation, forKey: .cpuUtilisation)
        try container.encode(cpuTemperature?.celsius, forKey: .cpuTemperature)
        try container.encode(cpus, forKey: .cpus)
        try container.encode(gpus, forKey: .gpus)
        try container.encode(thermalZones, forKey: .thermalZones)
        try container.encode(coolingDevices, forKey: .coolingDevices)
        try container.encode(raplZones, forKey: .rapl)
    }
}
