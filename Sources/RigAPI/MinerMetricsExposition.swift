import Prometheus
public import RigMiners
import RigSchema

/// Miners rigtop reads but does not run, as Prometheus metrics: `rigtop exporter`'s `/metrics`.
///
/// The names are the rig's (``MetricName``: hashrate per window, shares by result,
/// temperatures, power, uptime, pool) plus the exporter's own (``MetricName/minerUp``, device
/// rates and chips, fans), and every series carries ``MetricLabel/miner`` (the miner's id, never
/// its token) and ``MetricLabel/kind``. A fresh registry per scrape, as for the rig: a miner
/// that stopped reporting a device leaves no stale series. Figures the reader dropped as out of
/// range are absent, and a miner whose last read failed has only `rigtop_miner_up 0`, one not read yet nothing.
public enum MinerMetricsExposition {
    /// One miner as the exporter last read it.
    public struct Reading: Sendable {
        public var endpoint: MinerEndpoint
        /// nil before the first read has finished.
        public var result: Result<MinerSnapshot, MinerReadError>?

        public init(endpoint: MinerEndpoint, result: Result<MinerSnapshot, MinerReadError>?) {
            self.endpoint = endpoint
            self.result = result
        }
    }

    public static func text(_ readings: [Reading]) -> String {
        let registry = PrometheusCollectorRegistry()
        for reading in readings {
            let miner = [(MetricLabel.miner, reading.endpoint.id), (MetricLabel.kind, reading.endpoint.kind.rawValue)]
            func gauge(_ name: String, _ help: String, _ labels: [(String, String)] = [], _ value: Double?) {
                guard let value, value.isFinite else { return }
                registry.makeGauge(name: name, labels: (miner + labels).map { ($0.0, MetricsExposition.escaped($0.1)) }, help: help)
                    .set(value)
            }
            func counter(_ name: String, _ help: String, _ labels: [(String, String)], _ value: UInt64?) {
                guard let value else { return }
                registry.makeCounter(name: name, labels: (miner + labels).map { ($0.0, MetricsExposition.escaped($0.1)) }, help: help)
                    .increment(by: Double(value))
            }
            guard let result = reading.result else { continue }
            guard case .success(let snapshot) = result else {
                gauge(MetricName.minerUp, Help.up, [], 0)
                continue
            }
            gauge(MetricName.minerUp, Help.up, [], 1)
            gauge(MetricName.info, Help.info,
                  [(MetricLabel.algorithm, snapshot.algorithm ?? ""),
                   (MetricLabel.version, [snapshot.software, snapshot.version].compactMap { $0 }.joined(separator: " ")),
                   (MetricLabel.worker, snapshot.worker ?? snapshot.model ?? "")], 1)
            gauge(MetricName.upSeconds, Help.upSeconds, [], snapshot.uptimeSeconds)
            for (window, path) in MetricsExposition.rateWindows {
                gauge(MetricName.hashrate, Help.hashrate, [(MetricLabel.window, window)], snapshot.hashrate[keyPath: path])
            }
            let outcomes: [(ShareResult, UInt64?)] = [(.accepted, snapshot.accepted), (.rejected, snapshot.rejected),
                                                      (.stale, snapshot.stale), (.hardwareError, snapshot.hardwareErrors)]
            for (result, value) in outcomes {
                counter(MetricName.shares, Help.shares, [(MetricLabel.result, result.rawValue)], value)
            }
            gauge(MetricName.paused, Help.paused, [], snapshot.paused.map { $0 ? 1 : 0 })
            if let pool = snapshot.currentPool, let up = pool.up {
                gauge(MetricName.poolUp, Help.poolUp, [(MetricLabel.pool, pool.url)], up ? 1 : 0)
                gauge(MetricName.poolPingSeconds, Help.poolPing, [(MetricLabel.pool, pool.url)], pool.pingSeconds)
            }
            for device in snapshot.devices {
                let unit = [(MetricLabel.device, String(device.index)), (MetricLabel.name, device.name)]
                for (window, path) in MetricsExposition.rateWindows {
                    gauge(MetricName.deviceHashrate, Help.deviceHashrate, unit + [(MetricLabel.window, window)],
                          device.hashrate[keyPath: path])
                }
                gauge(MetricName.deviceChips, Help.deviceChips, unit, device.chips.map(Double.init))
                gauge(MetricName.temperature, Help.temperature, [(MetricLabel.chip, device.name), (MetricLabel.sensor, "board")],
                      device.celsius)
                gauge(MetricName.temperature, Help.temperature, [(MetricLabel.chip, device.name), (MetricLabel.sensor, "chips")],
                      device.chipCelsius)
                gauge(MetricName.fanSpeed, Help.fan, [(MetricLabel.fan, device.name)], device.fanRPM.map(Double.init))
                gauge(MetricName.power, Help.power,
                      [(MetricLabel.source, "miner"), (MetricLabel.domain, "other"), (MetricLabel.sensor, device.name),
                       (MetricLabel.measured, MetricLabel.boolean(true))], device.watts)
            }
            for reading in snapshot.temperatures {
                gauge(MetricName.temperature, Help.temperature, [(MetricLabel.chip, "miner"), (MetricLabel.sensor, reading.name)],
                      reading.value)
            }
            for (index, rpm) in snapshot.fansRPM.enumerated() {
                gauge(MetricName.fanSpeed, Help.fan, [(MetricLabel.fan, String(index))], Double(rpm))
            }
            gauge(MetricName.miningPower, Help.miningPower, [(MetricLabel.measured, MetricLabel.boolean(true))], snapshot.watts)
        }
        return registry.emitToString()
    }

    /// One help text per name: the registry refuses a name registered with two.
    private enum Help {
        static let up = "1 when the exporter's last read of the miner's API worked, 0 when it failed (refused, timed out, unreadable)."
        static let info = "The miner's algorithm, software and version, and worker or model (always 1)."
        static let upSeconds = "Seconds since the miner started, as it reports."
        static let hashrate = "The miner's hashrate over a window, as it reports (10s: its shortest window; 60s: 1 m, else its average)."
        static let shares = "Shares by outcome, as the miner counts them: accepted, rejected, stale, hardware_error."
        static let paused = "1 while the miner says it is paused."
        static let poolUp = "1 while the pool the miner hashes for is alive, as the miner says."
        static let poolPing = "The miner's round trip to its pool."
        static let deviceHashrate = "One hashing unit's rate over a window: a hash board's chain, a GPU, a CPU thread."
        static let deviceChips = "ASIC chips a hash board's chain answered with."
        static let temperature = "Every temperature the miner reports: a device's board and chips, or a named sensor of the miner's."
        static let fan = "Fan speed as the miner reports it: the miner's fans by index, a device's by its name."
        static let power = "Power of one device as the miner reports it."
        static let miningPower = "The whole miner's power as it reports it (Whatsminer, xmrig's GPU backends)."
    }
}
