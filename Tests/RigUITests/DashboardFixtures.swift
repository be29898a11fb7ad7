import Foundation
import RigEngine
import RigFigures
import RigSensors
@testable import RigUI

/// A fixed dashboard frame: one engine snapshot and one sensor sample whose every number is
/// chosen, so panel and layout snapshots only change when drawing does.
///
/// The sensor sample is taken by the real `SensorSampler` from a small sysfs tree written here
/// (coretemp, a fan chip, four cpufreq CPUs, two RAPL zones), sampled twice at fixed monotonic
/// times one second apart so that RAPL watts and the throttle counter delta are real rates.
/// `SensorSample` has no public initialiser, and a tree keeps the fixture on public API only.
enum DashboardFixtures {
    /// The package root (`Tests/RigUITests/<file>` is three levels below it), for `./themes`.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Thread rates: the 10 s rates sum to 1 234 567 H/s, drawn as "1.23 MH/s".
    static let threadRates: [(tenSeconds: Double, sixtySeconds: Double, shares: UInt64)] = [
        (312_400, 305_100, 2), (309_800, 301_900, 1), (287_300, 290_200, 3), (325_067, 300_800, 1),
    ]

    /// BTC on the SHA-NI kernel, four pinned threads, one hour and a bit of benchmark work.
    static let engine: EngineSnapshot = {
        var snapshot = EngineSnapshot()
        snapshot.time = 5_000
        snapshot.uptime = 3_725  // "1h02m"
        snapshot.state = .mining
        snapshot.coin = Coin.named("BTC")
        snapshot.algorithm = .sha256d
        snapshot.kernel = .sha256dSHANI
        snapshot.jobID = "bench-0000002a"
        snapshot.workSource = "benchmark"
        snapshot.shareDifficulty = 1
        snapshot.hashrate = WindowedRate(tenSeconds: 1_234_567, sixtySeconds: 1_198_000, fifteenMinutes: nil)
        snapshot.totalHashes = 4_412_345_678
        var history = RateHistory(capacity: 960)
        for second in 0..<240 { history.append(1_150_000 + Double((second * 7) % 13) * 8_000) }
        snapshot.history = history
        snapshot.threads = threadRates.enumerated().map { index, rate in
            var threadHistory = RateHistory(capacity: 120)
            for second in 0..<120 { threadHistory.append(280_000 + Double((second * 37 + index * 11) % 17) * 3_000) }
            return ThreadSnapshot(
                index: index, core: index, pinned: true, idle: false,
                hashes: 1_103_086_419 + UInt64(index), shares: rate.shares,
                hashrate: WindowedRate(tenSeconds: rate.tenSeconds, sixtySeconds: rate.sixtySeconds, fifteenMinutes: nil),
                history: threadHistory)
        }
        var shares = ShareCounts()
        shares.found = 7
        shares.accepted = 6
        shares.rejected = 1
        snapshot.shares = shares
        return snapshot
    }()

    /// The second of two samples of ``sensorTree``: 64 °C package, core 1 at 91 °C (over its
    /// 84 °C max), one fan, CPUs at 4.20/4.20/3.10/4.65 GHz of 4.70, cpu2's core throttle count
    /// up by 3 (THROTTLING), RAPL package-0 65.4 W and core 48.2 W.
    static let sensors: SensorSample = {
        let root = sensorTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sampler = SensorSampler(root: SysfsRoot(root), loadNVML: false)
        _ = sampler.sample(monotonicSeconds: 1_000)
        advanceSensorTree(root)
        return sampler.sample(monotonicSeconds: 1_001)
    }()

    /// The same sample with cpu2's throttle verdict cleared: nothing throttles.
    static let coolSensors: SensorSample = {
        var sample = sensors
        for index in sample.cpus.indices { sample.cpus[index].verdict = ThrottleVerdict() }
        return sample
    }()

    /// The fixed frame: ``engine``, ``sensors``, 2.05 Wh used, the built-in coins.
    static func model(sensors: SensorSample? = DashboardFixtures.sensors, showsHelp: Bool = false) -> DashboardModel {
        var model = DashboardModel(engine: engine, sensors: sensors)
        model.energyJoules = 7_380
        model.showsHelp = showsHelp
        return model
    }

    // MARK: The sysfs tree

    private static func sensorTree() -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("rigtop-dashboard-\(getpid())-\(UUID().uuidString)").path
        var files: [String: String] = [
            "sys/class/hwmon/hwmon0/name": "coretemp",
            "sys/class/hwmon/hwmon0/temp1_input": "64000",
            "sys/class/hwmon/hwmon0/temp1_label": "Package id 0",
            "sys/class/hwmon/hwmon0/temp1_max": "84000",
            "sys/class/hwmon/hwmon0/temp1_crit": "100000",
            "sys/class/hwmon/hwmon0/temp2_input": "62000",
            "sys/class/hwmon/hwmon0/temp2_label": "Core 0",
            "sys/class/hwmon/hwmon0/temp2_max": "84000",
            "sys/class/hwmon/hwmon0/temp2_crit": "100000",
            "sys/class/hwmon/hwmon0/temp3_input": "91000",
            "sys/class/hwmon/hwmon0/temp3_label": "Core 1",
            "sys/class/hwmon/hwmon0/temp3_max": "84000",
            "sys/class/hwmon/hwmon0/temp3_crit": "100000",
            "sys/class/hwmon/hwmon1/name": "nct6798",
            "sys/class/hwmon/hwmon1/fan1_input": "1180",
            "sys/class/hwmon/hwmon1/fan1_label": "CPU fan",
            "sys/class/powercap/intel-rapl:0/name": "package-0",
            "sys/class/powercap/intel-rapl:0/energy_uj": "100000000",
            "sys/class/powercap/intel-rapl:0/max_energy_range_uj": "262143328850",
            "sys/class/powercap/intel-rapl:0:0/name": "core",
            "sys/class/powercap/intel-rapl:0:0/energy_uj": "50000000",
            "sys/class/powercap/intel-rapl:0:0/max_energy_range_uj": "262143328850",
        ]
        let kilohertz = [4_200_000, 4_200_000, 3_100_000, 4_650_000]
        for (cpu, current) in kilohertz.enumerated() {
            let base = "sys/devices/system/cpu/cpu\(cpu)/"
            files[base + "cpufreq/scaling_cur_freq"] = "\(current)"
            files[base + "cpufreq/cpuinfo_max_freq"] = "4700000"
            files[base + "cpufreq/cpuinfo_min_freq"] = "800000"
            files[base + "topology/physical_package_id"] = "0"
            files[base + "topology/core_id"] = "\(cpu)"
            files[base + "thermal_throttle/core_throttle_count"] = "10"
            files[base + "thermal_throttle/package_throttle_count"] = "0"
        }
        write(files, under: root)
        return root
    }

    /// One second later: RAPL counters up by 65.4 J and 48.2 J, cpu2's throttle count up by 3.
    private static func advanceSensorTree(_ root: String) {
        write([
            "sys/class/powercap/intel-rapl:0/energy_uj": "165400000",
            "sys/class/powercap/intel-rapl:0:0/energy_uj": "98200000",
            "sys/devices/system/cpu/cpu2/thermal_throttle/core_throttle_count": "13",
        ], under: root)
    }

    private static func write(_ files: [String: String], under root: String) {
        let fm = FileManager.default
        for (relative, text) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(relative)
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = fm.createFile(atPath: url.path, contents: Data((text + "\n").utf8))
        }
    }
}
