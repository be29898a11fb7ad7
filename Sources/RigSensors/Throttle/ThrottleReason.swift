/// Why a CPU or GPU is judged to be throttling.
public enum ThrottleReason: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// A `thermal_throttle` counter (`"core"` or `"package"`) rose since the last sample.
    case counterRose(counter: String, by: Int64)
    /// A temperature is at or over its limit; `limitName` is the hwmon attribute (`max`, `crit`) or
    /// `"default"` when the chip has none and `ThrottlePolicy` supplied it.
    case temperatureAtLimit(sensor: String, temperature: Temperature, limit: Temperature, limitName: String)
    /// A busy CPU runs well below its reference (base, else max) frequency.
    case lowFrequencyUnderLoad(current: Frequency, reference: Frequency, utilisation: Double)
    /// NVML's clock-event reasons report a slowdown (`"hw thermal slowdown"`, `"sw power cap"`...).
    case nvml(String)

    public var description: String {
        switch self {
        case .counterRose(let counter, let by):
            "\(counter) throttle count +\(by)"
        case .temperatureAtLimit(let sensor, let temperature, let limit, let name):
            "\(sensor) \(Self.format(temperature.celsius))°C ≥ \(name) \(Self.format(limit.celsius))°C"
        case .lowFrequencyUnderLoad(let current, let reference, let utilisation):
            "\(Int(current.megahertz.rounded())) MHz at \(Int((utilisation * 100).rounded()))% load, reference \(Int(reference.megahertz.rounded())) MHz"
        case .nvml(let text):
            text
        }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
