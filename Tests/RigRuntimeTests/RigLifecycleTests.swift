import Foundation
import RigEngine
import RigLedger
import RigSensors
import Synchronization
import Testing
@testable import RigRuntime
import RigTestSupport

/// A rig's life on benchmark work: start, the state feed, commands in order, the ledger it is
/// given, stop. Every wait ends on its condition (``RigTests/eventually(_:_:)``), never on a clock.
@Suite(.serialized) struct RigLifecycleTests {
    /// A ledger store in memory: what the writer committed, and fixed totals to read back.
    final class StoreDouble: LedgerStore {
        let path = "/ledger/double.sqlite"
        private let committed = Mutex<[LedgerRecord]>([])
        static let totals = LedgerTotals(today: .init(acceptedShares: 2, value: 0.5),
                                         lifetime: .init(acceptedShares: 9, value: 3), currency: "EUR",
                                         path: "/ledger/double.sqlite")

        var records: [LedgerRecord] { committed.withLock { $0 } }
        func write(_ records: [LedgerRecord]) throws { committed.withLock { $0 += records } }
        func checkpoint() throws {}
        func totals(now: Date) throws -> LedgerTotals { Self.totals }
    }

    struct CannotOpen: Error {}

    static func setup(_ tree: RigTests.HotTree, threads: Int = 1, ledgerPath: String? = nil, ledgerDisabled: Bool = true,
                      openLedger: (@Sendable (String?) throws -> any LedgerStore)? = nil) throws -> RigSetup {
        let root = tree.root
        return RigSetup(
            coin: try #require(Coin.named("BTC")), coins: Coin.builtIn, pools: { _ in nil }, threads: threads,
            kernels: KernelChoice([.sha256d: .sha256dGeneric, .scrypt: .scryptGeneric]),
            thermalGuard: ThermalGuard(limit: Temperature(celsius: 80), critical: Temperature(celsius: 90), settleSamples: 1),
            makeSampler: { SensorSampler(root: SysfsRoot(root), loadNVML: false) }, sensorInterval: 0.1,
            ledgerPath: ledgerPath, ledgerDisabled: ledgerDisabled, openLedger: openLedger)
    }

    /// A ceiling for a loaded machine, not a timing: the whole suite on two busy cores kept the
    /// test process from running for over 20 s, and each wait ends as soon as its condition holds.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        await RigTests.eventually(120, condition)
    }

    /// A started rig once its engine mines.
    static func miningRig(_ tree: RigTests.HotTree) async throws -> Rig {
        let rig = try Rig(setup: Self.setup(tree))
        await rig.start()
        #expect(await Self.eventually { rig.board.current.engine.state == .mining })
        return rig
    }

    @Test func startFeedsTheBoardWithTheEnginesStateAndTheSensors() async throws {
        let tree = try RigTests.HotTree()
        let rig = try Rig(setup: Self.setup(tree, threads: 2))
        let before = rig.board.generation
        #expect(rig.board.current.startedAt == nil)
        await rig.start()
        #expect(rig.board.current.startedAt != nil)
        #expect(await Self.eventually {
            let engine = rig.board.current.engine
            return engine.state == .mining && engine.totalHashes > 0 && engine.threads.count == 2
        })
        #expect(rig.board.current.engine.coin?.symbol == "BTC")
        #expect(await Self.eventually { rig.board.current.sensors != nil })
        #expect(rig.board.generation > before)
        await rig.stop()
    }

    @Test func stopLeavesTheBoardShowingAStoppedEngine() async throws {
        let tree = try RigTests.HotTree()
        let rig = try await Self.miningRig(tree)
        await rig.stop()
        #expect(rig.board.current.engine.state == .stopped)
        // A command after stop goes nowhere, and does not trap.
        rig.send(.addThread)
        #expect(rig.requestedThreads == 1)
    }

    @Test func aCoinSwitchReachesTheEngineAndTheBoard() async throws {
        let tree = try RigTests.HotTree()
        let rig = try await Self.miningRig(tree)
        rig.send(.switchCoin(try #require(Coin.named("LTC"))))
        #expect(await Self.eventually {
            let engine = rig.board.current.engine
            return engine.coin?.symbol == "LTC" && engine.algorithm == .scrypt && engine.state == .mining
        })
        await rig.stop()
    }

    @Test func commandsAreCarriedOutInTheOrderSent() async throws {
        let tree = try RigTests.HotTree()
        let rig = try await Self.miningRig(tree)
        rig.send(.pause)
        rig.send(.setThreads(3))
        #expect(await Self.eventually { rig.board.current.engine.state == .paused && rig.engine.pool.threadCount == 3 })
        #expect(rig.requestedThreads == 3)
        rig.send(.setThreads(0))  // below one: one thread
        rig.send(.resume)
        #expect(await Self.eventually { rig.board.current.engine.state == .mining && rig.engine.pool.threadCount == 1 })
        #expect(rig.requestedThreads == 1)
        await rig.stop()
    }

    @Test func theLedgerIsTheStoreTheSetupOpensAtItsPath() async throws {
        let tree = try RigTests.HotTree()
        let store = StoreDouble()
        let opened = Mutex<[String?]>([])
        let rig = try Rig(setup: Self.setup(tree, ledgerPath: "/wanted/ledger.sqlite", ledgerDisabled: false) { path in
            opened.withLock { $0.append(path) }
            return store
        })
        #expect(opened.withLock { $0 } == ["/wanted/ledger.sqlite"])
        #expect(rig.ledgerPath == store.path)
        #expect(rig.board.current.ledgerTotals == StoreDouble.totals)
        await rig.start()
        #expect(await Self.eventually {
            store.records.contains { record in
                if case .coinSwitch(let change) = record { change.to == "BTC" } else { false }
            }
        })
        await rig.stop()
        #expect((rig.ledgerHealth?.written ?? 0) >= 1)
        #expect(rig.ledgerHealth?.lost == 0)
    }

    @Test func aDisabledLedgerIsNeverOpened() async throws {
        let tree = try RigTests.HotTree()
        let opened = Mutex(0)
        let rig = try Rig(setup: Self.setup(tree, ledgerDisabled: true) { _ in
            opened.withLock { $0 += 1 }
            return StoreDouble()
        })
        #expect(opened.withLock { $0 } == 0)
        #expect(rig.ledgerPath == nil && rig.ledgerHealth == nil)
        #expect(rig.board.current.ledgerTotals == nil)
    }

    @Test func aLedgerThatCannotBeOpenedStopsTheRigBeforeAnythingRuns() throws {
        let tree = try RigTests.HotTree()
        #expect(throws: CannotOpen.self) {
            _ = try Rig(setup: Self.setup(tree, ledgerDisabled: false) { _ in throw CannotOpen() })
        }
    }
}
