import Foundation
import RigEngine
import RigFigures
import RigSensors
import Testing
@testable import RigRuntime

/// The domain figures every front end reads from ``RigState`` instead of computing them.
@Suite struct RigStateFiguresTests {
    /// A sample from an empty tree with `watts` of CPU power laid on it.
    static func sensors(watts: Double?) -> SensorSample {
        var sample = SensorSampler(root: SysfsRoot("/nonexistent-rigtop-\(UUID().uuidString)")).sample(monotonicSeconds: 1)
        sample.power = watts.map { [PowerReading(source: .rapl, label: "package-0", domain: .cpu, watts: $0)] } ?? []
        return sample
    }

    static func state(ten: Double?, sixty: Double?, watts: Double? = nil) -> RigState {
        var state = RigState(sensors: sensors(watts: watts))
        state.engine.hashrate = WindowedRate(tenSeconds: ten, sixtySeconds: sixty)
        return state
    }

    @Test("the hashrate is the 60 s window, else the 10 s one")
    func hashrateWindow() {
        #expect(Self.state(ten: 100, sixty: 80).hashrate == 80)
        #expect(Self.state(ten: 100, sixty: nil).hashrate == 100)
        #expect(Self.state(ten: nil, sixty: nil).hashrate == nil)
    }

    @Test("hashes per watt is that hashrate over the mining power, nil without either")
    func hashesPerWatt() {
        #expect(Self.state(ten: 100, sixty: 80, watts: 40).hashesPerWatt == 2)
        #expect(Self.state(ten: 100, sixty: nil, watts: 50).hashesPerWatt == 2)
        #expect(Self.state(ten: 100, sixty: 80, watts: 0).hashesPerWatt == nil)
        #expect(Self.state(ten: 100, sixty: 80, watts: nil).hashesPerWatt == nil)
        #expect(Self.state(ten: nil, sixty: nil, watts: 40).hashesPerWatt == nil)
        // A farm row and the rig's own state go by the same rule.
        #expect(WindowedRate(tenSeconds: 100).hashesPerWatt(watts: 50) == 2)
    }

    @Test("a solo block's expected time comes from the network difficulty and the hashrate; pool work has none")
    func expectedSecondsToBlock() throws {
        var state = Self.state(ten: nil, sixty: 1_000)
        state.engine.coin = try #require(Coin.named("BTC"))
        var pool = PoolStatus(url: "http://node:8332", connection: .mining, difficulty: 2)
        state.engine.pool = pool
        #expect(state.expectedSecondsToBlock == nil)
        pool.height = 900_000
        state.engine.pool = pool
        #expect(state.expectedSecondsToBlock == 2 * 4_294_967_296.0 / 1_000)
        state.engine.hashrate = WindowedRate()
        #expect(state.expectedSecondsToBlock == nil)
    }

    @Test("market data's age is counted in whole days from the rig's clock and is stale after a day")
    func marketDataAge() throws {
        var state = RigState()
        state.engine.coin = try #require(Coin.named("XMR"))
        #expect(state.marketDataAge == nil)
        let taken = try #require(CivilDate.unixSeconds(Coin.snapshotDate))
        state.startedAt = taken + 3_600
        #expect(state.marketDataAge == MarketDataAge(days: 0))
        state.engine.uptime = 86_400
        #expect(state.marketDataAge?.days == 1)
        #expect(state.marketDataAge?.isStale == false)
        state.engine.uptime = 2 * 86_400
        #expect(state.marketDataAge?.isStale == true)
    }

    @Test("a clock before the data, or one gone wrong, gives an age without a crash")
    func marketDataAgeEdges() {
        #expect(MarketDataAge(seconds: -5 * 86_400).days == 0)
        #expect(MarketDataAge(seconds: 86_399).days == 0)
        #expect(MarketDataAge(seconds: .infinity).isStale)
        #expect(MarketDataAge(seconds: .nan).isStale)
        #expect(MarketDataAge(seconds: -.infinity).days == 0)
        #expect(MarketDataAge(seconds: 1e300).isStale)
    }
}
