/// A voltage in volts.
public struct Voltage: Sendable, Hashable, Comparable, Codable {
    /// Volts (hwmon ABI: `in*_input` is millivolts).
    public var volts: Double

    public init(volts: Double) { self.volts = volts }

    /// From the value as sysfs spells it (1000 per unit).
    public init(millivolts: Int64) { self.volts = Double(millivolts) / 1000 }

    /// Coded as a bare number of volts: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { volts = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(volts)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.volts < rhs.volts }
}
