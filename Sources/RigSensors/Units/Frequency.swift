/// A clock frequency in megahertz.
public struct Frequency: Sendable, Hashable, Comparable, Codable {
    /// Megahertz (hwmon ABI: `freq*_input` is Hz; cpufreq files are kHz, see `init(kilohertz:)`).
    public var megahertz: Double

    public init(megahertz: Double) { self.megahertz = megahertz }

    /// From the value as sysfs spells it (1_000_000 per unit).
    public init(hertz: Int64) { self.megahertz = Double(hertz) / 1_000_000 }

    /// Coded as a bare number of megahertz: JSON keys carry the unit (`"joules"`, `"max_power_watts"`).
    public init(from decoder: any Decoder) throws { megahertz = try decoder.singleValueContainer().decode(Double.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(megahertz)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.megahertz < rhs.megahertz }
}

extension Frequency {
    /// From cpufreq's kHz (`scaling_cur_freq`, `cpuinfo_max_freq`).
    public init(kilohertz: Int64) { self.megahertz = Double(kilohertz) / 1000 }
}
