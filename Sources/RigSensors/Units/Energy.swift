/// An energy in joules.
public struct Energy: Sendable, Hashable, Comparable, Codable {
    /// Joules (hwmon ABI and powercap: `energy*_input`, `energy_uj` are microjoules).
    public var joules: Double

    public init(joules: Double) { self.joules = joules }

    /// From the value as sysfs spells it (1_000_000 per unit).
    public init(microjoules: Int64) { self.joules = Double(microjoules) / 1_000_000 }

    /// Coded as a bare number of joules: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { joules = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(joules)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.joules < rhs.joules }
}
