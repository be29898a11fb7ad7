import Foundation
import RigEngine
import RigMiners
import RigSensors
import RigTestSupport
import Synchronization
import Testing
@testable import RigRuntime
import RigFigures

/// A watched miner's reads folded into the rig's state: the engine part from the miner's
/// snapshot, the status line from how the read went, commands the miner's API cannot serve
/// refused with a reason.
@Suite struct MinerWatchTests {
    static let endpoint = MinerEndpoint(kind: .xmrig, host: "127.0.0.1", port: 18088, token: "s3cret")

    /// An xmrig CPU miner with two threads, as its reader builds the snapshot.
    static func xmrig(ten: Double? = 1500, sixty: Double? = 1450, paused: Bool = false, poolUp: Bool = true) -> MinerSnapshot {
        var snapshot = MinerSnapshot()
        snapshot.software = "xmrig"
        snapshot.version = "6.26.0"
        snapshot.algorithm = "rx/0"
        snapshot.hashrate = WindowedRate(tenSeconds: ten, sixtySeconds: sixty)
        snapshot.accepted = 12
        snapshot.rejected = 1
        snapshot.uptimeSeconds = 3_600
        snapshot.paused = paused
        snapshot.pools = [MinerSnapshot.Pool(url: "pool.example:3333", up: poolUp, active: poolUp, pingSeconds: 0.042)]
        for index in 0..<2 {
            var device = MinerSnapshot.Device(index: index, name: "cpu \(index)")
            device.hashrate = WindowedRate(tenSeconds: ten.map { $0 / 2 }, sixtySeconds: sixty.map { $0 / 2 })
            snapshot.devices.append(device)
        }
        return snapshot
    }

    static func watching(coin: Coin? = nil) -> (MinerWatch, RigState) {
        let watch = MinerWatch(endpoint: endpoint, coins: Coin.builtIn, coin: coin, since: 100)
        var state = RigState()
        state.miner = watch.initialStatus
        return (watch, state)
    }

    @Test("a read becomes the engine part: rates, per-thread rows, shares, pool, uptime, coin by algorithm")
    func snapshotToState() throws {
        var (watch, state) = Self.watching()
        watch.apply(.success(Self.xmrig()), now: 200, wallClock: 1_800_000_000, to: &state)
        let engine = state.engine
        #expect(engine.state == .mining)
        #expect(engine.time == 200)
        #expect(engine.uptime == 3_600)
        #expect(state.startedAt == 1_799_996_400.0)
        #expect(engine.hashrate == WindowedRate(tenSeconds: 1500, sixtySeconds: 1450))
        #expect(engine.history.values == [1500])
        #expect(engine.threads.map(\.index) == [0, 1])
        #expect(engine.threads.map(\.hashrate.tenSeconds) == [750, 750])
        #expect(engine.threads.allSatisfy { $0.core == nil } && engine.allThreadsPinned)
        #expect(engine.shares.accepted == 12 && engine.shares.rejected == 1 && engine.shares.found == 13)
        #expect(engine.pool == PoolStatus(url: "pool.example:3333", connection: .mining, latencySeconds: 0.042))
        #expect(engine.workSource == "pool.example:3333")
        #expect(engine.coin?.symbol == "XMR")
        #expect(engine.algorithm == .randomx)

        let miner = try #require(state.miner)
        #expect(miner.url == "xmrig://127.0.0.1:18088", "never the token")
        #expect(miner.software == "xmrig 6.26.0")
        #expect(miner.algorithm == "rx/0")
        #expect(miner.phase == .mining)
        #expect(miner.statement == nil)
        #expect(miner.lastRead == 200)
    }

    @Test("earnings, efficiency and power use the miner's rate and this machine's sensors")
    func earningsAtTheMinersRate() throws {
        var (watch, state) = Self.watching()
        state.sensors = RigStateFiguresTests.sensors(watts: 50)
        watch.apply(.success(Self.xmrig()), now: 200, wallClock: 1_800_000_000, to: &state)
        #expect(state.hashrate == 1450)
        #expect(state.hashesPerWatt == 29)
        let earnings = try #require(state.earnings)
        let xmr = try #require(Coin.named("XMR"))
        let expected = state.earningsSettings.estimate(hashrate: 1450, coin: xmr, watts: 50, shareDifficulty: nil)
        #expect(earnings == expected)
    }

