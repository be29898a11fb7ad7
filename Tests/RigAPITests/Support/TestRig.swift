import Foundation
import RigEngine
import RigPools
import RigFigures
import RigRuntime
import RigSensors
import Testing
import RigTestSupport

/// A tiny sysfs/proc tree: one k10temp chip (`Tctl`), a `/proc/cpuinfo` and `/proc/meminfo`.
final class SysfsTree: Sendable {
    let root: String

    init(celsius: Int = 50) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-api-\(UUID().uuidString)").path
        let chip = root + "/sys/class/hwmon/hwmon0"
        try FileManager.default.createDirectory(atPath: chip, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/proc", withIntermediateDirectories: true)
        try "k10temp\n".write(toFile: chip + "/name", atomically: true, encoding: .utf8)
        try "Tctl\n".write(toFile: chip + "/temp1_label", atomically: true, encoding: .utf8)
        try "\(celsius * 1000)\n".write(toFile: chip + "/temp1_input", atomically: true, encoding: .utf8)
        try """
            processor\t: 0
            model name\t: Test CPU 9000 @ 3.00GHz
            physical id\t: 0
            core id\t\t: 0
            flags\t\t: fpu sse4_1 aes avx avx2

            processor\t: 1
            model name\t: Test CPU 9000 @ 3.00GHz
            physical id\t: 0
            core id\t\t: 0
            flags\t\t: fpu sse4_1 aes avx avx2

            processor\t: 2
            model name\t: Test CPU 9000 @ 3.00GHz
            physical id\t: 0
            core id\t\t: 1
            flags\t\t: fpu sse4_1 aes avx avx2

            """.write(toFile: root + "/proc/cpuinfo", atomically: true, encoding: .utf8)
        try "MemTotal:       16384 kB\nMemFree:         1024 kB\nMemAvailable:    8192 kB\n"
            .write(toFile: root + "/proc/meminfo", atomically: true, encoding: .utf8)
        try "0.50 0.25 0.10 1/100 4242\n".write(toFile: root + "/proc/loadavg", atomically: true, encoding: .utf8)
    }

    /// One sensor sample of the tree.
    func sample() -> SensorSample {
        SensorSampler(root: SysfsRoot(root), loadNVML: false).sample()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}

enum TestRig {
    /// A rig on benchmark work (BTC, generic kernels) over `tree`, or on `pools`; not started.
    static func make(_ tree: SysfsTree, threads: Int = 1, worker: String = "api-test",
                     pools: PoolSettings? = nil) throws -> Rig {
        let root = tree.root
        return try Rig(setup: RigSetup(
            coin: try #require(Coin.named("BTC")), coins: Coin.builtIn, pools: { _ in pools }, threads: threads,
            kernels: KernelChoice([.sha256d: .sha256dGeneric, .scrypt: .scryptGeneric]),
            thermalGuard: ThermalGuard(limit: Temperature(celsius: 80), critical: Temperature(celsius: 90), settleSamples: 1),
            makeSampler: { SensorSampler(root: SysfsRoot(root), loadNVML: false) }, sensorInterval: 0.1,
            worker: worker))
    }

    /// A started rig that is mining with its threads and has a sensor sample.
    static func started(_ tree: SysfsTree, threads: Int = 1) async throws -> Rig {
        let rig = try make(tree, threads: threads)
        await rig.start()
        let ready = await eventually(20) {
            let state = rig.board.current
            return state.engine.state == .mining && state.engine.threads.count == threads && state.sensors != nil
        }
        #expect(ready, "the rig did not start mining: \(rig.board.current.engine.state)")
        return rig
    }
}

/// A state built by hand, with figures chosen so every document field has one exact answer.
enum SampleState {
    static let now = 1_700_000_000.0
    static let poolURL = "stratum+tcp://pool.example:3333"

    static func engine() -> EngineSnapshot {
        var engine = EngineSnapshot()
        engine.time = 1_000
        engine.uptime = 120.7
        engine.state = .mining
        engine.coin = Coin.named("BTC")
        engine.algorithm = .sha256d
        engine.kernel = .sha256dGeneric
        engine.jobID = "job-42"
        engine.shareDifficulty = 0.5
        engine.hashrate = WindowedRate(tenSeconds: 2_000_000, sixtySeconds: 1_500_000, fifteenMinutes: nil)
        engine.totalHashes = 180_000_000
        engine.shares.found = 10
        engine.shares.accepted = 7
        engine.shares.rejected = 2
        engine.shares.stale = 1
        engine.shares.hardwareErrors = 0
        for rate in [1_000_000.0, 2_500_000, 1_200_000] { engine.history.append(rate) }
        engine.threads = [
            ThreadSnapshot(index: 0, core: 0, pinned: true, idle: false, hashes: 100_000_000, shares: 4,
                           hashrate: WindowedRate(tenSeconds: 1_000_000, sixtySeconds: 800_000), history: RateHistory(capacity: 120)),
            ThreadSnapshot(index: 1, core: nil, pinned: false, idle: true, hashes: 80_000_000, shares: 3,
                           hashrate: WindowedRate(tenSeconds: 1_000_000, sixtySeconds: 700_000), history: RateHistory(capacity: 120)),
        ]
        engine.pool = PoolStatus(url: poolURL, connection: .mining, difficulty: 0.25, latencySeconds: 0.0425)
        return engine
    }

    /// Mining BTC at a pool for 120.7 s: 7 accepted, 2 rejected, two threads; pool up 60 s, 3 failures.
    static func state(sensors: SensorSample? = nil) -> RigState {
        var state = RigState(engine: engine(), sensors: sensors)
        state.worker = "rig-7"
        state.startedAt = now - 120.7
        state.poolUpSince = 940
        state.poolFailures = 3
        return state
    }
}
