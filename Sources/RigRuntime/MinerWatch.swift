public import RigEngine
public import RigMiners
import RigFigures
import RigInput

/// Folds each read of a watched miner's API into the rig's state, so that every panel draws a
/// miner rigtop does not run as it draws its own engine: the engine part (rates, per-device rows,
/// shares, pool, uptime, state) from the miner's snapshot, a ``WatchedMinerStatus`` beside it.
/// Sensors, power and earnings stay the rig's own (``RigState`` computes them at the miner's rate).
///
/// A value owned by the one task that reads the miner; it keeps what a single snapshot lacks:
/// the rate histories (one value per read) and when the miner last answered.
public struct MinerWatch: Sendable {
    public let endpoint: MinerEndpoint
    /// The coin the user named (`--coin`); nil: the first coin of ``coins`` that mines the
    /// miner's algorithm.
    let coin: Coin?
    let coins: [Coin]
    /// Monotonic seconds when watching began: the uptime of a miner that reports none.
    let since: Double
    /// The total rate, one value per read: ≥15 minutes at one read a second, as the engine's.
    private var history = RateHistory(capacity: 960)
    /// Each device's rate history, by the device's index.
    private var deviceHistories: [Int: RateHistory] = [:]
    private var lastRead: Double?
    private var downSince: Double?

    /// Reads of history each device keeps (two minutes at one read a second): the Threads
    /// panel's sparklines, as the engine's threads keep.
    static let deviceHistoryCapacity = 120

    public init(endpoint: MinerEndpoint, coins: [Coin], coin: Coin? = nil, since: Double) {
        self.endpoint = endpoint
        self.coins = coins
        self.coin = coin
        self.since = since
    }

    /// The status before the first read.
    public var initialStatus: WatchedMinerStatus {
        WatchedMinerStatus(url: endpoint.display, pauseRefusal: endpoint.refusal(of: .pause))
    }

    /// Stores one read, taken at `now` (monotonic seconds, the engine clock) and `wallClock`
    /// (Unix seconds), into `state`.
    public mutating func apply(_ read: Result<MinerSnapshot, MinerReadError>, now: Double, wallClock: Double,
                               to state: inout RigState) {
        var status = state.miner ?? initialStatus
        switch read {
        case .success(let snapshot):
            lastRead = now
            downSince = nil
            history.append(snapshot.hashrate.tenSeconds ?? snapshot.hashrate.current ?? 0)
            state.engine = engine(snapshot, now: now)
            state.startedAt = wallClock - state.engine.uptime
            status.software = [snapshot.software, snapshot.version].compactMap { $0 }.joined(separator: " ")
            if status.software?.isEmpty == true { status.software = nil }
            status.algorithm = snapshot.algorithm
            status.error = nil
            status.downSince = nil
            (status.phase, status.statement) = Self.phase(snapshot)
        case .failure(let error):
            let since = downSince ?? now
            downSince = since
            history.append(0)
            var engine = state.engine
            engine.time = now
            engine.state = .stopped
            engine.notice = "down: " + error.reason
            engine.hashrate = WindowedRate()
            engine.history = history
            for index in engine.threads.indices {
                engine.threads[index].hashrate = WindowedRate()
                engine.threads[index].history.append(0)
                deviceHistories[engine.threads[index].index] = engine.threads[index].history
            }
            state.engine = engine
            status.phase = .down
            status.error = error.reason
            status.downSince = since
            status.statement = "down: \(error.reason) · " + (lastRead.map { "last read \(Self.ago(now - $0)) ago" } ?? "never read")
        }
        status.lastRead = lastRead
        state.miner = status
    }

    /// The engine part of the state from one snapshot.
    private mutating func engine(_ snapshot: MinerSnapshot, now: Double) -> EngineSnapshot {
        var engine = EngineSnapshot()
        engine.time = now
        engine.uptime = snapshot.uptimeSeconds ?? max(0, now - since)
        engine.coin = coin ?? Self.algorithm(named: snapshot.algorithm).flatMap { algorithm in
            coins.first { $0.algorithm == algorithm } ?? coins.first { $0.algorithm.isRandomX && algorithm.isRandomX }
        }
        engine.algorithm = Self.algorithm(named: snapshot.algorithm) ?? engine.coin?.algorithm ?? engine.algorithm
        let pool = snapshot.currentPool
        engine.workSource = pool?.url ?? endpoint.display
        engine.pool = pool.map { pool in
            PoolStatus(url: pool.url, connection: pool.up.map { $0 ? .mining : .disconnected } ?? .connected,
                       latencySeconds: pool.pingSeconds)
        }
        engine.hashrate = snapshot.hashrate
        engine.history = history
        var seen = Set<Int>()
        engine.threads = snapshot.devices.map { device in
            seen.insert(device.index)
            var deviceHistory = deviceHistories[device.index] ?? RateHistory(capacity: Self.deviceHistoryCapacity)
            deviceHistory.append(device.hashrate.tenSeconds ?? device.hashrate.current ?? 0)
            deviceHistories[device.index] = deviceHistory
            return ThreadSnapshot(index: device.index, core: nil, pinned: true, idle: false, hashes: 0,
                                  hashrate: device.hashrate, history: deviceHistory)
        }
        // A device the miner no longer lists (a GPU lost) starts afresh if it comes back.
        deviceHistories = deviceHistories.filter { seen.contains($0.key) }
        engine.shares.accepted = snapshot.accepted ?? 0
        engine.shares.rejected = snapshot.rejected ?? 0
        engine.shares.stale = snapshot.stale ?? 0
        engine.shares.found = engine.shares.accepted &+ engine.shares.rejected &+ engine.shares.stale
        engine.shares.hardwareErrors = snapshot.hardwareErrors ?? 0
        switch Self.phase(snapshot).phase {
        case .paused: engine.state = .paused
        case .poolDown:
            engine.state = .waitingForWork
            engine.notice = "pool down"
        case .mining where snapshot.hashrate.current == nil:
            engine.state = .starting
        default: engine.state = .mining
        }
        return engine
    }

    /// The phase one answer shows, with the header's line where it needs one: paused first (a
    /// paused miner hashes 0 by design), then hashing 0, then no pool up.
    static func phase(_ snapshot: MinerSnapshot) -> (phase: WatchedMinerStatus.Phase, statement: String?) {
        let poolDown = !snapshot.pools.isEmpty && !snapshot.pools.contains { $0.up == true }
        if snapshot.paused == true { return (.paused, nil) }
        if snapshot.hashrate.current == 0 {
            return (.hashingZero, "hashing 0 H/s" + (poolDown ? " · pool down" : ""))
        }
        if poolDown { return (.poolDown, "pool down: " + (snapshot.currentPool?.url ?? "no pool")) }
        return (.mining, nil)
    }

    /// rigtop's algorithm for a miner's name of it: xmrig's `rx/0`, cgminer's `Hash Method`
    /// (`sha256`, `scrypt`), cpuminer-opt's `algo`; nil for one rigtop does not mine.
    static func algorithm(named name: String?) -> HashAlgorithm? {
        switch name?.lowercased() {
        case "sha256", "sha256d", "sha-256": .sha256d
        case "scrypt": .scrypt
        case "rx/0", "randomx", "rx": .randomx
        case "rx/2", "randomx-v2": .randomxV2
        default: nil
        }
    }

    /// A span of seconds in few characters: "4 s", "3 min", "2 h".
    static func ago(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds, 0), 1e9).rounded())
        if whole < 120 { return "\(whole) s" }
        if whole < 7200 { return "\(whole / 60) min" }
        return "\(whole / 3600) h"
    }
}