    @Test("the coin the user named wins over the algorithm's first coin")
    func namedCoin() throws {
        let doge = try #require(Coin.named("DOGE"))
        var (watch, state) = Self.watching(coin: doge)
        var snapshot = Self.xmrig()
        snapshot.algorithm = "scrypt"
        watch.apply(.success(snapshot), now: 1, wallClock: 1, to: &state)
        #expect(state.engine.coin?.symbol == "DOGE")
        #expect(state.engine.algorithm == .scrypt)

        var (plain, plainState) = Self.watching()
        plain.apply(.success(snapshot), now: 1, wallClock: 1, to: &plainState)
        #expect(plainState.engine.coin?.symbol == "LTC", "the first scrypt coin in key order")
        snapshot.algorithm = "kawpow"
        plain.apply(.success(snapshot), now: 2, wallClock: 2, to: &plainState)
        #expect(plainState.engine.coin == nil, "an algorithm rigtop has no coin for earns nothing it could price")
        #expect(plainState.miner?.algorithm == "kawpow")
    }

    @Test("hashing 0, paused and pool down each show plainly")
    func phases() {
        var (watch, state) = Self.watching()
        watch.apply(.success(Self.xmrig(ten: 0, sixty: 0)), now: 1, wallClock: 1, to: &state)
        #expect(state.miner?.phase == .hashingZero)
        #expect(state.miner?.statement == "hashing 0 H/s")
        #expect(state.engine.state == .mining)

        watch.apply(.success(Self.xmrig(ten: 0, sixty: 0, poolUp: false)), now: 2, wallClock: 2, to: &state)
        #expect(state.miner?.statement == "hashing 0 H/s · pool down")

        watch.apply(.success(Self.xmrig(ten: 0, sixty: 0, paused: true)), now: 3, wallClock: 3, to: &state)
        #expect(state.miner?.phase == .paused)
        #expect(state.miner?.statement == nil, "the engine state says paused")
        #expect(state.engine.state == .paused)

        watch.apply(.success(Self.xmrig(poolUp: false)), now: 4, wallClock: 4, to: &state)
        #expect(state.miner?.phase == .poolDown)
        #expect(state.miner?.statement == "pool down: pool.example:3333")
        #expect(state.engine.state == .waitingForWork)
        #expect(state.engine.pool?.connection == .disconnected)

        watch.apply(.success(Self.xmrig(ten: nil, sixty: nil)), now: 5, wallClock: 5, to: &state)
        #expect(state.miner?.phase == .mining)
        #expect(state.engine.state == .starting, "no rate reported yet")
    }

    @Test("a miner that stops answering is down, with the reader's error and when it was last read")
    func down() {
        var (watch, state) = Self.watching()
        watch.apply(.failure(MinerReadError("connection refused")), now: 10, wallClock: 10, to: &state)
        #expect(state.miner?.phase == .down)
        #expect(state.miner?.statement == "down: connection refused · never read")
        #expect(state.engine.state == .stopped)

        watch.apply(.success(Self.xmrig()), now: 20, wallClock: 20, to: &state)
        #expect(state.miner?.phase == .mining && state.miner?.error == nil && state.miner?.downSince == nil)

        watch.apply(.failure(MinerReadError("no reply within 3 s")), now: 32, wallClock: 32, to: &state)
        watch.apply(.failure(MinerReadError("no reply within 3 s")), now: 200, wallClock: 200, to: &state)
        #expect(state.miner?.statement == "down: no reply within 3 s · last read 3 min ago")
        #expect(state.miner?.error == "no reply within 3 s")
        #expect(state.miner?.downSince == 32)
        #expect(state.miner?.lastRead == 20)
        #expect(state.engine.state == .stopped)
        #expect(state.engine.hashrate == WindowedRate(), "a down miner's rate is unknown, not its last one")
        #expect(state.engine.threads.count == 2 && state.engine.threads.allSatisfy { $0.hashrate == WindowedRate() })
        #expect(state.engine.history.values == [0, 1500, 0, 0])
        #expect(state.earnings.map { $0.coinsPerDay == 0 } ?? true)
    }

    @Test("each device keeps its own history; a device that leaves starts afresh")
    func deviceHistories() {
        var (watch, state) = Self.watching()
        watch.apply(.success(Self.xmrig()), now: 1, wallClock: 1, to: &state)
        watch.apply(.success(Self.xmrig(ten: 2000)), now: 2, wallClock: 2, to: &state)
        #expect(state.engine.threads.map(\.history.values) == [[750, 1000], [750, 1000]])
        var one = Self.xmrig()
        one.devices.removeLast()
        watch.apply(.success(one), now: 3, wallClock: 3, to: &state)
        watch.apply(.success(Self.xmrig()), now: 4, wallClock: 4, to: &state)
        #expect(state.engine.threads.map(\.history.values) == [[750, 1000, 750, 750], [750]])
    }

