import Foundation
public import RigEngine
import RigPools
public import RigLedger
public import RigSensors
import Synchronization

/// One running rig: the engine, the sensor thread with its thermal guard, the ledger and the
/// market feed, behind one ``RigStateBoard`` that every front end reads and one ``send(_:)`` that
/// every front end commands through.
///
/// ```swift
/// let rig = try Rig(setup: setup)
/// await rig.start()
/// rig.send(.addThread)               // a key, an API call
/// let state = rig.board.current      // the dashboard's frame, `mine`'s log line, /metrics
/// await rig.stop()
/// ```
public final class Rig: Sendable {
    /// The most mining threads a rig runs, from the user or the config alike.
    public static let maximumThreads = WorkerPool.maximumThreadCount

    public let setup: RigSetup
    public let engine: MiningEngine
    public let board: RigStateBoard
    private let records: LedgerSession
    private let collector = SensorCollector()
    /// Commands in the order sent, carried out one at a time.
    private let commands: AsyncStream<Command>.Continuation
    private let commandStream: AsyncStream<Command>
    /// The user's thread count: `+`/`-`, `set_threads` and `--threads` move it, the guard never does.
    private let threadCeiling: Atomic<Int>
    private let tasks = Mutex<[Task<Void, Never>]>([])
    private let minutes = Mutex<Task<Void, Never>?>(nil)

    private enum Command: Sendable {
        case user(EngineCommand)
        case thermal(ThermalGuard.Action)
    }

    /// Opens the ledger (throws when it cannot be opened) and builds the engine; nothing runs yet.
    public init(setup: RigSetup) throws {
        self.setup = setup
        let records = try LedgerSession(path: setup.ledgerPath, disabled: setup.ledgerDisabled, open: setup.openLedger,
                                        settings: setup.earnings)
        self.records = records
        let threads = min(max(1, setup.threads), Self.maximumThreads)
        threadCeiling = Atomic(threads)
        let pools = setup.pools
        let log = setup.log
        engine = MiningEngine(configuration: .init(
            coin: setup.coin, threads: threads, kernels: setup.kernels,
            workSource: records.recording(Self.workSource(solo: setup.soloWork, pools: PoolWorkSource.factory(settings: pools, log: log)))))
        var initial = RigState(coins: setup.coins)
        initial.earningsSettings = setup.earnings
        initial.worker = setup.worker
        initial.ledgerTotals = records.totals()
        if let bad = initial.ledgerTotals?.badRows, bad > 0 {
            setup.log("ledger: \(bad) unusable row\(bad == 1 ? "" : "s") left out of the totals (`rigtop ledger` names them); mining goes on")
        }
        board = RigStateBoard(initial)
        (commandStream, commands) = AsyncStream.makeStream(of: Command.self)
    }

    /// A coin's solo work where the setup has a node for it, else its pools' (or benchmark) work.
    static func workSource(solo: @escaping @Sendable (Coin) -> (any WorkSource)?,
                           pools: @escaping @Sendable (Coin, KernelChoice) -> any WorkSource)
        -> @Sendable (Coin, KernelChoice) -> any WorkSource {
        { coin, kernels in solo(coin) ?? pools(coin, kernels) }
    }

    /// The ledger file in use; nil when the ledger is off.
    public var ledgerPath: String? { records.path }

    /// The thread count the user asked for.
    public var requestedThreads: Int { threadCeiling.load(ordering: .relaxed) }

