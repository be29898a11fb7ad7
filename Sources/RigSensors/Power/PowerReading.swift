/// Where a power figure comes from.
public enum PowerSource: String, Sendable, Hashable, Encodable {
    /// powercap RAPL zone (`energy_uj` deltas).
    case rapl
    /// hwmon `power*_average` / `power*_input`.
    case hwmon
    /// hwmon `energy*_input` deltas.
    case hwmonEnergy = "hwmon-energy"
    /// NVIDIA NVML `nvmlDeviceGetPowerUsage`.
    case nvml
    /// `PowerEstimate`'s model: nothing measured it.
    case estimate
}

/// What a power figure covers, so that sums add like with like: the mining power is the CPU
/// packages' (rigtop mines on the CPU), and a GPU's watts are not the miner's.
public enum PowerDomain: String, Sendable, Hashable, Encodable {
    /// A whole CPU package: a RAPL `package-N` zone, a CPU driver's hwmon power (zenpower), an
    /// amd_energy socket counter, or the CPU estimate.
    case cpu
    /// A part already inside a package or beside it (RAPL core, uncore, dram; amd_energy cores).
    case cpuPart = "cpu-part"
    /// A GPU board (amdgpu/xe hwmon, NVML, or a GPU estimate).
    case gpu
    /// The whole platform (RAPL psys), which already contains the package.
    case platform
    /// Anything else hwmon reports power for (a PSU, an ACPI power meter).
    case other
}

/// One power figure for the `power` list: measured (with its source) or estimated.
public struct PowerReading: Sendable, Hashable, Encodable {
    public var source: PowerSource
    /// What it measures: `package-0`, `amdgpu 0000:09:00.0 PPT`, `CPU (estimated)`.
    public var label: String
    /// The chip, zone or GPU id it belongs to.
    public var device: String?
    public var domain: PowerDomain
    /// Average power; nil with `reason` (e.g. `.needsTwoSamples` on the first sample).
    public var watts: Double?
    /// The cumulative counter for energy sources.
    public var joules: Double?
    /// False only for `.estimate`.
    public var measured: Bool
    public var reason: ReadingError?

    public init(source: PowerSource, label: String, device: String? = nil, domain: PowerDomain = .other,
                watts: Double?, joules: Double? = nil, reason: ReadingError? = nil) {
        self.source = source
        self.label = label
        self.device = device
        self.domain = domain
        self.watts = watts
        self.joules = joules
        self.measured = source != .estimate
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case source, label, device, domain, watts, joules, measured, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(device, forKey: .device)
        try container.encode(domain, forKey: .domain)
        try container.encode(watts, forKey: .watts)
        try container.encodeIfPresent(joules, forKey: .joules)
        try container.encode(measured, forKey: .measured)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
