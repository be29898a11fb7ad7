import Synchronization
import Testing
import RigTestSupport
@testable import RigEngine
@testable import RigPools

/// The Monero work source against the in-process Monero pool: routing, nonce slices, stale shares
/// and failover without hashing; then a real engine mining XMR in light mode, its shares checked
/// by the pool with RandomX.
@Suite(.serialized) struct MoneroWorkSourceTests {
    struct Rig {
        var engine: MiningEngine
        var source: MoneroWorkSource
        var log: LogLines

        func stop() async { await engine.stop() }
        var snapshot: EngineSnapshot { get async { await engine.stats.latest } }
    }

    /// An XMR engine on `pools`, through the factory the executable uses. With 0 threads nothing
    /// hashes (the tests that only exercise the protocol need no librandomx).
    static func rig(_ pools: [PoolURL], threads: Int = 0) async throws -> Rig {
        let log = LogLines()
        let settings = PoolSettings(urls: pools, user: "wallet.rig1", password: "secret-pass")
        let factory = PoolWorkSource.factory(settings: { _ in settings }, timing: .fast, log: { log.append($0) })
        let kernels = KernelChoice([.randomx: .randomxLight])
        let coin = try #require(Coin.named("XMR"))
        let source = try #require(factory(coin, kernels) as? MoneroWorkSource)
        let engine = MiningEngine(configuration: .init(coin: coin, threads: threads, kernels: kernels, pinThreads: false,
                                                       workSource: { _, _ in source }))
        await engine.start()
        return Rig(engine: engine, source: source, log: log)
    }

    static func share(job: String, nonce: UInt32, digest: [UInt8] = Array(repeating: 0, count: 32)) throws -> FoundShare {
        let blob = try MoneroJob(json: ["job_id": "x", "blob": .string(TestMoneroPool.blob), "target": "b88d0600"])
        return FoundShare(jobID: job, algorithm: .randomx, worker: 0, roll: 0, nonce: nonce,
                          input: blob.input(nonce: nonce), digest: digest, hashDifficulty: 1)
    }

    @Test func factoryRoutesRandomXPoolsToMoneroStratum() throws {
        let settings = PoolSettings(urls: [PoolURL(host: "127.0.0.1", port: 1)], user: "u", password: "p")
        let factory = PoolWorkSource.factory(settings: { $0.symbol == "BTC" || $0.symbol == "XMR" ? settings : nil })
        let kernels = KernelChoice.fastest()
        #expect(factory(try #require(Coin.named("XMR")), kernels) is MoneroWorkSource)
        #expect(factory(try #require(Coin.named("BTC")), kernels) is PoolWorkSource)
        #expect(factory(try #require(Coin.named("LTC")), kernels) is BenchmarkWorkSource)
    }

    @Test func jobsBecomeRandomXWorkWithOneNonceSlicePerWorker() throws {
        let job = try MoneroJob(json: [
            "job_id": "7", "blob": .string(TestMoneroPool.blob), "target": "33333333",
            "seed_hash": .string(TestMoneroPool.seed), "height": 3_000_000,
        ])
        let mining = MoneroWorkSource.miningJob(job)
        #expect(mining.id == "7" && mining.algorithm == .randomx)
        #expect(mining.seedHash == Hex.bytes(TestMoneroPool.seed))
        #expect(mining.target == job.target)
        #expect(abs(mining.target.expectedHashesPerShare - 5) < 1e-6)
        #expect(mining.makeInput(0, 0) == job.blob && mining.makeInput(3, 9) == job.blob)
        #expect(mining.nonceRange(0) == NonceRange(first: 0, count: 1 << 24))
        #expect(mining.nonceRange(1) == NonceRange(first: 0x0100_0000, count: 1 << 24))
        #expect(mining.nonceRange(255) == NonceRange(first: 0xff00_0000, count: 1 << 24))
        #expect(mining.nonceRange(256) == mining.nonceRange(0))
        // Other sources keep the whole nonce space.
        #expect(RandomXTesting.job("a", key: "k", input: []).nonceRange(5) == .all)
        #expect(NonceRange.all.count == 1 << 32)
    }