    /// Starts hashing, sampling, recording and refreshing.
    public func start() async {
        let wallClockAtStart = Date().timeIntervalSince1970
        board.update { $0.startedAt = wallClockAtStart }
        await engine.start()
        let engine = engine
        let board = board
        let records = records
        let log = setup.log
        var started: [Task<Void, Never>] = []
        started.append(Task { [self] in
            for await command in commandStream { await carryOut(command) }
        })
        started.append(Task {
            for await snapshot in await engine.stats.snapshots() { board.post(engine: snapshot) }
        })
        // The totals move as shares land and the day turns: re-read them once a minute (a database
        // read is I/O, kept off every front end's thread).
        started.append(Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if let totals = records.totals() { board.post(ledgerTotals: totals) }
            }
        })
        started.append(Task { [self] in
            var reported = LedgerHealth()
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                reported = reportLedger(since: reported)
            }
        })
        if let market = records.refreshMarket(url: setup.marketURL, coins: setup.coins, engine: engine, log: log) {
            started.append(market)
        }
        tasks.withLock { $0 += started }
        minutes.withLock {
            $0 = records.recordMinutes(of: engine, power: {
                board.current.miningPower.map { (watts: $0.watts, measured: $0.measured) }
            }, temperature: { board.current.cpuTemperature?.temperature.celsius })
        }
        collector.start(
            interval: setup.sensorInterval, board: board, thermalGuard: setup.thermalGuard,
            makeSampler: setup.makeSampler, threads: { engine.pool.threadCount },
            ceiling: { [self] in requestedThreads },
            apply: { [self] action, reading in
                Self.logGuard(action, reading: reading, log: log)
                commands.yield(.thermal(action))
            })
    }

    /// Sends a front end's command (a key, an API call); returns at once, commands apply in order.
    public func send(_ command: EngineCommand) {
        commands.yield(.user(command))
    }

    /// Stops sampling, then the engine (draining shares), then writes the ledger's last rows.
    public func stop() async {
        await collector.stop()
        commands.finish()
        let running = tasks.takeAll()
        // The command task ends with the stream; the others are loops to cancel.
        for task in running.dropFirst() { task.cancel() }
        await running.first?.value
        await engine.stop()
        board.post(engine: await engine.stats.latest)
        if let minutes = minutes.withLock({ $0 }) { await records.finish(minutes) }
        _ = reportLedger(since: board.current.ledger ?? LedgerHealth())
    }

    /// How the ledger's writes went; nil when the ledger is off. Final after ``stop()``.
    public var ledgerHealth: LedgerHealth? { records.health }

    /// Posts the ledger's health when it changed, and logs what changed since `reported`: writes
    /// starting to fail, working again, records lost. Returns what it reported.
    private func reportLedger(since reported: LedgerHealth) -> LedgerHealth {
        guard let health = records.health, health != reported else { return reported }
        board.post(ledger: health)
        let path = records.path ?? "the ledger"
        let error = health.lastError.map { ": " + $0 } ?? ""
        if health.errors > reported.errors, !reported.failing {
            setup.log("ledger: writing \(path) failed\(error); \(health.unwritten) records kept, retrying")
        }
        if reported.failing, !health.failing, health.errors == reported.errors {
            setup.log("ledger: writes to \(path) work again")
        }
        if health.lost > reported.lost {
            setup.log("ledger: \(health.lost - reported.lost) records could not be written to \(path) and are lost\(error)")
        }
        return health
    }

    // MARK: - Commands

    private func carryOut(_ command: Command) async {
        switch command {
        case .thermal(let action):
            if let engineCommand = EngineCommand(thermalGuardAction: action) { await engine.send(engineCommand) }
        case .user(let command):
            switch command {
            case .addThread: await setUserThreads(requestedThreads + 1)
            case .removeThread: await setUserThreads(requestedThreads - 1)
            case .setThreads(let count): await setUserThreads(count)
            default: await engine.send(command)
            }
        }
    }

    /// Moves the user's ceiling; while the guard holds threads back, never adds any above what runs.
    private func setUserThreads(_ count: Int) async {
        let ceiling = min(max(1, count), Self.maximumThreads)
        threadCeiling.store(ceiling, ordering: .relaxed)
        let running = engine.pool.threadCount
        let guardActive = [.shedding, .recovering, .stopped].contains(board.current.thermalGuard.phase)
        await engine.send(.setThreads(guardActive ? min(running, ceiling) : ceiling))
    }

    private static func logGuard(_ action: ThermalGuard.Action, reading: CPUThermalReading?,
                                 log: @Sendable (String) -> Void) {
        let celsius = reading.map { ThermalGuard.format($0.temperature.celsius, decimals: 0) } ?? "?"
        switch action {
        case .none: return
        case .shedThread: log("thermal guard: CPU at \(celsius), dropping a thread")
        case .restoreThread: log("thermal guard: CPU down to \(celsius), adding a thread back")
        case .stop(let reason): log("thermal guard: \(reason); hashing stopped until the CPU cools")
        case .resume: log("thermal guard: CPU down to \(celsius), hashing resumes")
        }
    }
}

extension EngineCommand {
    /// The engine command that carries out a thermal-guard action; nil for `.none`.
    public init?(thermalGuardAction action: ThermalGuard.Action) {
        switch action {
        case .none: return nil
        case .shedThread: self = .removeThread
        case .restoreThread: self = .addThread
        case .stop(let reason): self = .stopTooHot(reason: reason)
        case .resume: self = .resume
        }
    }
}
