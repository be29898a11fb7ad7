/// A `sys/class/thermal/thermal_zoneN`: firmware/ACPI or SoC temperature with trip points.
public struct ThermalZone: Sendable, Hashable, Encodable {
    public var zone: Int
    /// `type`: `acpitz`, `x86_pkg_temp`, `cpu-thermal`...
    public var type: String?
    /// `temp` (millidegrees); may be negative (procfs: acpitz −44 °C).
    public var temperature: Temperature?
    public var reason: ReadingError?
    public var policy: String?
    /// `mode`: `enabled`/`disabled`, when present.
    public var mode: String?
    public var tripPoints: [TripPoint]

    enum CodingKeys: String, CodingKey {
        case zone, type, temperature = "celsius", reason, policy, mode, tripPoints = "trip_points"
    }
}

/// A thermal-zone trip point (`trip_point_N_{temp,type,hyst}`).
public struct TripPoint: Sendable, Hashable, Encodable {
    public var index: Int
    /// `passive`, `active`, `hot`, `critical`.
    public var type: String?
    public var temperature: Temperature?
    public var hysteresis: Temperature?

    enum CodingKeys: String, CodingKey { case index, type, temperature = "celsius", hysteresis = "hysteresis_celsius" }
}

/// A `sys/class/thermal/cooling_deviceN` (fan, processor P-state clamp...).
public struct CoolingDevice: Sendable, Hashable, Encodable {
    public var index: Int
    public var type: String?
    /// `cur_state`; nil with `reason` when missing or unreadable (procfs fixture: `TFN1`).
    public var currentState: Int64?
    public var maxState: Int64?
    public var reason: ReadingError?

    enum CodingKeys: String, CodingKey { case index, type, currentState = "cur_state", maxState = "max_state", reason }
}
