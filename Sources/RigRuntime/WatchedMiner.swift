import Foundation
public import RigEngine
public import RigMiners
public import RigSensors
import Synchronization

/// A miner rigtop does not run, watched through its own API in place of the embedded engine
/// (`rigtop --miner xmrig://127.0.0.1:8080`): the same ``RigStateBoard`` and ``send(_:)`` as a
/// ``Rig``, so the dashboard draws and commands it as it does its own rig.
///
/// One task reads the miner (about once a second, each read bounded by the reader's deadline) and
/// carries out commands between reads, so a command's effect and the next read never race. The
/// sensor thread samples this machine as for a ``Rig``. Where the miner runs on this machine, the
/// thermal guard watches it too: rigtop cannot shed another miner's threads, but at the critical
/// temperature it pauses the miner through its API and resumes it once the CPU has cooled (a miner
/// whose API cannot pause gets a notice to stop it by hand). Commands the miner's API cannot serve
/// (a coin switch, threads; pause on cgminer and cpuminer-opt) are refused with a notice saying why.
public final class WatchedMiner: Sendable {
    public let endpoint: MinerEndpoint
    public let board: RigStateBoard
    private let reader: any MinerReader
    /// Carries out a command through the miner's API; fails with a ``MinerReadError``.
    private let control: @Sendable (MinerCommand) async throws -> Void
    private let watch: MinerWatch
    private let readInterval: Double
    private let sensorInterval: Double
    private let makeSampler: @Sendable () -> SensorSampler
    /// The guard over this machine's CPU; nil for a miner elsewhere, whose heat rigtop cannot see.
    private let thermalGuard: ThermalGuard?
    private let log: @Sendable (String) -> Void
    private let clock = MonotonicEngineClock()
    private let collector = SensorCollector()
    private let events: AsyncStream<Event>.Continuation
    private let eventStream: AsyncStream<Event>
    /// Whether a read is queued: the ticker queues one only when none is, so reads of a miner
    /// slower than the interval never pile up.
    private let readQueued = Atomic<Bool>(false)
    private let tasks = Mutex<[Task<Void, Never>]>([])

    private enum Event: Sendable {
        case read
        case command(MinerCommand)
        case togglePause
        case thermal(ThermalGuard.Action)
    }

    /// - Parameters:
    ///   - coin: the coin the user named (`--coin`) for earnings; nil: the first of `coins` that
    ///     mines the miner's algorithm.
    ///   - thermalGuard: the guard over this machine's CPU; it acts only for a miner on this
    ///     machine (``MinerEndpoint/isOnThisMachine``).
    ///   - reader: reads the miner (default: its endpoint's reader, a 3 s deadline).
    ///   - control: sends a command through the miner's API (default: ``MinerEndpoint/send(_:deadlineSeconds:)``).
    public init(endpoint: MinerEndpoint, coins: [Coin], coin: Coin? = nil, earnings: EarningsSettings = EarningsSettings(),
                makeSampler: @escaping @Sendable () -> SensorSampler, sensorInterval: Double = 1, readInterval: Double = 1,
                thermalGuard: ThermalGuard? = nil,
                reader: (any MinerReader)? = nil,
                control: (@Sendable (MinerCommand) async throws -> Void)? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.endpoint = endpoint
        self.reader = reader ?? endpoint.reader()
        if let control {
            self.control = control
        } else {
            self.control = { command in try await endpoint.send(command) }
        }
        self.makeSampler = makeSampler
        self.thermalGuard = endpoint.isOnThisMachine ? thermalGuard : nil
        self.sensorInterval = sensorInterval
        self.readInterval = readInterval
        self.log = log
        watch = MinerWatch(endpoint: endpoint, coins: coins, coin: coin, since: clock.seconds())
        var initial = RigState(coins: coins)
        initial.earningsSettings = earnings
        initial.worker = endpoint.id
        initial.miner = watch.initialStatus
        initial.engine.workSource = endpoint.display
        initial.engine.coin = coin
        if let coin { initial.engine.algorithm = coin.algorithm }
        board = RigStateBoard(initial)
        (eventStream, events) = AsyncStream.makeStream(of: Event.self)
    }

