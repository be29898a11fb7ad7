import Foundation
import RigEngine
import RigSensors
import Testing
@testable import RigRuntime
import RigTestSupport

/// One rig on benchmark work over a one-chip sysfs tree whose temperature the test sets.
@Suite(.serialized) struct RigTests {
    final class HotTree: Sendable {
        let root: String
        private let input: String

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-runtime-\(UUID().uuidString)").path
            let chip = root + "/sys/class/hwmon/hwmon0"
            try FileManager.default.createDirectory(atPath: chip, withIntermediateDirectories: true)
            try "k10temp\n".write(toFile: chip + "/name", atomically: true, encoding: .utf8)
            try "Tctl\n".write(toFile: chip + "/temp1_label", atomically: true, encoding: .utf8)
            input = chip + "/temp1_input"
            set(50)
        }

        func set(_ celsius: Int) {
            try? "\(celsius * 1000)\n".write(toFile: input, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    static func rig(_ tree: HotTree, threads: Int) throws -> Rig {
        let root = tree.root
        return try Rig(setup: RigSetup(
            coin: try #require(Coin.named("BTC")), coins: Coin.builtIn, pools: { _ in nil }, threads: threads,
            kernels: KernelChoice([.sha256d: .sha256dGeneric, .scrypt: .scryptGeneric]),
            thermalGuard: ThermalGuard(limit: Temperature(celsius: 80), critical: Temperature(celsius: 90), settleSamples: 1),
            makeSampler: { SensorSampler(root: SysfsRoot(root), loadNVML: false) }, sensorInterval: 0.1))
    }

    static func eventually(_ seconds: Double = 20, _ condition: () async -> Bool) async -> Bool {
        await RigTestSupport.eventually(seconds, condition)
    }

    /// The user's `-` lowers the ceiling: a shed-and-recover cycle of the guard does not add the
    /// removed thread back.
    @Test func theUsersThreadCountIsTheGuardsCeiling() async throws {
        let tree = try HotTree()
        let rig = try Self.rig(tree, threads: 3)
        await rig.start()
        #expect(await Self.eventually { rig.engine.pool.threadCount == 3 })
        rig.send(.removeThread)
        #expect(await Self.eventually { rig.engine.pool.threadCount == 2 })
        #expect(rig.requestedThreads == 2)
        tree.set(85)  // over the limit: shed
        #expect(await Self.eventually { rig.engine.pool.threadCount == 1 })
        tree.set(50)  // cool: threads come back, up to the user's two
        #expect(await Self.eventually { rig.board.current.thermalGuard.phase == .normal && rig.engine.pool.threadCount == 2 })
        try await Task.sleep(for: .milliseconds(500))
        #expect(rig.engine.pool.threadCount == 2, "the guard restored past the user's choice")
        await rig.stop()
    }

    /// After a critical stop and a resume, the safety notice is gone.
    @Test func aResumeClearsTheSafetyNotice() async throws {
        let tree = try HotTree()
        let rig = try Self.rig(tree, threads: 1)
        await rig.start()
        tree.set(95)
        #expect(await Self.eventually { rig.board.current.engine.state == .tooHot })
        #expect(rig.board.current.engine.notice?.contains("critical") == true)
        #expect(rig.board.current.thermalGuard.phase == .stopped)
        tree.set(50)
        #expect(await Self.eventually { rig.board.current.engine.state == .mining })
        #expect(await Self.eventually { rig.board.current.engine.notice == nil }, "\(rig.board.current.engine.notice ?? "")")
        await rig.stop()
    }

    /// The CPU temperature the guard judges is the one every reader gets.
    @Test func oneCPUTemperatureForEveryReader() async throws {
        let tree = try HotTree()
        tree.set(61)
        let rig = try Self.rig(tree, threads: 1)
        await rig.start()
        #expect(await Self.eventually { rig.board.current.sensors != nil })
        let state = rig.board.current
        #expect(state.cpuTemperature?.temperature.celsius == 61)
        #expect(state.sensors?.cpuTemperature?.celsius == 61)
        #expect(state.thermalGuard.limitCelsius == 80 && state.thermalGuard.criticalCelsius == 90)
        await rig.stop()
    }
}
