/// The names of the Prometheus metrics a rig exposes on `/metrics`: the exposition writes them,
/// the farm's PromQL asks for them. docs/metrics.md describes each.
///
/// Prometheus' rules: one `rigtop_` prefix, base units in the name (seconds, joules, watts,
/// hertz, celsius), `_total` on counters, labels (``MetricLabel``) rather than name variants.
public enum MetricName {
    /// Always 1; the labels carry coin, algorithm, kernel, version and worker.
    public static let info = "rigtop_info"
    public static let upSeconds = "rigtop_up_seconds"
    public static let hashrate = "rigtop_hashrate_hashes_per_second"
    public static let threadHashrate = "rigtop_thread_hashrate_hashes_per_second"
    public static let threadHashes = "rigtop_thread_hashes_total"
    public static let hashes = "rigtop_hashes_total"
    public static let shares = "rigtop_shares_total"
    public static let sharesFound = "rigtop_shares_found_total"
    public static let blocksFound = "rigtop_blocks_found_total"
    public static let blocks = "rigtop_blocks_total"
    public static let threads = "rigtop_threads"
    public static let paused = "rigtop_paused"
    public static let shareDifficulty = "rigtop_share_difficulty"
    public static let hashingStalledSeconds = "rigtop_hashing_stalled_seconds"
    public static let poolUp = "rigtop_pool_up"
    public static let poolPingSeconds = "rigtop_pool_ping_seconds"
    public static let poolDifficulty = "rigtop_pool_difficulty"
    public static let poolFailures = "rigtop_pool_failures_total"
    public static let temperature = "rigtop_temperature_celsius"
    public static let cpuFrequency = "rigtop_cpu_frequency_hertz"
    public static let cpuThrottleEvents = "rigtop_cpu_throttle_events_total"
    public static let power = "rigtop_power_watts"
    public static let throttling = "rigtop_throttling"
    public static let cpuTemperature = "rigtop_cpu_temperature_celsius"
    public static let temperatureLimit = "rigtop_temperature_limit_celsius"
    public static let temperatureCritical = "rigtop_temperature_critical_celsius"
    public static let thermalGuardStopped = "rigtop_thermal_guard_stopped"
    public static let thermalGuardShedThreads = "rigtop_thermal_guard_shed_threads"
    public static let thermalGuardActive = "rigtop_thermal_guard_active"
    public static let miningPower = "rigtop_mining_power_watts"
    public static let energy = "rigtop_energy_joules_total"
    public static let earningsCoinsPerDay = "rigtop_earnings_coins_per_day"
    public static let earningsNetPerDay = "rigtop_earnings_net_per_day"

    // `rigtop exporter`'s own, for miners rigtop does not run; each series carries the
    // ``MetricLabel/miner`` and ``MetricLabel/kind`` labels beside the rig metrics above.
    /// 1 when the exporter's last read of the miner's API worked, 0 when it failed.
    public static let minerUp = "rigtop_miner_up"
    /// One hashing unit's rate (a hash board's chain, a GPU, a CPU thread) over a window.
    public static let deviceHashrate = "rigtop_device_hashrate_hashes_per_second"
    /// The ASIC chips a hash board's chain answered with.
    public static let deviceChips = "rigtop_device_chips"
    /// A fan's speed in revolutions per minute, as the miner reports it.
    public static let fanSpeed = "rigtop_fan_speed_rpm"
}
