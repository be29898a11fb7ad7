/// The unit a channel's value is reported in, after conversion from the kernel's unit.
public enum SensorUnit: String, Sendable, Hashable, Codable {
    case celsius = "°C"
    case rpm = "RPM"
    case volts = "V"
    case amperes = "A"
    case watts = "W"
    case joules = "J"
    case megahertz = "MHz"
    /// Relative humidity in percent.
    case percentRH = "%RH"
    /// Raw PWM duty, 0...255 (hwmon ABI: `pwm*`).
    case pwm = "PWM"
    /// A 0/1 flag (`intrusion*_alarm`).
    case flag = ""
}