    @Test("what the miner's API cannot do is refused with the reason; pause only where the API has one")
    func refusals() {
        var state = RigState()
        #expect(state.refusal(of: .addThread) == nil, "rigtop's own engine takes every command")
        state.miner = MinerWatch(endpoint: Self.endpoint, coins: Coin.builtIn, since: 0).initialStatus
        #expect(state.refusal(of: .togglePause) == nil)
        #expect(state.refusal(of: .addThread) == "threads: rigtop only watches xmrig://127.0.0.1:18088; its threads are set in the miner")
        #expect(state.refusal(of: .switchCoin(Coin.builtIn[0]))?.hasPrefix("coin: rigtop only watches") == true)
        state.miner = MinerWatch(endpoint: MinerEndpoint(kind: .cgminer, host: "10.0.0.7", port: 4028), coins: [], since: 0).initialStatus
        #expect(state.refusal(of: .togglePause) == "pause: cgminer's API has no pause for the whole miner (cgminer://10.0.0.7:4028)")
    }

    @Test(arguments: [("rx/0", HashAlgorithm.randomx), ("RX/2", .randomxV2), ("sha256", .sha256d), ("SHA256d", .sha256d),
                      ("scrypt", .scrypt)])
    func algorithmNames(_ name: String, _ algorithm: HashAlgorithm) {
        #expect(MinerWatch.algorithm(named: name) == algorithm)
    }
}

/// The watched miner running: reads posted to its board, pause reaching the miner's API, other
/// commands answered with a notice.
@Suite struct WatchedMinerTests {
    /// A reader that answers from a value the test sets, and counts reads.
    final class ScriptedReader: MinerReader, Sendable {
        let endpoint = MinerWatchTests.endpoint
        let answer = Mutex<Result<MinerSnapshot, MinerReadError>>(.success(MinerWatchTests.xmrig()))
        func read() async throws(MinerReadError) -> MinerSnapshot { try answer.withLock { $0 }.get() }
    }

    static func sampler() -> SensorSampler {
        SensorSampler(root: SysfsRoot("/nonexistent-rigtop-\(UUID().uuidString)"))
    }

    @Test func readsPauseAndRefusals() async throws {
        let reader = ScriptedReader()
        let sent = Mutex<[MinerCommand]>([])
        let watched = WatchedMiner(endpoint: reader.endpoint, coins: Coin.builtIn, makeSampler: Self.sampler,
                                   sensorInterval: 0.1, readInterval: 0.05, reader: reader,
                                   control: { command in
                                       sent.withLock { $0.append(command) }
                                       reader.answer.withLock { $0 = .success(MinerWatchTests.xmrig(paused: command == .pause)) }
                                   })
        await watched.start()
        #expect(await eventually { watched.board.current.engine.hashrate.tenSeconds == 1500 })
        #expect(watched.board.current.miner?.phase == .mining)

        watched.send(.togglePause)
        #expect(await eventually { watched.board.current.engine.state == .paused })
        #expect(sent.withLock { $0 } == [.pause])
        #expect(watched.board.current.notices.last?.text == "xmrig://127.0.0.1:18088 paused")
        watched.send(.togglePause)
        #expect(await eventually { watched.board.current.engine.state == .mining })
        #expect(sent.withLock { $0 } == [.pause, .resume])

        watched.send(.addThread)
        #expect(await eventually { watched.board.current.notices.last?.text.hasPrefix("threads: rigtop only watches") == true })
        #expect(sent.withLock { $0 }.count == 2, "nothing reached the miner")

        reader.answer.withLock { $0 = .failure(MinerReadError("connection refused")) }
        #expect(await eventually { watched.board.current.miner?.phase == .down })
        #expect(watched.board.current.miner?.statement?.hasPrefix("down: connection refused · last read") == true)
        #expect(await eventually { watched.board.current.sensors != nil }, "this machine's sensors are sampled")
        #expect(watched.board.current.thermalGuard.statement == nil, "no guard claims to act on a miner rigtop does not run")
        await watched.stop()
    }

    /// The commands that reached the miner's API.
    final class SentCommands: Sendable {
        private let commands = Mutex<[MinerCommand]>([])
        func append(_ command: MinerCommand) { commands.withLock { $0.append(command) } }
        var all: [MinerCommand] { commands.withLock { $0 } }
    }

