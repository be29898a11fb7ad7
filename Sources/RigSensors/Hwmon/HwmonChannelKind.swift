/// A hwmon channel type, spelled as in the attribute file names (`temp1_input` is `.temp`).
public enum HwmonChannelKind: String, Sendable, Hashable, Codable, CaseIterable {
    case temp, fan, pwm, `in`, curr, power, energy, freq, humidity, intrusion

    /// The unit of the converted value.
    public var unit: SensorUnit {
        switch self {
        case .temp: .celsius
        case .fan: .rpm
        case .pwm: .pwm
        case .in: .volts
        case .curr: .amperes
        case .power: .watts
        case .energy: .joules
        case .freq: .megahertz
        case .humidity: .percentRH
        case .intrusion: .flag
        }
    }

    /// What the kernel's number is divided by to get `unit` (Documentation/hwmon/sysfs-interface.rst:
    /// millidegrees, RPM, 0-255, mV, mA, µW, µJ, Hz, milli-percent, 0/1).
    public var divisor: Double {
        switch self {
        case .temp, .in, .curr, .humidity: 1000
        case .power, .energy, .freq: 1_000_000
        case .fan, .pwm, .intrusion: 1
        }
    }
}
