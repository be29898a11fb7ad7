import Prometheus
public import RigRuntime
import RigEngine
import RigSensors

/// The rig's state as Prometheus metrics (text exposition format 0.0.4), built through
/// swift-prometheus.
///
/// A fresh registry per scrape: every series comes from one state value, so a thread, a chip or
/// a pool that went away leaves no stale series behind, and a scrape never waits for the miners.
/// Names follow Prometheus' rules: one `rigtop_` prefix, base units (seconds, joules, watts,
/// hertz, celsius), `_total` for counters, labels rather than name variants. docs/metrics.md lists
/// them all.
public enum MetricsExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func text(_ state: RigState) -> String {
        let registry = PrometheusCollectorRegistry()
        let engine = state.engine
        func gauge(_ name: String, _ help: String, _ labels: [(String, String)] = [], _ value: Double?) {
            guard let value, value.isFinite else { return }
            registry.makeGauge(name: name, labels: labels.map { ($0.0, escaped($0.1)) }, help: help).set(value)
        }
        func counter(_ name: String, _ help: String, _ labels: [(String, String)] = [], _ value: Double) {
            guard value.isFinite, value >= 0 else { return }
            registry.makeCounter(name: name, labels: labels.map { ($0.0, escaped($0.1)) }, help: help).increment(by: value)
        }

        gauge("rigtop_info", "rigtop's coin, algorithm, kernel, version and worker name (always 1).",
              [("coin", engine.coin?.symbol ?? ""), ("algorithm", engine.algorithm.rawValue),
               ("kernel", engine.kernel?.rawValue ?? ""), ("version", RigtopVersion.string), ("worker", state.worker)], 1)
        gauge("rigtop_up_seconds", "Seconds since the engine started.", [], engine.uptime)

        let windows: [(String, KeyPath<WindowedRate, Double?>)] = [
            ("10s", \.tenSeconds), ("60s", \.sixtySeconds), ("15m", \.fifteenMinutes)]
        for (window, path) in windows {
            gauge("rigtop_hashrate_hashes_per_second", "Hashrate of the whole rig over a window (absent until the window has data).",
                  [("window", window)], engine.hashrate[keyPath: path])
        }
        for thread in engine.threads {
            for (window, path) in windows {
                gauge("rigtop_thread_hashrate_hashes_per_second", "Hashrate of one mining thread over a window.",
                      [("thread", String(thread.index)), ("window", window)], thread.hashrate[keyPath: path])
            }
            counter("rigtop_thread_hashes_total", "Hashes one mining thread computed.",
                    [("thread", String(thread.index))], Double(thread.hashes))
        }
        counter("rigtop_hashes_total", "Hashes computed since the engine started.", [], Double(engine.totalHashes))
        let shares = engine.shares
        for (result, value) in [("accepted", shares.accepted), ("rejected", shares.rejected), ("stale", shares.stale),
                                ("dropped", shares.dropped), ("hardware_error", shares.hardwareErrors)] {
            counter("rigtop_shares_total", "Shares by outcome: accepted or rejected by the pool, stale (not sent), dropped (never judged: duplicate, no reply, queue full), hardware_error (failed re-verification).",
                    [("result", result)], Double(value))
        }
        counter("rigtop_shares_found_total", "Shares found by the threads and verified locally.", [], Double(shares.found))
        counter("rigtop_blocks_found_total", "Blocks found and submitted to a node (solo mining).", [], Double(engine.blocks.found))
        for (result, value) in [("accepted", engine.blocks.accepted), ("rejected", engine.blocks.rejected)] {
            counter("rigtop_blocks_total", "Blocks by the node's verdict: accepted (on its chain) or rejected.",
                    [("result", result)], Double(value))
        }
        gauge("rigtop_threads", "Mining threads running.", [], Double(engine.threads.count))
        gauge("rigtop_paused", "1 while hashing is paused (by the user or the thermal guard).", [],
              engine.state == .paused || engine.state == .tooHot ? 1 : 0)
        gauge("rigtop_share_difficulty", "The current job's share difficulty (Bitcoin convention).", [], engine.shareDifficulty)
        gauge("rigtop_hashing_stalled_seconds", "Seconds the hash counters have not moved although hashing is expected (0 when hashing).",
              [], engine.hashingStalledSeconds ?? 0)
        if let pool = engine.pool {
            gauge("rigtop_pool_up", "1 while the pool connection is up and mining.", [("pool", pool.url)],
                  pool.connection == .mining ? 1 : 0)
            gauge("rigtop_pool_ping_seconds", "Round trip of the last share submission.", [("pool", pool.url)], pool.latencySeconds)
            gauge("rigtop_pool_difficulty", "The pool's share difficulty as it sent it.", [("pool", pool.url)], pool.difficulty)
            counter("rigtop_pool_failures_total", "Times the pool connection dropped.", [("pool", pool.url)], Double(state.poolFailures))
        }