    static func guarded(_ reader: ScriptedReader, endpoint: MinerEndpoint? = nil, tree: RigTests.HotTree,
                        sent: SentCommands) -> WatchedMiner {
        let root = tree.root
        return WatchedMiner(endpoint: endpoint ?? reader.endpoint, coins: Coin.builtIn,
                            makeSampler: { SensorSampler(root: SysfsRoot(root), loadNVML: false) },
                            sensorInterval: 0.1, readInterval: 0.05,
                            thermalGuard: ThermalGuard(limit: Temperature(celsius: 80), critical: Temperature(celsius: 90), settleSamples: 1),
                            reader: reader,
                            control: { command in
                                sent.append(command)
                                reader.answer.withLock { $0 = .success(MinerWatchTests.xmrig(paused: command == .pause)) }
                            })
    }

    /// A miner on this machine heats this machine's CPU: past critical the guard pauses it through
    /// its API, holds it paused against the user's resume, and resumes it once the CPU has cooled.
    @Test func theGuardPausesAMinerOnThisMachineAtCritical() async throws {
        let tree = try RigTests.HotTree()
        let reader = ScriptedReader()
        let sent = SentCommands()
        let watched = Self.guarded(reader, tree: tree, sent: sent)
        await watched.start()
        #expect(await eventually { watched.board.current.engine.hashrate.tenSeconds == 1500 })
        #expect(await eventually { watched.board.current.thermalGuard.phase == .normal })
        tree.set(95)
        #expect(await eventually { watched.board.current.engine.state == .paused })
        #expect(sent.all == [.pause])
        #expect(watched.board.current.thermalGuard.phase == .stopped)
        #expect(watched.board.current.notices.contains { $0.text.hasPrefix("thermal guard: stopped: CPU 95") && $0.text.hasSuffix("xmrig://127.0.0.1:18088 paused") })

        watched.send(.togglePause)
        #expect(await eventually { watched.board.current.notices.last?.text.hasPrefix("resume: the CPU is past critical") == true })
        #expect(sent.all == [.pause], "the user's resume is held while the CPU is critical")

        tree.set(50)
        #expect(await eventually { watched.board.current.engine.state == .mining })
        #expect(sent.all == [.pause, .resume])
        #expect(watched.board.current.notices.last?.text == "thermal guard: the CPU has cooled; xmrig://127.0.0.1:18088 resumed")
        await watched.stop()
    }

    /// The guard resumes only a pause of its own: a miner the user paused stays paused after a
    /// heat event.
    @Test func theGuardLeavesTheUsersPauseAlone() async throws {
        let tree = try RigTests.HotTree()
        let reader = ScriptedReader()
        let sent = SentCommands()
        let watched = Self.guarded(reader, tree: tree, sent: sent)
        await watched.start()
        #expect(await eventually { watched.board.current.thermalGuard.phase == .normal })
        watched.send(.pause)
        #expect(await eventually { watched.board.current.engine.state == .paused })
        tree.set(95)
        #expect(await eventually { watched.board.current.thermalGuard.phase == .stopped })
        tree.set(50)
        #expect(await eventually { watched.board.current.thermalGuard.phase == .normal })
        #expect(await eventually { watched.board.current.sensors?.cpuThermalReading?.temperature.celsius == 50 })
        #expect(sent.all == [.pause], "the guard neither paused again nor resumed the user's pause")
        #expect(watched.board.current.engine.state == .paused)
        await watched.stop()
    }

    /// A miner elsewhere does not heat this CPU: the guard does not act on it. A miner on this
    /// machine whose API cannot pause gets the plain instruction to stop it.
    @Test func theGuardActsOnlyWhereItCan() async throws {
        let tree = try RigTests.HotTree()
        tree.set(95)
        let remote = MinerEndpoint(kind: .xmrig, host: "192.0.2.7", port: 18088, token: "s3cret")
        let reader = ScriptedReader()
        let sent = SentCommands()
        let far = Self.guarded(reader, endpoint: remote, tree: tree, sent: sent)
        await far.start()
        #expect(await eventually { far.board.current.sensors?.cpuThermalReading?.temperature.celsius == 95 })
        #expect(await eventually { far.board.current.engine.hashrate.tenSeconds == 1500 })
        #expect(far.board.current.thermalGuard.phase == .blind && far.board.current.thermalGuard.statement == nil)
        await far.stop()
        #expect(sent.all.isEmpty)

        let cgminer = MinerEndpoint(kind: .cgminer, host: "127.0.0.1", port: 4028)
        let near = Self.guarded(reader, endpoint: cgminer, tree: tree, sent: sent)
        await near.start()
        #expect(await eventually {
            near.board.current.notices.contains { $0.text.hasPrefix("thermal guard: stopped: CPU 95") && $0.text.hasSuffix("stop it now") }
        })
        await near.stop()
        #expect(sent.all.isEmpty)
    }
}
