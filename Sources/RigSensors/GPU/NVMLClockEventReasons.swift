/// NVML's clock-event (formerly "clocks throttle") reason bits, `nvmlClocksEventReason*` in nvml.h.
public struct NVMLClockEventReasons: OptionSet, Sendable, Hashable, Encodable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let gpuIdle = Self(rawValue: 0x1)
    public static let applicationsClocksSetting = Self(rawValue: 0x2)
    public static let swPowerCap = Self(rawValue: 0x4)
    public static let hwSlowdown = Self(rawValue: 0x8)
    public static let syncBoost = Self(rawValue: 0x10)
    public static let swThermalSlowdown = Self(rawValue: 0x20)
    public static let hwThermalSlowdown = Self(rawValue: 0x40)
    public static let hwPowerBrakeSlowdown = Self(rawValue: 0x80)
    public static let displayClockSetting = Self(rawValue: 0x100)

    /// The set reasons that mean thermal or power slowdown (idle, app clocks, sync boost and
    /// display clock are not throttling).
    public var slowdowns: [String] {
        [(Self.swPowerCap, "sw power cap"), (.hwSlowdown, "hw slowdown"),
         (.swThermalSlowdown, "sw thermal slowdown"), (.hwThermalSlowdown, "hw thermal slowdown"),
         (.hwPowerBrakeSlowdown, "hw power brake slowdown")]
            .filter { contains($0.0) }.map(\.1)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
