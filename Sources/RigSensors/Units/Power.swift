/// An electrical power in watts.
public struct Power: Sendable, Hashable, Comparable, Codable {
    /// Watts (hwmon ABI: `power*_input` is microwatts).
    public var watts: Double

    public init(watts: Double) { self.watts = watts }

    /// From the value as sysfs spells it (1_000_000 per unit).
    public init(microwatts: Int64) { self.watts = Double(microwatts) / 1_000_000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.watts < rhs.watts }
}
