/// An electrical power in watts.
public struct Power: Sendable, Hashable, Comparable, Codable {
    /// Watts (hwmon ABI: `power*_input` is microwatts).
    public var watts: Double

    public init(watts: Double) { self.watts = watts }

    /// From the value as sysfs spells it (1_000_000 per unit).
    public init(microwatts: Int64) { self.watts = Double(microwatts) / 1_000_000 }

    /// Coded as a bare number of watts: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { watts = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(watts)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.watts < rhs.watts }
}
