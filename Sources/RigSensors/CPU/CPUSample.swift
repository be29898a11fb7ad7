/// One logical CPU in a sample: frequency, utilisation, throttle counters and verdict.
public struct CPUSample: Sendable, Hashable, Encodable {
    public var cpu: Int
    public var frequency: CPUFrequency?
    public var throttle: ThrottleCounters
    /// Counter increases since the previous sample; nil on the first sample.
    public var coreThrottleDelta: Int64?
    public var packageThrottleDelta: Int64?
    /// Busy fraction 0...1 since the previous sample; nil with `utilisationReason`.
    public var utilisation: Double?
    public var utilisationReason: ReadingError?
    public var verdict: ThrottleVerdict

    enum CodingKeys: String, CodingKey {
        case cpu, package, core, mhz, mhzReason = "mhz_reason", minMHz = "min_mhz", maxMHz = "max_mhz",
             baseMHz = "base_mhz", governor, utilisation, utilisationReason = "utilisation_reason",
             throttleCount = "throttle_count", packageThrottleCount = "package_throttle_count",
             throttling, throttleReasons = "throttle_reasons"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cpu, forKey: .cpu)
        try container.encodeIfPresent(throttle.package, forKey: .package)
        try container.encodeIfPresent(throttle.core, forKey: .core)
        try container.encode(frequency?.current?.megahertz, forKey: .mhz)
        try container.encodeIfPresent(frequency?.reason, forKey: .mhzReason)
        try container.encode(frequency?.scalingMin?.megahertz ?? frequency?.hardwareMin?.megahertz, forKey: .minMHz)
        try container.encode(frequency?.scalingMax?.megahertz ?? frequency?.hardwareMax?.megahertz, forKey: .maxMHz)
        try container.encodeIfPresent(frequency?.base?.megahertz, forKey: .baseMHz)
        try container.encodeIfPresent(frequency?.governor, forKey: .governor)
        try container.encode(utilisation, forKey: .utilisation)
        try container.encodeIfPresent(utilisationReason, forKey: .utilisationReason)
        try container.encode(throttle.coreCount, forKey: .throttleCount)
        try container.encode(throttle.packageCount, forKey: .packageThrottleCount)
        try container.encode(verdict.isThrottling, forKey: .throttling)
        try container.encode(verdict.reasons, forKey: .throttleReasons)
    }
}
