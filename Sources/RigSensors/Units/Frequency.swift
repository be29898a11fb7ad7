/// A clock frequency in megahertz.
public struct Frequency: Sendable, Hashable, Comparable, Codable {
    /// Megahertz (hwmon ABI: `freq*_input` is Hz; cpufreq files are kHz, see `init(kilohertz:)`).
    public var megahertz: Double

    public init(megahertz: Double) { self.megahertz = megahertz }

    /// From the value as sysfs spells it (1_000_000 per unit).
    public init(hertz: Int64) { self.megahertz = Double(hertz) / 1_000_000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.megahertz < rhs.megahertz }
}

extension Frequency {
    /// From cpufreq's kHz (`scaling_cur_freq`, `cpuinfo_max_freq`).
    public init(kilohertz: Int64) { self.megahertz = Double(kilohertz) / 1000 }
}
