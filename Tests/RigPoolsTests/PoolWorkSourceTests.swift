import Foundation
import Synchronization
import Testing
@testable import RigEngine
@testable import RigPools

/// Log lines a work source wrote, for assertions.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
}

extension PoolTiming {
    /// Backoff and probes in tens of milliseconds, so failure tests take a second, not minutes.
    static var fast: PoolTiming {
        var timing = PoolTiming()
        timing.initialBackoff = 0.05
        timing.maximumBackoff = 0.2
        timing.primaryProbeInterval = 0.3
        timing.connectTimeout = 2
        // Replies stay patient: on a loaded 2-core CI machine a test pool's reply can take
        // seconds, and a timed-out submit would count as a rejection. (The silent-pool test sets
        // its own short timeout.)
        timing.requestTimeout = 30
        return timing
    }
}

/// The pool work source against the in-process pool, through a real engine and real kernels.
@Suite(.serialized) struct PoolWorkSourceTests {
    struct Rig {
        var engine: MiningEngine
        var source: PoolWorkSource
        var log: LogLines

        func stop() async { await engine.stop() }
        var snapshot: EngineSnapshot { get async { await engine.stats.latest } }
    }

    static func rig(_ pools: [PoolURL], coin: String = "BTC", timing: PoolTiming = .fast,
                    start: Bool = true) async -> Rig {
        let log = LogLines()
        let coin = Coin.named(coin)!
        let source = PoolWorkSource(pools: pools, algorithm: coin.algorithm, user: "tester", password: "secret-pass",
                                    timing: timing, log: { log.append($0) })
        let engine = MiningEngine(configuration: .init(coin: coin, threads: 1, pinThreads: false,
                                                       workSource: { _, _ in source }))
        if start { await engine.start() }
        return Rig(engine: engine, source: source, log: log)
    }

