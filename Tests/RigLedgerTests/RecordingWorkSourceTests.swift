import Foundation
import RigLedgerSQLite
import Synchronization
import RigEngine
import RigLedger
import Testing

/// Benchmark work whose every share a make-believe pool accepts and counts: the pool's count is
/// what the miner is paid for.
struct AcceptingWorkSource: WorkSource {
    let inner: any WorkSource
    let tally: PoolTally
    var label: String { "stratum+tcp://accepting.test:3333" }
    func run(into sink: WorkSink) async { await inner.run(into: sink) }
    func submit(_ share: FoundShare) async -> ShareOutcome? {
        tally.accepted.withLock { $0 += 1 }
        return .accepted
    }
}

/// The pool's tally, shared by every source the engine makes.
final class PoolTally: Sendable {
    let accepted = Mutex(0)
}

@Suite(.serialized) struct RecordingWorkSourceTests {
    /// A real engine run: the ledger's per-day records reproduce the run's accepted shares and
    /// the coins they are worth (shares × the per-share value of the estimate).
    @Test
    func ledgerReproducesAMiningRunsTotals() async throws {
        let path = temporaryLedgerPath()
        let writer = LedgerWriter(ledger: try Ledger(path: path), flushInterval: 0.1)
        writer.start()
        let settings = EarningsSettings(poolFeePercent: 1, electricityPrice: 0.2)
        let coin = try #require(Coin.named("BTC"))
        let engineBox = EngineBox()
        let tally = PoolTally()
        let engine = MiningEngine(configuration: .init(coin: coin, threads: 1, pinThreads: false, workSource: { coin, kernels in
            RecordingWorkSource(inner: AcceptingWorkSource(inner: MiningEngine.benchmarkWork(coin, kernels), tally: tally),
                                coin: coin,
                                settings: settings, writer: writer,
                                shareDifficulty: { await engineBox.engine?.stats.latest.shareDifficulty },
                                now: { Date().timeIntervalSince1970 })
        }))
        engineBox.engine = engine
        await engine.start()
        var accepted: UInt64 = 0
        // Benchmark work aims at a share every few seconds; a loaded CI machine may take longer.
        let deadline = ContinuousClock.now + .seconds(120)
        while accepted < 1, ContinuousClock.now < deadline {
            try await Task.sleep(nanoseconds: 100_000_000)
            accepted = await engine.stats.latest.shares.accepted
        }
        let difficulty = await engine.stats.latest.shareDifficulty
        // Stopping drains the shares already found, so the pool's tally and the engine's agree.
        await engine.stop()
        await writer.stop()
        let final = await engine.stats.latest
        #expect(final.shares.accepted > 0, "no shares in 120 s")
        let poolAccepted = tally.accepted.withLock { $0 }

        let ledger = try Ledger(path: path)
        let days = try ledger.dailyIncome()
        #expect(days.map(\.acceptedShares).reduce(0, +) == poolAccepted)
        #expect(UInt64(poolAccepted) == final.shares.accepted)
        let perShare = try #require(settings.estimate(hashrate: 0, coin: coin, watts: 0, shareDifficulty: difficulty).coinsPerShare)
        let coins = days.map(\.expectedCoins).reduce(0, +)
        #expect(abs(coins - perShare * Double(poolAccepted)) <= coins * 1e-9)
        #expect(abs(days.map(\.value).reduce(0, +) - coins * coin.priceUSD) <= coins * coin.priceUSD * 1e-9)
        #expect(try ledger.shares().allSatisfy { $0.result == "accepted" && $0.pool == "stratum+tcp://accepting.test:3333" })
    }
}

/// The engine, set after the configuration that needs it is built.
final class EngineBox: Sendable {
    private let stored = Mutex<MiningEngine?>(nil)
    var engine: MiningEngine? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
