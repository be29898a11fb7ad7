/// A temperature in degrees Celsius.
public struct Temperature: Sendable, Hashable, Comparable, Codable {
    /// Degrees Celsius (hwmon ABI: `temp*_input` is millidegrees).
    public var celsius: Double

    public init(celsius: Double) { self.celsius = celsius }

    /// From the value as sysfs spells it (1000 per unit).
    public init(millidegreesCelsius: Int64) { self.celsius = Double(millidegreesCelsius) / 1000 }

    /// Coded as a bare number of degrees Celsius: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { celsius = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(celsius)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.celsius < rhs.celsius }
}
