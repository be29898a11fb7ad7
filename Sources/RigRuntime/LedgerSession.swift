import Foundation
import RigEngine
import RigLedger
import RigMarket
import Synchronization

/// The ledger as a mining command uses it: a writer thread, share recording around the work
/// source, and a task turning snapshots into per-minute rows. Absent (every call a no-op) when the
/// ledger is switched off.
final class LedgerSession: Sendable {
    let writer: LedgerWriter?
    let settings: EarningsSettings
    /// Quotes from `--market-url`, laid over the configured coins (empty without a feed).
    let market = MarketBoard()
    private let engine = Mutex<MiningEngine?>(nil)

    /// Opens the ledger at `path` (nil: the store's default) with `open` unless `disabled` or
    /// there is no `open`.
    init(path: String?, disabled: Bool, open: (@Sendable (String?) throws -> any LedgerStore)?,
         settings: EarningsSettings) throws {
        self.settings = settings
        if !disabled, let open {
            writer = LedgerWriter(ledger: try open(path))
            writer?.start()
        } else {
            writer = nil
        }
    }

    var path: String? { writer?.ledger.path }

    /// How the writes are going; nil without a ledger.
    var health: LedgerHealth? { writer?.health }

    /// `factory`, with every share it submits recorded.
    func recording(_ factory: @escaping @Sendable (Coin, KernelChoice) -> any WorkSource)
        -> @Sendable (Coin, KernelChoice) -> any WorkSource {
        guard let writer else { return factory }
        let settings = settings
        let market = market
        return { [self] coin, kernels in
            RecordingWorkSource(
                inner: factory(coin, kernels), coin: coin, settings: settings, writer: writer,
                shareDifficulty: { [self] in await self.engine.withLock { $0 }?.stats.latest.shareDifficulty },
                now: { Date().timeIntervalSince1970 }, market: { market.apply(to: $0) })
        }
    }

    /// Starts the per-minute rows for `engine`; the task ends when the engine's snapshots end
    /// (after `engine.stop()`), writing the last partial minute.
    func recordMinutes(of engine: MiningEngine,
                       power: @escaping @Sendable () -> (watts: Double, measured: Bool)? = { nil },
                       temperature: @escaping @Sendable () -> Double? = { nil }) -> Task<Void, Never> {
        self.engine.withLock { $0 = engine }
        guard let writer else { return Task {} }
        let settings = settings
        return Task {
            var recorder = MinuteRecorder(settings: settings)
            for await snapshot in await engine.stats.snapshots() {
                for record in recorder.observe(snapshot, watts: power(), temperature: temperature(),
                                               now: Date().timeIntervalSince1970) {
                    writer.append(record)
                }
            }
            if let last = recorder.flush() { writer.append(.minute(last)) }
        }
    }

    /// With a `--market-url`: refreshes ``market`` every 10 minutes and keeps the engine's
    /// snapshot coin showing the latest quotes (and any refresh failure), about once a second.
    func refreshMarket(url: String?, coins: [Coin], engine: MiningEngine,
                       log: @escaping @Sendable (String) -> Void) -> Task<Void, Never>? {
        guard let url else { return nil }
        if url.lowercased().hasPrefix("http://") {
            log("warning: --market-url \(url) is plain HTTP: anyone on the way can change the prices rigtop records; use https://")
        }
        let market = market
        let feed = MarketFeed(baseURL: url)
        return Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await feed.run(coins: coins, board: market, log: log) }
                group.addTask {
                    while !Task.isCancelled {
                        await engine.stats.updateContext { snapshot in
                            if let coin = snapshot.coin { snapshot.coin = market.apply(to: coin) }
                        }
                        try? await Task.sleep(nanoseconds: 1_000_000_000)
                    }
                }
            }
        }
    }

    /// Waits for the minute task, then commits everything queued.
    func finish(_ minutes: Task<Void, Never>) async {
        await minutes.value
        await writer?.stop()
    }

    /// Today's and lifetime totals, for the dashboard's start; nil without a ledger.
    func totals() -> LedgerTotals? {
        try? writer?.ledger.totals(now: Date())
    }
}
