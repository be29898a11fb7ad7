import Foundation
import Testing
@testable import RigEngine
import RigTestSupport

/// RandomX benchmark work has no quick rate measurement: its first job admits no shares, and the
/// engine's own measured rate re-targets it as soon as there is one (not after a fixed guess).
@Suite("RandomX benchmark target", .serialized, .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
struct RandomXBenchmarkTargetTests {
    @Test func noQuickMeasurementForRandomX() {
        #expect(KernelChoice.measure(.randomxLight, seconds: 0.01) == nil)
        #expect(KernelChoice.measure(.randomxFull, seconds: 0.01) == nil)
        #expect((KernelChoice.measure(.sha256dGeneric, seconds: 0.01) ?? 0) > 0)
    }

    @Test func theFirstMeasuredRateRetargetsTheWork() async throws {
        let engine = MiningEngine(configuration: .init(
            coin: try #require(Coin.named("XMR")), threads: 1, kernels: KernelChoice([.randomx: .randomxLight]),
            pinThreads: false))
        await engine.start()
        defer { Task { await engine.stop(drainSeconds: 0) } }
        let unmeasured = ShareTarget(expectedHashesPerShare: BenchmarkWorkSource.unmeasuredRate * 5).difficulty
        #expect(await eventually(120) { await engine.stats.latest.shareDifficulty != nil })
        #expect(await engine.stats.latest.shareDifficulty == unmeasured)
        // Once the engine has a rate, the next job is targeted at it: a share about every 5 s.
        #expect(await eventually(180) { await engine.stats.latest.hashrate.current != nil })
        #expect(await eventually(30) {
            guard let difficulty = await engine.stats.latest.shareDifficulty else { return false }
            return difficulty < unmeasured / 1000
        })
        let snapshot = await engine.stats.latest
        let rate = try #require(snapshot.hashrate.current)
        let expected = ShareTarget(expectedHashesPerShare: rate * 5).difficulty
        let difficulty = try #require(snapshot.shareDifficulty)
        // Targeted at a measured rate (the rate moves on a loaded machine, so the match is loose).
        #expect(difficulty / expected > 0.05 && difficulty / expected < 20, "difficulty \(difficulty) for \(rate) H/s")
    }
}
