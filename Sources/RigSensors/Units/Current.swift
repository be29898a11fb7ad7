/// A current in amperes.
public struct Current: Sendable, Hashable, Comparable, Codable {
    /// Amperes (hwmon ABI: `curr*_input` is milliamperes).
    public var amperes: Double

    public init(amperes: Double) { self.amperes = amperes }

    /// From the value as sysfs spells it (1000 per unit).
    public init(milliamperes: Int64) { self.amperes = Double(milliamperes) / 1000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.amperes < rhs.amperes }
}
