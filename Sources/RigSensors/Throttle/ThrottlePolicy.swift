/// Limits used to judge throttling when the hardware does not state them; the config can change
/// every field.
public struct ThrottlePolicy: Sendable, Hashable {
    /// CPU limit when the chip has no `max`/`crit` (k10temp on Zen has none). 95 °C is AMD's Tjmax
    /// for Ryzen 7000 (Ryzen 5000 desktop: 90 °C).
    public var defaultCPULimit: Temperature
    /// GPU limit when a temperature has no threshold (phoenix iGPU `edge`).
    public var defaultGPULimit: Temperature
    /// Utilisation (0...1) from which a CPU counts as busy.
    public var busyUtilisation: Double
    /// A busy CPU under this fraction of its reference frequency counts as throttled.
    public var lowFrequencyRatio: Double

    public init(defaultCPULimit: Temperature = Temperature(celsius: 95),
                defaultGPULimit: Temperature = Temperature(celsius: 95),
                busyUtilisation: Double = 0.9, lowFrequencyRatio: Double = 0.75) {
        self.defaultCPULimit = defaultCPULimit
        self.defaultGPULimit = defaultGPULimit
        self.busyUtilisation = busyUtilisation
        self.lowFrequencyRatio = lowFrequencyRatio
    }
}
