import Prometheus
import RigFigures
public import RigRuntime
import RigEngine
import RigSchema
import RigSensors

/// The rig's state as Prometheus metrics (text exposition format 0.0.4), built through
/// swift-prometheus.
///
/// A fresh registry per scrape: every series comes from one state value, so a thread, a chip or
/// a pool that went away leaves no stale series behind, and a scrape never waits for the miners.
/// Names follow Prometheus' rules: one `rigtop_` prefix, base units (seconds, joules, watts,
/// hertz, celsius), `_total` for counters, labels rather than name variants. The names are
/// RigSchema's ``MetricName`` and ``MetricLabel``, which the farm's queries use too; docs/metrics.md
/// lists them all.
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

        gauge(MetricName.info, "rigtop's coin, algorithm, kernel, version and worker name (always 1).",
              [(MetricLabel.coin, engine.coin?.symbol ?? ""), (MetricLabel.algorithm, engine.algorithm.rawValue),
               (MetricLabel.kernel, engine.kernel?.rawValue ?? ""), (MetricLabel.version, RigtopVersion.string),
               (MetricLabel.worker, state.worker)], 1)
        gauge(MetricName.upSeconds, "Seconds since the engine started.", [], engine.uptime)

        let windows = rateWindows
        for (window, path) in windows {
            gauge(MetricName.hashrate, "Hashrate of the whole rig over a window (absent until the window has data).",
                  [(MetricLabel.window, window)], engine.hashrate[keyPath: path])
        }
        for thread in engine.threads {
            for (window, path) in windows {
                gauge(MetricName.threadHashrate, "Hashrate of one mining thread over a window.",
                      [(MetricLabel.thread, String(thread.index)), (MetricLabel.window, window)], thread.hashrate[keyPath: path])
            }
            counter(MetricName.threadHashes, "Hashes one mining thread computed.",
                    [(MetricLabel.thread, String(thread.index))], Double(thread.hashes))
        }
        counter(MetricName.hashes, "Hashes computed since the engine started.", [], Double(engine.totalHashes))
        let shares = engine.shares
        let outcomes: [(ShareResult, UInt64)] = [(.accepted, shares.accepted), (.rejected, shares.rejected), (.stale, shares.stale),
                                                 (.dropped, shares.dropped), (.hardwareError, shares.hardwareErrors)]
        for (result, value) in outcomes {
            counter(MetricName.shares, "Shares by outcome: accepted or rejected by the pool, stale (not sent), dropped (never judged: duplicate, no reply, queue full), hardware_error (failed re-verification).",
                    [(MetricLabel.result, result.rawValue)], Double(value))
        }
        counter(MetricName.sharesFound, "Shares found by the threads and verified locally.", [], Double(shares.found))
        counter(MetricName.blocksFound, "Blocks found and submitted to a node (solo mining).", [], Double(engine.blocks.found))
        for (result, value) in [(ShareResult.accepted, engine.blocks.accepted), (.rejected, engine.blocks.rejected)] {
            counter(MetricName.blocks, "Blocks by the node's verdict: accepted (on its chain) or rejected.",
                    [(MetricLabel.result, result.rawValue)], Double(value))
        }
        gauge(MetricName.threads, "Mining threads running.", [], Double(engine.threads.count))
        gauge(MetricName.paused, "1 while hashing is paused (by the user or the thermal guard).", [],
              engine.state == .paused || engine.state == .tooHot ? 1 : 0)
        gauge(MetricName.shareDifficulty, "The current job's share difficulty (Bitcoin convention).", [], engine.shareDifficulty)
        gauge(MetricName.hashingStalledSeconds, "Seconds the hash counters have not moved although hashing is expected (0 when hashing).",
              [], engine.hashingStalledSeconds ?? 0)
        if let pool = engine.pool {
            gauge(MetricName.poolUp, "1 while the pool connection is up and mining.", [(MetricLabel.pool, pool.url)],
                  pool.connection == .mining ? 1 : 0)
            gauge(MetricName.poolPingSeconds, "Round trip of the last share submission.", [(MetricLabel.pool, pool.url)],
                  pool.latencySeconds)
            gauge(MetricName.poolDifficulty, "The pool's share difficulty as it sent it.", [(MetricLabel.pool, pool.url)], pool.difficulty)
            counter(MetricName.poolFailures, "Times the pool connection dropped.", [(MetricLabel.pool, pool.url)],
                    Double(state.poolFailures))
        }

        if let sample = state.sensors {
            for chip in sample.chips {
                for channel in chip.channels where channel.kind == .temp {
                    gauge(MetricName.temperature, "Every temperature sensor (hwmon chip and channel label).",
                          [(MetricLabel.chip, chip.id), (MetricLabel.sensor, channel.displayName)], channel.temperature?.celsius)
                }
            }
            for gpu in sample.gpus {
                for channel in gpu.temperatures {
                    gauge(MetricName.temperature, "Every temperature sensor (hwmon chip and channel label).",
                          [(MetricLabel.chip, gpu.id), (MetricLabel.sensor, channel.displayName)], channel.temperature?.celsius)
                }
            }
            for cpu in sample.cpus {
                gauge(MetricName.cpuFrequency, "Current CPU frequency.", [(MetricLabel.cpu, String(cpu.cpu))],
                      cpu.frequency?.current.map { $0.megahertz * 1_000_000 })
                if let count = cpu.throttle.coreCount, count >= 0 {
                    counter(MetricName.cpuThrottleEvents, "Thermal throttle events the kernel counted (core and package).",
                            [(MetricLabel.cpu, String(cpu.cpu)), (MetricLabel.scope, "core")], Double(count))
                }
                if let count = cpu.throttle.packageCount, count >= 0 {
                    counter(MetricName.cpuThrottleEvents, "Thermal throttle events the kernel counted (core and package).",
                            [(MetricLabel.cpu, String(cpu.cpu)), (MetricLabel.scope, "package")], Double(count))
                }
            }
            for reading in sample.power {
                gauge(MetricName.power, "Every power figure: source (rapl, hwmon, nvml, estimate), domain (cpu, cpu-part, gpu, platform, other).",
                      [(MetricLabel.source, reading.source.rawValue), (MetricLabel.domain, reading.domain.rawValue),
                       (MetricLabel.sensor, reading.label), (MetricLabel.measured, MetricLabel.boolean(reading.measured))], reading.watts)
            }
        }
        gauge(MetricName.throttling, "1 while a CPU is thermally throttling.", [], state.cpuThrottling ? 1 : 0)
        gauge(MetricName.cpuTemperature, "The CPU temperature the thermal guard judges (the hottest CPU sensor).",
              [], state.cpuTemperature?.temperature.celsius)
        gauge(MetricName.temperatureLimit, "The thermal guard's limit: threads are shed at this CPU temperature.",
              [], state.thermalGuard.limitCelsius)
        gauge(MetricName.temperatureCritical, "The thermal guard's critical temperature: hashing stops here.",
              [], state.thermalGuard.criticalCelsius)
        gauge(MetricName.thermalGuardStopped, "1 while the thermal guard has stopped hashing (critical temperature).",
              [], state.thermalGuard.phase == .stopped ? 1 : 0)
        gauge(MetricName.thermalGuardShedThreads, "Threads the thermal guard has taken away.", [], Double(state.thermalGuard.shedThreads))
        gauge(MetricName.thermalGuardActive, "1 when a CPU temperature can be read, so the thermal guard can act.",
              [], state.thermalGuard.phase == .blind ? 0 : 1)
        if let power = state.miningPower {
            gauge(MetricName.miningPower, "The miner's power: the CPU packages', measured or estimated.",
                  [(MetricLabel.measured, MetricLabel.boolean(power.measured))], power.watts)
        }
        counter(MetricName.energy, "Energy the mining power used since the rig started.", [], state.energyJoules)
        if let estimate = state.earnings, let coin = engine.coin {
            gauge(MetricName.earningsCoinsPerDay, "Coins per day at the 60 s hashrate, after the pool fee.",
                  [(MetricLabel.coin, coin.symbol)], estimate.coinsPerDay)
            gauge(MetricName.earningsNetPerDay, "Money per day after the pool fee and the mining power's electricity.",
                  [(MetricLabel.currency, state.earningsSettings.currency)], estimate.netPerDay)
        }
        return registry.emitToString()
    }

    /// Each ``RateWindow`` label value with the figure it labels.
    static var rateWindows: [(String, KeyPath<WindowedRate, Double?>)] {
        [(RateWindow.tenSeconds.rawValue, \.tenSeconds), (RateWindow.sixtySeconds.rawValue, \.sixtySeconds),
         (RateWindow.fifteenMinutes.rawValue, \.fifteenMinutes)]
    }

    /// Label values are free text from sysfs and pools: swift-prometheus escapes quotes and
    /// backslashes; control characters are dropped here so a label stays on one line.
    static func escaped(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }))
    }
}
