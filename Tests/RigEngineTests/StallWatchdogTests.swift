import Testing
@testable import RigEngine

/// The stats actor says when threads with a job do not hash: counters still for 10 s.
@Suite struct StallWatchdogTests {
    @Test func countersThatStandStillWithAJobAreReportedAndClearedWhenTheyMove() async {
        let clock = ManualClock()
        let counters = ManualCounters()
        let stats = EngineStats(source: counters, clock: clock)
        await stats.updateContext { $0.state = .mining }
        counters.set(threads: [0, 0])
        for _ in 0..<10 {
            #expect(await stats.sample().hashingStalledSeconds == nil)
            clock.advance(by: 1)
        }
        let stalled = await stats.sample()
        #expect(stalled.hashingStalledSeconds == 10)
        #expect(stalled.notice == "no hashes for 10 s with a job and 2 threads")
        counters.set(threads: [5, 0])
        clock.advance(by: 1)
        let moving = await stats.sample()
        #expect(moving.hashingStalledSeconds == nil)
        #expect(moving.notice == nil)
    }

    @Test func pausedOrWaitingWithoutAPoolIsNotAStall() async {
        let clock = ManualClock()
        let counters = ManualCounters()
        let stats = EngineStats(source: counters, clock: clock)
        counters.set(threads: [0])
        await stats.updateContext { $0.state = .paused }
        for _ in 0..<15 { await stats.sample(); clock.advance(by: 1) }
        #expect(await stats.sample().hashingStalledSeconds == nil)
        await stats.updateContext { $0.state = .waitingForWork }
        for _ in 0..<15 { await stats.sample(); clock.advance(by: 1) }
        #expect(await stats.sample().hashingStalledSeconds == nil)
        // A connected pool that sends no job is worth saying.
        await stats.updateContext { $0.pool = PoolStatus(url: "stratum+tcp://pool:3333", connection: .connected) }
        for _ in 0..<11 { await stats.sample(); clock.advance(by: 1) }
        #expect(await stats.sample().notice?.hasPrefix("pool connected but no job") == true)
    }
}
