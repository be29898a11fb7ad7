/// A current in amperes.
public struct Current: Sendable, Hashable, Comparable, Codable {
    /// Amperes (hwmon ABI: `curr*_input` is milliamperes).
    public var amperes: Double

    public init(amperes: Double) { self.amperes = amperes }

    /// From the value as sysfs spells it (1000 per unit).
    public init(milliamperes: Int64) { self.amperes = Double(milliamperes) / 1000 }

    /// Coded as a bare number of amperes: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { amperes = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amperes)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.amperes < rhs.amperes }
}