    @Test func sharesForAnOlderBlockAreStaleAndNotSent() async throws {
        let pool = try await TestMoneroPool.start()
        let rig = try await Self.rig([pool.url])
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.connection == .mining })
        #expect(await rig.snapshot.pool.map { abs($0.difficulty! - 4_294_967_295.0 / 429_496) < 1e-6 } == true)
        let login = try #require(pool.received.first)
        #expect(login.params["login"] == "wallet.rig1" && login.params["pass"] == "secret-pass")

        #expect(await rig.source.submit(try Self.share(job: "j1", nonce: 7)) == .accepted)
        let submit = try #require(pool.received.last { $0.method == "submit" })
        #expect(submit.params["nonce"] == "07000000" && submit.params["job_id"] == "j1")
        #expect(submit.params["result"] == String(repeating: "0", count: 64))
        #expect(await rig.source.submit(try Self.share(job: "j1", nonce: 7)) == .dropped(reason: "duplicate"))  // not sent

        // A new job for the same block: the pool still takes the old one's shares.
        pool.sendJob(id: "j2", target: "b88d0600")
        #expect(await TestStratumPool.eventually { rig.log.contains("new job j2") })
        #expect(await rig.source.submit(try Self.share(job: "j1", nonce: 8)) == .accepted)

        // A job for the next block voids them.
        pool.sendJob(id: "j3", target: "b88d0600", height: 3_000_001)
        #expect(await TestStratumPool.eventually { rig.log.contains("new job j3") })
        let sent = pool.received.count { $0.method == "submit" }
        #expect(await rig.source.submit(try Self.share(job: "j1", nonce: 9)) == .stale)
        #expect(await rig.source.submit(try Self.share(job: "j2", nonce: 9)) == .stale)

        // A share that is not its job's blob, or misses the target, is not sent either.
        var forged = try Self.share(job: "j3", nonce: 9)
        forged.input[0] ^= 1
        #expect(await rig.source.submit(forged) == .dropped(reason: "failed local verification"))
        let weak = try Self.share(job: "j3", nonce: 10, digest: Array(repeating: 0xff, count: 32))
        #expect(await rig.source.submit(weak) == .dropped(reason: "failed local verification"))
        #expect(pool.received.count { $0.method == "submit" } == sent)

        await rig.stop()
        await pool.stop()
        #expect(!rig.log.all.contains { $0.contains("secret-pass") })
    }

    @Test func failsOverWhenThePrimaryRefusesAndReturnsToIt() async throws {
        let closed = try await TestMoneroPool.start()
        let primaryPort = closed.port
        await closed.stop()
        let backup = try await TestMoneroPool.start()
        let rig = try await Self.rig([PoolURL(host: "127.0.0.1", port: primaryPort), backup.url])
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.connection == .mining })
        #expect(await rig.snapshot.pool?.isFailover == true)
        #expect(rig.log.contains("(failover)"))

        let primary = try await TestMoneroPool.start(port: primaryPort)
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.isFailover == false })
        #expect(await TestStratumPool.eventually { await rig.snapshot.pool?.connection == .mining })
        #expect(primary.connectionCount >= 1)
        await rig.stop()
        await primary.stop()
        await backup.stop()
        #expect(rig.log.contains("is back"))
    }

    /// The whole path: pool job → dataset for the seed (light mode) → two workers in their own nonce
    /// slices → shares the pool re-hashes with RandomX and accepts.
    @Test(.enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
    func lightModeSharesAreAcceptedEndToEnd() async throws {
        let verifier = try RandomXVerifier(seed: Hex.bytes(TestMoneroPool.seed))
        // Difficulty 0xffffffff / 0x33333333 = 5: a share every ~5 hashes.
        let pool = try await TestMoneroPool.start(loginTarget: "33333333", verifier: { verifier.hash($0) })
        let rig = try await Self.rig([pool.url], threads: 2)
        #expect(await TestStratumPool.eventually(180) { pool.accepted >= 6 })
        // Both workers found shares, each in its slice: the nonce's top byte (last hex pair) is the worker.
        #expect(await TestStratumPool.eventually(60) {
            Set(pool.received.filter { $0.method == "submit" }.compactMap { $0.params["nonce"]?.suffix(2) }) == ["00", "01"]
        })
        #expect(await TestStratumPool.eventually { await rig.snapshot.shares.accepted >= 6 })
        let snapshot = await rig.snapshot
        await rig.stop()
        await pool.stop()
        #expect(pool.rejected == 0, "\(pool.rejectReasons)")
        #expect(snapshot.pool?.connection == .mining)
        #expect(snapshot.pool?.latencySeconds != nil)
        #expect(snapshot.shares.hardwareErrors == 0)
        #expect(rig.log.all.contains { $0.hasPrefix("accepted (") && $0.contains(") diff 5 (") }, "\(rig.log.all)")
    }
}

/// A light-mode RandomX VM behind a lock, for the test pool's share checks.
final class RandomXVerifier: Sendable {
    private let vm: Mutex<RandomXVM>

    init(seed: [UInt8]) throws {
        let library = try RandomXLibrary.system.get()
        vm = Mutex(try RandomXVM(dataset: RandomXDataset(seed: seed, mode: .light, library: library)))
    }

    func hash(_ input: [UInt8]) -> [UInt8] { vm.withLock { $0.hash(input) } }
}
