/// One CPU's cpufreq state (`sys/devices/system/cpu/cpuN/cpufreq`, often a link to `policyM`).
public struct CPUFrequency: Sendable, Hashable, Encodable {
    public var cpu: Int
    /// `scaling_cur_freq`, else `cpuinfo_cur_freq` (root-only, 0400); nil with `reason`.
    public var current: Frequency?
    public var reason: ReadingError?
    public var scalingMin: Frequency?
    public var scalingMax: Frequency?
    /// `cpuinfo_min_freq` / `cpuinfo_max_freq`: the hardware range.
    public var hardwareMin: Frequency?
    public var hardwareMax: Frequency?
    /// `base_frequency` (intel_pstate), when present.
    public var base: Frequency?
    public var governor: String?
    public var driver: String?

    /// The frequency a busy CPU should reach: base, else hardware max, else scaling max.
    public var reference: Frequency? { base ?? hardwareMax ?? scalingMax }

    /// The top of the range: hardware max, else scaling max.
    public var maximum: Frequency? { hardwareMax ?? scalingMax }

    public init(cpu: Int) { self.cpu = cpu }
}