        if let sample = state.sensors {
            for chip in sample.chips {
                for channel in chip.channels where channel.kind == .temp {
                    gauge("rigtop_temperature_celsius", "Every temperature sensor (hwmon chip and channel label).",
                          [("chip", chip.id), ("sensor", channel.displayName)], channel.temperature?.celsius)
                }
            }
            for gpu in sample.gpus {
                for channel in gpu.temperatures {
                    gauge("rigtop_temperature_celsius", "Every temperature sensor (hwmon chip and channel label).",
                          [("chip", gpu.id), ("sensor", channel.displayName)], channel.temperature?.celsius)
                }
            }
            for cpu in sample.cpus {
                gauge("rigtop_cpu_frequency_hertz", "Current CPU frequency.", [("cpu", String(cpu.cpu))],
                      cpu.frequency?.current.map { $0.megahertz * 1_000_000 })
                if let count = cpu.throttle.coreCount, count >= 0 {
                    counter("rigtop_cpu_throttle_events_total", "Thermal throttle events the kernel counted (core and package).",
                            [("cpu", String(cpu.cpu)), ("scope", "core")], Double(count))
                }
                if let count = cpu.throttle.packageCount, count >= 0 {
                    counter("rigtop_cpu_throttle_events_total", "Thermal throttle events the kernel counted (core and package).",
                            [("cpu", String(cpu.cpu)), ("scope", "package")], Double(count))
                }
            }
            for reading in sample.power {
                gauge("rigtop_power_watts", "Every power figure: source (rapl, hwmon, nvml, estimate), domain (cpu, cpu-part, gpu, platform, other).",
                      [("source", reading.source.rawValue), ("domain", reading.domain.rawValue), ("sensor", reading.label),
                       ("measured", reading.measured ? "true" : "false")], reading.watts)
            }
        }
        gauge("rigtop_throttling", "1 while a CPU is thermally throttling.", [], state.cpuThrottling ? 1 : 0)
        gauge("rigtop_cpu_temperature_celsius", "The CPU temperature the thermal guard judges (the hottest CPU sensor).",
              [], state.cpuTemperature?.temperature.celsius)
        gauge("rigtop_temperature_limit_celsius", "The thermal guard's limit: threads are shed at this CPU temperature.",
              [], state.thermalGuard.limitCelsius)
        gauge("rigtop_temperature_critical_celsius", "The thermal guard's critical temperature: hashing stops here.",
              [], state.thermalGuard.criticalCelsius)
        gauge("rigtop_thermal_guard_stopped", "1 while the thermal guard has stopped hashing (critical temperature).",
              [], state.thermalGuard.phase == .stopped ? 1 : 0)
        gauge("rigtop_thermal_guard_shed_threads", "Threads the thermal guard has taken away.", [], Double(state.thermalGuard.shedThreads))
        gauge("rigtop_thermal_guard_active", "1 when a CPU temperature can be read, so the thermal guard can act.",
              [], state.thermalGuard.phase == .blind ? 0 : 1)
        if let power = state.miningPower {
            gauge("rigtop_mining_power_watts", "The miner's power: the CPU packages', measured or estimated.",
                  [("measured", power.measured ? "true" : "false")], power.watts)
        }
        counter("rigtop_energy_joules_total", "Energy the mining power used since the rig started.", [], state.energyJoules)
        if let estimate = state.earnings, let coin = engine.coin {
            gauge("rigtop_earnings_coins_per_day", "Coins per day at the 60 s hashrate, after the pool fee.",
                  [("coin", coin.symbol)], estimate.coinsPerDay)
            gauge("rigtop_earnings_net_per_day", "Money per day after the pool fee and the mining power's electricity.",
                  [("currency", state.earningsSettings.currency)], estimate.netPerDay)
        }
        return registry.emitToString()
    }

    /// Label values are free text from sysfs and pools: swift-prometheus escapes quotes and
    /// backslashes; control characters are dropped here so a label stays on one line.
    static func escaped(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }))
    }
}