    @Test func sharesAreAcceptedEndToEnd() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 3 })
        #expect(await TestStratumPool.eventually { await rig.snapshot.shares.accepted >= 3 })
        let snapshot = await rig.snapshot
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
        #expect(snapshot.pool?.connection == .mining)
        #expect(snapshot.pool?.difficulty == 0.0005)
        #expect(snapshot.pool?.latencySeconds != nil)
        #expect(snapshot.pool?.url == pool.url.description)
        #expect(rig.log.all.contains { $0.hasPrefix("accepted (") && $0.contains(") diff 0.0005 (") }, "\(rig.log.all)")
        #expect(!rig.log.all.contains { $0.contains("secret-pass") })
    }

    /// A login written in the pool URL, percent-encoded, is what the pool is told, decoded; the
    /// log names the user and never the password.
    @Test func loginInTheURLReachesThePoolDecoded() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let url = try PoolURL(parsing: "stratum+tcp://us%40er.w1:p%3Ass@127.0.0.1:\(pool.port)")
        let rig = await Self.rig([url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 1 })
        await rig.stop()
        await pool.stop()
        let authorize = try #require(pool.linesReceived.first { $0.contains("mining.authorize") })
        let request = try JSONSerialization.jsonObject(with: Data(authorize.utf8)) as? [String: Any]
        #expect(request?["params"] as? [String] == ["us@er.w1", "p:ss"], "\(authorize)")
        #expect(pool.submissions.allSatisfy { $0.errorCode == nil })
        #expect(rig.log.contains("authorized as us@er.w1"), "\(rig.log.all.prefix(6))")
        #expect(!rig.log.all.contains { $0.contains("p:ss") || $0.contains("secret-pass") })
    }

    /// `stratum+ssl://` with the pool's self-signed certificate pinned: the same session as plain
    /// TCP, shares accepted. A wrong pin, or no pin (the system's roots do not know a self-signed
    /// certificate), gets no job and says why.
    @Test func tlsPoolWithAPinnedCertificate() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005, tls: true)
        let pinned = try PoolURL(parsing: "stratum+ssl://127.0.0.1:\(pool.port)#fingerprint=\(TestTLSCertificate.fingerprint)")
        let rig = await Self.rig([pinned])
        #expect(await TestStratumPool.eventually { pool.accepted >= 2 })
        #expect(await TestStratumPool.eventually { await rig.snapshot.shares.accepted >= 2 })
        #expect(await rig.snapshot.pool?.url == "stratum+ssl://127.0.0.1:\(pool.port)")
        await rig.stop()
        #expect(pool.rejected == 0)

        let wrongPin = try PoolURL(parsing: "stratum+ssl://127.0.0.1:\(pool.port)#fingerprint=" + String(repeating: "ab", count: 32))
        let refused = await Self.rig([wrongPin])
        #expect(await TestStratumPool.eventually { refused.log.contains("is not the pinned") })
        let unpinned = await Self.rig([PoolURL(host: "127.0.0.1", port: pool.port, tls: true)])
        #expect(await TestStratumPool.eventually { unpinned.log.contains("TLS: the pool's certificate is not trusted") })
        #expect(await refused.snapshot.pool?.connection != .mining)
        #expect(await unpinned.snapshot.pool?.connection != .mining)
        await refused.stop()
        await unpinned.stop()
        await pool.stop()
        #expect(pool.accepted >= 2)
    }

    @Test func scryptSharesAreAcceptedWithTheScaledDifficulty() async throws {
        let pool = try await TestStratumPool.start(algorithm: .scrypt, difficulty: 0.02)
        let rig = await Self.rig([pool.url], coin: "LTC")
        #expect(await TestStratumPool.eventually(30) { pool.accepted >= 2 })
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
    }

    @Test func difficultyChangeMidJob() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 2 })
        pool.setDifficulty(0.001)
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.difficulty == 0.001 })
        let before = pool.accepted
        #expect(await TestStratumPool.eventually { pool.accepted >= before + 3 })
        #expect(await rig.snapshot.shareDifficulty.map { abs($0 - 0.001) < 1e-9 } == true)
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
    }

    /// The pool changes extranonce1 while shares are in flight: those for the old job (old value)
    /// and those for the job after it (new value) are all accepted.
    @Test func extranonceChange() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 2 })
        let oldJob = try #require(pool.currentJobID)
        pool.setExtranonce()
        #expect(await TestStratumPool.eventually { rig.log.contains("new extranonce1") })
        #expect(await TestStratumPool.eventually {
            pool.submissions.contains { $0.jobID != oldJob && $0.errorCode == nil }
        })
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
    }

    /// `mining.set_extranonce` takes effect with the next notify (NiceHash's spec for the
    /// extension): until then the current job's shares keep the old extranonce1 and are sent;
    /// once the next job is mined, the old job's shares are stale and kept back.
    @Test func newExtranonceAppliesFromTheNextJob() async throws {
        let pool = try await TestStratumPool.start(difficulty: 1e-9)
        let rig = await Self.rig([pool.url])
        await rig.engine.send(.pause)
        #expect(await TestStratumPool.eventually { rig.engine.pool.board.current().job != nil })
        let old = try #require(rig.engine.pool.board.current().job)
        let first = try #require(Self.findShare(old))
        pool.setExtranonce(followedByJob: false)
        #expect(await TestStratumPool.eventually { rig.log.contains("new extranonce1") })
        #expect(rig.engine.pool.board.current().job?.id == old.id)
        #expect(await rig.source.submit(first) == .accepted)

        let late = try #require(Self.findShare(old, nonceFrom: first.nonce + 1))
        pool.makeJob(clean: false)
        #expect(await TestStratumPool.eventually { rig.engine.pool.board.current().job?.id != old.id })
        let next = try #require(rig.engine.pool.board.current().job)
        #expect(next.makeInput(0, 0) != old.makeInput(0, 0))
        #expect(await rig.source.submit(late) == .stale)
        #expect(await rig.source.submit(try #require(Self.findShare(next))) == .accepted)
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
        #expect(pool.accepted == 2)
    }

    @Test func shareForAJobVoidedByCleanJobsIsStaleAndNotSent() async throws {
        let pool = try await TestStratumPool.start(difficulty: 1e-9)
        let rig = await Self.rig([pool.url])
        await rig.engine.send(.pause)
        #expect(await TestStratumPool.eventually { rig.engine.pool.board.current().job != nil })
        let old = try #require(rig.engine.pool.board.current().job)
        let share = try #require(Self.findShare(old))
        pool.makeJob(clean: true)
        #expect(await TestStratumPool.eventually { rig.engine.pool.board.current().job?.id != old.id })
        let sent = pool.submissions.count
        #expect(await rig.source.submit(share) == .stale)
        // A non-clean job keeps earlier ones valid.
        let current = try #require(rig.engine.pool.board.current().job)
        let valid = try #require(Self.findShare(current))
        pool.makeJob(clean: false)
        #expect(await TestStratumPool.eventually { rig.engine.pool.board.current().job?.id != current.id })
        #expect(await rig.source.submit(valid) == .accepted)
        // A share that does not match its job is never sent.
        var forged = valid
        forged.nonce &+= 1
        #expect(await rig.source.submit(forged) == .dropped(reason: "failed local verification"))
        await rig.stop()
        await pool.stop()
        #expect(pool.submissions.count == sent + 1)
    }

    /// A share for `job` found with the portable hash (worker 0, roll 0): the target must be easy.
    static func findShare(_ job: MiningJob, nonceFrom start: UInt32 = 0) -> FoundShare? {
        var input = job.makeInput(0, 0)
        for nonce in start..<(start + 100_000) {
            input.replaceSubrange(76..<80, with: StratumJob.littleEndian(nonce))
            let digest = SHA256.doubleHash(input)
            if job.target.isMet(by: digest) {
                return FoundShare(jobID: job.id, algorithm: job.algorithm, worker: 0, roll: 0, nonce: nonce,
                                  input: input, digest: digest, hashDifficulty: 0, jobTag: job.tag)
            }
        }
        return nil
    }

    @Test func reconnectsAfterThePoolDropsTheConnection() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 1 })
        pool.dropAll()
        #expect(await TestStratumPool.eventually { pool.connectionCount >= 2 })
        let before = pool.accepted
        #expect(await TestStratumPool.eventually { pool.accepted > before })
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0)
    }

    @Test func clientReconnectIsHonoured() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.accepted >= 1 })
        pool.sendToAll(#"{"id":null,"method":"client.reconnect","params":[]}"#)
        #expect(await TestStratumPool.eventually { pool.connectionCount >= 2 })
        let before = pool.accepted
        #expect(await TestStratumPool.eventually { pool.accepted > before })
        await rig.stop()
        await pool.stop()
        #expect(rig.log.contains("asked to reconnect"))
        #expect(pool.rejected == 0)
    }

    static let badInputs: [(String, TestStratumPool.Misbehaviour)] = [
        ("not JSON", .sendAfterSubscribe("this is not json")),
        ("not a Stratum message", .sendAfterSubscribe(#"{"hello":"world"}"#)),
        ("mining.notify params", .sendAfterSubscribe(#"{"id":null,"method":"mining.notify","params":["1","00"]}"#)),
        ("not a Stratum message", .sendAfterSubscribe(#"{"id":null,"method":"mining.set_difficulty","params":["x"]}"#)),
        ("longer than 64 KiB", .floodAfterSubscribe(70_000)),
        // Extreme values, each a clear error and a dropped connection, never a trap.
        ("reply id: 1e+300 is not usable", .sendAfterSubscribe(#"{"id":1e300,"result":true,"error":null}"#)),
        ("reply id: 9.223372036854776e+18 is not usable",
         .sendAfterSubscribe(#"{"id":9223372036854775808,"result":true,"error":null}"#)),
        ("mining.set_difficulty: 1e-300 is not usable",
         .sendAfterSubscribe(#"{"id":null,"method":"mining.set_difficulty","params":[1e-300]}"#)),
        ("client.reconnect port: 1e+300 is not usable",
         .sendAfterSubscribe(#"{"id":null,"method":"client.reconnect","params":["127.0.0.1",1e300,0]}"#)),
        ("client.reconnect port: 99999.0 is not usable",
         .sendAfterSubscribe(#"{"id":null,"method":"client.reconnect","params":["127.0.0.1",99999,0]}"#)),
        ("client.reconnect wait: 1e+300 is not usable",
         .sendAfterSubscribe(#"{"id":null,"method":"client.reconnect","params":["127.0.0.1",3333,1e300]}"#)),
        ("client.reconnect wait: inf is not usable",
         .sendAfterSubscribe(#"{"id":null,"method":"client.reconnect","params":["127.0.0.1",3333,"inf"]}"#)),
        ("client.reconnect host",
         .sendAfterSubscribe(#"{"id":null,"method":"client.reconnect","params":["evil\u001b[2J",3333,0]}"#)),
    ]

    @Test(arguments: badInputs.indices)
    func badInputDropsTheConnectionAndRetries(_ index: Int) async throws {
        let (expected, misbehaviour) = Self.badInputs[index]
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        pool.misbehave(misbehaviour)
        let rig = await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { pool.connectionCount >= 2 })
        #expect(await TestStratumPool.eventually { pool.accepted >= 1 })
        await rig.stop()
        await pool.stop()
        #expect(rig.log.contains(expected), "\(rig.log.all.prefix(6))")
        #expect(pool.rejected == 0)
    }

    @Test func silentPoolTimesOutAndIsRetried() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        pool.misbehave(.silent)
        var timing = PoolTiming.fast
        timing.requestTimeout = 1
        let rig = await Self.rig([pool.url], timing: timing)
        #expect(await TestStratumPool.eventually { pool.accepted >= 1 })
        await rig.stop()
        await pool.stop()
        #expect(pool.connectionCount >= 2)
        #expect(rig.log.contains("no reply to mining.subscribe"))
    }

    @Test func noJobForTooLongDropsTheConnection() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0005)
        var timing = PoolTiming.fast
        timing.jobTimeout = 0.5
        let rig = await Self.rig([pool.url], timing: timing)
        #expect(await TestStratumPool.eventually { pool.connectionCount >= 2 })
        await rig.stop()
        await pool.stop()
        #expect(rig.log.contains("no job for"))
    }

    @Test func failsOverWhenThePrimaryRefusesAndReturnsToIt() async throws {
        // A port nobody listens on: bind a pool, note its port, stop it.
        let closed = try await TestStratumPool.start()
        let primaryPort = closed.port
        await closed.stop()
        let backup = try await TestStratumPool.start(difficulty: 0.0005)
        let primaryURL = PoolURL(host: "127.0.0.1", port: primaryPort)
        let rig = await Self.rig([primaryURL, backup.url])
        #expect(await TestStratumPool.eventually { backup.accepted >= 1 })
        #expect(await rig.snapshot.pool?.isFailover == true)
        #expect(rig.log.contains("(failover)"))

        let primary = try await TestStratumPool.start(difficulty: 0.0005, port: primaryPort)
        #expect(await TestStratumPool.eventually { primary.accepted >= 1 })
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.isFailover == false })
        await rig.stop()
        await primary.stop()
        await backup.stop()
        #expect(rig.log.contains("is back"))
        #expect(primary.rejected == 0 && backup.rejected == 0)
    }
}

/// The pool's verdicts as the client reports them: codes 21, 22, 23 by name.
@Suite(.serialized) struct StratumClientTests {
    final class Events: Sendable {
        let events = Mutex<[StratumClient.Event]>([])
        var jobs: [StratumJob] { events.withLock { $0.compactMap { if case .job(let job) = $0 { job } else { nil } } } }
        var difficulties: [Double] { events.withLock { $0.compactMap { if case .difficulty(let d) = $0 { d } else { nil } } } }
        var extranonce: StratumExtranonce? {
            events.withLock { $0.compactMap { if case .subscribed(let e) = $0 { e } else { nil } }.last }
        }
    }

    @Test
    func rejectionsCarryTheirCodes() async throws {
        let pool = try await TestStratumPool.start(difficulty: 1e-9)
        let client = StratumClient(url: pool.url, user: "u", password: "p")
        let events = Events()
        let task = Task { try await client.run { event in events.events.withLock { $0.append(event) } } }
        #expect(await TestStratumPool.eventually { !events.jobs.isEmpty })
        let job = try #require(events.jobs.last)
        let extranonce = try #require(events.extranonce)
        let extranonce2 = extranonce.extranonce2(worker: 0, roll: 0)
        // Find a valid nonce at the pool's tiny difficulty.
        let target = PoolWorkSource.target(difficulty: 1e-9, algorithm: .sha256d)
        var nonce: UInt32 = 0
        while !target.isMet(by: SHA256.doubleHash(job.header(extranonce1: extranonce.extranonce1, extranonce2: extranonce2, nonce: nonce))) {
            nonce += 1
        }
        #expect(await client.submit(jobID: job.id, extranonce2: extranonce2, time: job.time, nonce: nonce) == .result(true))
        let duplicate = await client.submit(jobID: job.id, extranonce2: extranonce2, time: job.time, nonce: nonce)
        #expect(duplicate == .error(StratumError(code: 22, message: "Duplicate share")))
        let unknown = await client.submit(jobID: "nope", extranonce2: extranonce2, time: job.time, nonce: nonce)
        #expect(unknown == .error(StratumError(code: 21, message: "Job not found")))
        // Twice, each seen by the client before the next: the pool's one-step grace for
        // in-flight shares is gone.
        pool.setDifficulty(1e12)
        #expect(await TestStratumPool.eventually { events.difficulties.filter { $0 == 1e12 }.count >= 1 })
        pool.setDifficulty(1e12)
        #expect(await TestStratumPool.eventually { events.difficulties.filter { $0 == 1e12 }.count >= 2 })
        let low = await client.submit(jobID: job.id, extranonce2: extranonce2, time: job.time, nonce: nonce &+ 1)
        guard case .error(let error) = low else { Issue.record("expected an error, got \(low)"); return }
        #expect(error.code == 23)
        #expect(error.description.hasPrefix("23 low difficulty share"))
        task.cancel()
        _ = await task.result
        await pool.stop()
    }
}

/// A pool that leaves no room for an extranonce2: the threads must not search the same nonces.
@Suite(.serialized) struct NoExtranonce2Tests {
    @Test func threadsSplitTheNoncesAndNeverHashThemTwice() async throws {
        let pool = try await TestStratumPool.start(difficulty: 0.0002, extranonce2Size: 0)
        let log = LogLines()
        let coin = try #require(Coin.named("BTC"))
        let source = PoolWorkSource(pools: [pool.url], algorithm: coin.algorithm, user: "tester", password: "secret",
                                    timing: .fast, log: { log.append($0) })
        let engine = MiningEngine(configuration: .init(coin: coin, threads: 2, pinThreads: false, workSource: { _, _ in source }))
        await engine.start()
        let mined = await TestStratumPool.eventually(120) { pool.accepted >= 5 }
        #expect(mined, "\(log.all.suffix(8))")
        // Two threads, one bit: 2^31 nonces each. With no new job they stop there, not start over.
        let job = try #require(engine.pool.board.current().job)
        #expect(job.nonceRange(0) == NonceRange(first: 0, count: 1 << 31))
        #expect(job.nonceRange(1) == NonceRange(first: 1 << 31, count: 1 << 31))
        #expect(!job.rolls)
        await engine.stop()
        await pool.stop()
        let shares = await engine.stats.latest.shares
        #expect(pool.submissions.allSatisfy { $0.errorCode == nil }, "\(pool.submissions.filter { $0.errorCode != nil }.prefix(3))")
        #expect(shares.droppedReasons["duplicate"] == nil)
        #expect(PoolWorkSource.nonceSliceBits(threads: 1) == 0 && PoolWorkSource.nonceSliceBits(threads: 3) == 2
                && PoolWorkSource.nonceSliceBits(threads: 9999) == 12)
    }
}
