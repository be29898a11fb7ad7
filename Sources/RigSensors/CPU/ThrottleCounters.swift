/// Intel thermal-throttle event counters and topology of one CPU
/// (`cpuN/thermal_throttle/{core,package}_throttle_{count,total_time_ms}`, `cpuN/topology`).
public struct ThrottleCounters: Sendable, Hashable, Encodable {
    public var cpu: Int
    /// `topology/physical_package_id`.
    public var package: Int?
    /// `topology/core_id`.
    public var core: Int?
    public var coreCount: Int64?
    public var coreTotalTimeMilliseconds: Int64?
    public var packageCount: Int64?
    public var packageTotalTimeMilliseconds: Int64?

    enum CodingKeys: String, CodingKey {
        case cpu, package, core, coreCount = "core_throttle_count",
             coreTotalTimeMilliseconds = "core_throttle_total_time_ms",
             packageCount = "package_throttle_count",
             packageTotalTimeMilliseconds = "package_throttle_total_time_ms"
    }

    /// Reads counters and topology of `cpu`; absent files stay nil.
    public static func read(root: SysfsRoot, cpu: Int) -> ThrottleCounters {
        let base = "sys/devices/system/cpu/cpu\(cpu)/"
        func number(_ file: String) -> Int64? { try? root.readInteger(base + file).get() }
        return ThrottleCounters(
            cpu: cpu,
            package: number("topology/physical_package_id").map(Int.init),
            core: number("topology/core_id").map(Int.init),
            coreCount: number("thermal_throttle/core_throttle_count"),
            coreTotalTimeMilliseconds: number("thermal_throttle/core_throttle_total_time_ms"),
            packageCount: number("thermal_throttle/package_throttle_count"),
            packageTotalTimeMilliseconds: number("thermal_throttle/package_throttle_total_time_ms"))
    }
}
