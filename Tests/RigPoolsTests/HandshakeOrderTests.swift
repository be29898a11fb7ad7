import Testing
@testable import RigEngine
@testable import RigPools

/// The Stratum client delivers `.subscribed` from its handshake task and notifications from its
/// reader, so a pool that pushes `mining.notify` right behind the subscribe reply can have the job
/// handled before the extranonce is known. The job must still reach the workers.
@Suite struct HandshakeOrderTests {
    @Test func aNotifyHandledBeforeTheSubscribeReplyIsStillMined() async throws {
        let source = PoolWorkSource(pools: [PoolURL(host: "127.0.0.1", port: 1)], algorithm: .sha256d,
                                    user: "u", password: "p", timing: .fast)
        let engine = MiningEngine(configuration: .init(
            coin: try #require(Coin.named("BTC")), threads: 1, kernels: KernelChoice([.sha256d: .sha256dGeneric]),
            pinThreads: false, workSource: { _, _ in source }))
        // No engine.start(): no connection loop, the events below are the only ones.
        engine.pool.setThreadCount(1)
        source.state.withLock { $0.sink = WorkSink(engine: engine) }
        _ = source.beginConnection(to: source.pools[0], onFailover: false)
        let connection = source.state.withLock { $0.connection }
        let job = try StratumJob(notifyParams: StratumJobTests.block1Notify)

        await source.handle(.job(job), connection: connection)  // the reader wins the race
        #expect(engine.pool.board.current().job == nil, "no extranonce yet: nothing to hash")
        await source.handle(.subscribed(StratumExtranonce(extranonce1: [1, 2, 3, 4], extranonce2Size: 4)),
                            connection: connection)
        await source.handle(.authorized, connection: connection)

        #expect(engine.pool.board.current().job?.id == job.id)
        #expect(await TestStratumPool.eventually(5) { engine.pool.readCounters().totalHashes > 0 })
        engine.pool.stopAll()
    }
}

/// Many starts against a pool that pushes its job with the subscribe reply: every one must hash.
@Suite(.serialized) struct RepeatedStartTests {
    @Test func everyStartOnPoolWorkHashes() async throws {
        let pool = try await TestStratumPool.start(difficulty: 1e6)  // no shares: only hashing is checked
        pool.pushJobOnSubscribe(true)
        let coin = try #require(Coin.named("BTC"))
        var stalled: [Int] = []
        for attempt in 0..<50 {
            let source = PoolWorkSource(pools: [pool.url], algorithm: .sha256d, user: "u", password: "p", timing: .fast)
            let engine = MiningEngine(configuration: .init(
                coin: coin, threads: 2, kernels: KernelChoice([.sha256d: .sha256dGeneric]), pinThreads: false,
                workSource: { _, _ in source }))
            await engine.start()
            if !(await TestStratumPool.eventually(30) { engine.pool.readCounters().totalHashes > 0 }) {
                stalled.append(attempt)
            }
            await engine.stop(drainSeconds: 0)
            _ = await TestStratumPool.eventually(5) { pool.openConnections == 0 }
        }
        await pool.stop()
        #expect(stalled.isEmpty, "no hashing in starts \(stalled)")
    }
}
