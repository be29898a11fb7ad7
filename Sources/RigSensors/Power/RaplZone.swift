/// One powercap zone (`sys/class/powercap/intel-rapl:0`, sub-zone `intel-rapl:0:0`).
public struct RaplZone: Sendable, Hashable, Encodable {
    /// Directory name, e.g. `intel-rapl:0:0`.
    public var id: String
    /// `name` attribute: `package-0`, `core`, `uncore`, `dram`, `psys`.
    public var name: String?
    /// The number at the end of `name` (`package-10` is 10), else the last number of `id`, as
    /// procfs and node_exporter number zones.
    public var index: Int?
    /// The cumulative counter from `energy_uj`; nil with `reason` (`needsRoot` on most kernels).
    public var energy: Energy?
    /// Why `energy` is nil.
    public var reason: ReadingError?
    /// `max_energy_range_uj`: where the counter wraps to zero.
    public var maxEnergyRange: Energy?
    /// `enabled`, when present.
    public var enabled: Bool?
    /// `constraint_N_*` power limits.
    public var constraints: [RaplConstraint]

    enum CodingKeys: String, CodingKey {
        case id, name, index, energy = "joules", reason, maxEnergyRange = "max_energy_range_joules", enabled, constraints
    }
}

/// A powercap power limit (`constraint_0_name` = `long_term`, ...).
public struct RaplConstraint: Sendable, Hashable, Encodable {
    public var name: String?
    public var powerLimit: Power?
    public var maxPower: Power?
    /// Averaging window in seconds (`constraint_N_time_window_us`).
    public var timeWindowSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case name, powerLimit = "power_limit_watts", maxPower = "max_power_watts", timeWindowSeconds = "time_window_seconds"
    }
}
