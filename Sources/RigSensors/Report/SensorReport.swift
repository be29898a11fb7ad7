import Foundation

/// The `rigtop sensors` output for one sample: `text` (lm-sensors-like) and `json`.
///
/// ```swift
/// let report = SensorReport(sampler.sampleWithRates())
/// print(json ? report.json : report.text)
/// ```
public struct SensorReport: Sendable {
    public var sample: SensorSample

    public init(_ sample: SensorSample) {
        self.sample = sample
    }

    /// One JSON object: `chips`, `power`, `cpus`, `gpus`, `thermal_zones`, ... (keys sorted,
    /// values in °C, RPM, V, A, W, J, MHz; unreadable values are `null` with a `reason`).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(sample) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
