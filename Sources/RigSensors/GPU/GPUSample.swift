/// One GPU: temperatures, power, fan, clocks and throttle verdict, from amdgpu/xe hwmon or NVML.
public struct GPUSample: Sendable, Hashable, Encodable {
    /// PCI slot for hwmon GPUs (`0000:09:00.0`), `nvml:N` for NVML devices.
    public var id: String
    /// `amdgpu`, `xe`, `i915`, `nouveau`, `radeon`, or `nvidia` (NVML).
    public var driver: String
    /// DRM card (`card0`) or NVML product name.
    public var name: String?
    /// The hwmon chip id the readings came from, if any.
    public var chip: String?
    /// Temperature channels by label (`edge`, `junction`, `mem`; NVML: `gpu`).
    public var temperatures: [HwmonChannel]
    /// Board power: `power1_average`, else `power1_input`, else energy deltas, else NVML; nil with
    /// `powerReason`.
    public var power: Power?
    public var powerReason: ReadingError?
    /// Power cap (`power1_cap`, NVML enforced limit).
    public var powerCap: Power?
    public var fanRPM: Double?
    /// Fan duty in percent (`pwm1` / 255, NVML fan speed).
    public var fanPercent: Double?
    /// Shader/graphics clock (`freq1` sclk, NVML graphics clock).
    public var coreClock: Frequency?
    /// Memory clock (`freq2` mclk, NVML memory clock).
    public var memoryClock: Frequency?
    /// `device/gpu_busy_percent` or NVML utilisation.
    public var busyPercent: Double?
    /// NVML clock-event reasons; nil for hwmon GPUs.
    public var clockEventReasons: NVMLClockEventReasons?
    public var verdict: ThrottleVerdict

    /// The hottest readable temperature.
    public var hottest: HwmonChannel? {
        temperatures.filter { $0.value != nil }.max { $0.value! < $1.value! }
    }

    /// The temperature labelled `label` (`edge`, `junction`, `mem`).
    public func temperature(_ label: String) -> Temperature? {
        temperatures.first { $0.label == label }?.temperature
    }

    enum CodingKeys: String, CodingKey {
        case id, driver, name, chip, temperatures, power = "watts", powerReason = "power_reason",
             powerCap = "power_cap_watts", fanRPM = "fan_rpm", fanPercent = "fan_percent",
             coreClock = "core_mhz", memoryClock = "memory_mhz", busyPercent = "busy_percent",
             clockEventReasons = "clock_event_reasons", throttling, throttleReasons = "throttle_reasons"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(driver, forKey: .driver)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(chip, forKey: .chip)
        try container.encode(temperatures, forKey: .temperatures)
        try container.encode(power?.watts, forKey: .power)
        try container.encodeIfPresent(powerReason, forKey: .powerReason)
        try container.encodeIfPresent(powerCap?.watts, forKey: .powerCap)
        try container.encode(fanRPM, forKey: .fanRPM)
        try container.encode(fanPercent, forKey: .fanPercent)
        try container.encode(coreClock?.megahertz, forKey: .coreClock)
        try container.encode(memoryClock?.megahertz, forKey: .memoryClock)
        try container.encode(busyPercent, forKey: .busyPercent)
        try container.encodeIfPresent(clockEventReasons, forKey: .clockEventReasons)
        try container.encode(verdict.isThrottling, forKey: .throttling)
        try container.encode(verdict.reasons, forKey: .throttleReasons)
    }
}