    /// Starts reading the miner and sampling the sensors.
    public func start() async {
        let started = Date().timeIntervalSince1970
        board.update { $0.startedAt = started }
        let interval = readInterval
        let loop = Task { [self] in
            var watch = watch
            // Whether the guard paused the miner: it resumes only a pause of its own.
            var pausedByGuard = false
            for await event in eventStream {
                switch event {
                case .read: readQueued.store(false, ordering: .relaxed)
                case .command(let command): await carryOut(command)
                case .togglePause: await carryOut(board.current.engine.state == .paused ? .resume : .pause)
                case .thermal(let action): pausedByGuard = await obey(action, pausedByGuard: pausedByGuard)
                }
                let result: Result<MinerSnapshot, MinerReadError>
                do throws(MinerReadError) {
                    result = .success(try await reader.read())
                } catch {
                    result = .failure(error)
                }
                let (now, wallClock) = (clock.seconds(), Date().timeIntervalSince1970)
                board.update { watch.apply(result, now: now, wallClock: wallClock, to: &$0) }
            }
        }
        let ticker = Task { [self] in
            while !Task.isCancelled {
                if !readQueued.exchange(true, ordering: .relaxed) { events.yield(.read) }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        tasks.withLock { $0 = [loop, ticker] }
        // The miner is one unit to the guard: one "thread", so it never sheds, only stops.
        collector.start(interval: sensorInterval, board: board, thermalGuard: thermalGuard, makeSampler: makeSampler,
                        threads: { 1 }, ceiling: { 1 }, apply: { [events] action, _ in events.yield(.thermal(action)) })
    }

    /// Hands a front end's command to the miner; returns at once. A command its API cannot serve
    /// posts a notice saying why instead.
    public func send(_ command: EngineCommand) {
        if let refusal = board.current.refusal(of: command) {
            notify(refusal)
            return
        }
        let resuming = command == .resume || (command == .togglePause && board.current.engine.state == .paused)
        if resuming && board.current.thermalGuard.phase == .stopped {
            notify("resume: the CPU is past critical; \(endpoint.display) resumes when it cools")
            return
        }
        switch command {
        case .pause: events.yield(.command(.pause))
        case .resume: events.yield(.command(.resume))
        case .togglePause: events.yield(.togglePause)
        case .switchCoin, .addThread, .removeThread, .setThreads, .stopTooHot: break  // refused above
        }
    }

    /// Stops reading and sampling.
    public func stop() async {
        await collector.stop()
        events.finish()
        let running = tasks.takeAll()
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    /// Carries out a command; returns whether the miner took it.
    @discardableResult
    private func carryOut(_ command: MinerCommand, why: String? = nil) async -> Bool {
        let prefix = why.map { $0 + "; " } ?? ""
        do {
            try await control(command)
            notify(prefix + "\(endpoint.display) \(command == .pause ? "paused" : "resumed")")
            return true
        } catch {
            notify(prefix + "\(command.rawValue) failed: \((error as? MinerReadError)?.reason ?? "\(error)")")
            return false
        }
    }

    /// Carries out a thermal-guard action on the miner; returns whether the guard's pause holds.
    private func obey(_ action: ThermalGuard.Action, pausedByGuard: Bool) async -> Bool {
        switch action {
        case .stop(let reason):
            if let refusal = endpoint.refusal(of: .pause) {
                notify("thermal guard: \(reason); \(endpoint.display) cannot be paused (\(refusal)): stop it now")
                return false
            }
            if board.current.engine.state == .paused { return false }  // the user's pause holds it already
            if await carryOut(.pause, why: "thermal guard: \(reason)") { return true }
            notify("thermal guard: \(reason); \(endpoint.display) did not pause: stop it now")
            return false
        case .resume:
            guard pausedByGuard else { return false }
            await carryOut(.resume, why: "thermal guard: the CPU has cooled")
            return false
        case .none, .shedThread, .restoreThread:
            return pausedByGuard
        }
    }

    /// Posts a line for the footer and the log. The state's clock moves to now with it: the
    /// footer times a notice against the engine part's clock, which otherwise moves only per read.
    private func notify(_ text: String) {
        let now = clock.seconds()
        board.post(notice: text, at: now)
        board.update { $0.engine.time = max($0.engine.time, now) }
        log(text)
    }
}
