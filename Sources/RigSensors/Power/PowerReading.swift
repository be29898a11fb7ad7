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

/// One power figure for the `power` list: measured (with its source) or estimated.
public struct PowerReading: Sendable, Hashable, Encodable {
    public var source: PowerSource
    /// What it measures: `package-0`, `amdgpu 0000:09:00.0 PPT`, `CPU (estimated)`.
    public var label: String
    /// The chip, zone or GPU id it belongs to.
    public var device: String?
    /// Average power; nil with `reason` (e.g. `.needsTwoSamples` on the first sample).
    public var watts: Double?
    /// The cumulative counter for energy sources.
    public var joules: Double?
    /// False only for `.estimate`.
    public var measured: Bool
    public var reason: ReadingError?

    public init(source: PowerSource, label: String, device: String? = nil, watts: Double?,
                joules: Double? = nil, reason: ReadingError? = nil) {
        self.source = source
        self.label = label
        self.device = device
        self.watts = watts
        self.joules = joules
        self.measured = source != .estimate
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case source, label, device, watts, joules, measured, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(device, forKey: .device)
        try container.encode(watts, forKey: .watts)
        try container.encodeIfPresent(joules, forKey: .joules)
        try container.encode(measured, forKey: .measured)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
