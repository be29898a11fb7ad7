/// Whether a CPU or GPU is throttling, and why. Empty `reasons` means not throttling.
public struct ThrottleVerdict: Sendable, Hashable, Encodable {
    public var reasons: [ThrottleReason]

    public init(reasons: [ThrottleReason] = []) {
        self.reasons = reasons
    }

    public var isThrottling: Bool { !reasons.isEmpty }

    /// Judges one CPU from counter deltas, its package temperature, and load against frequency.
    public static func cpu(counterDeltas: (core: Int64?, package: Int64?),
                           packageTemperature: HwmonChannel?,
                           frequency: CPUFrequency?, utilisation: Double?,
                           policy: ThrottlePolicy) -> ThrottleVerdict {
        var reasons: [ThrottleReason] = []
        if let delta = counterDeltas.core, delta > 0 { reasons.append(.counterRose(counter: "core", by: delta)) }
        if let delta = counterDeltas.package, delta > 0 { reasons.append(.counterRose(counter: "package", by: delta)) }
        if let channel = packageTemperature,
           let reason = temperatureReason(channel, defaultLimit: policy.defaultCPULimit) {
            reasons.append(reason)
        }
        if let utilisation, utilisation >= policy.busyUtilisation,
           let current = frequency?.current, let reference = frequency?.reference,
           current.megahertz < policy.lowFrequencyRatio * reference.megahertz {
            reasons.append(.lowFrequencyUnderLoad(current: current, reference: reference, utilisation: utilisation))
        }
        return ThrottleVerdict(reasons: reasons)
    }

    /// Judges a GPU from its temperature channels and NVML clock-event reasons.
    public static func gpu(temperatures: [HwmonChannel], nvmlReasons: NVMLClockEventReasons?,
                           policy: ThrottlePolicy) -> ThrottleVerdict {
        var reasons = temperatures.compactMap { temperatureReason($0, defaultLimit: policy.defaultGPULimit) }
        if let nvmlReasons { reasons += nvmlReasons.slowdowns.map(ThrottleReason.nvml) }
        return ThrottleVerdict(reasons: reasons)
    }

    static func temperatureReason(_ channel: HwmonChannel, defaultLimit: Temperature) -> ThrottleReason? {
        guard let temperature = channel.temperature else { return nil }
        let (name, limit) = channel.temperatureLimit ?? ("default", defaultLimit)
        guard temperature >= limit else { return nil }
        return .temperatureAtLimit(sensor: channel.displayName, temperature: temperature, limit: limit, limitName: name)
    }
}
