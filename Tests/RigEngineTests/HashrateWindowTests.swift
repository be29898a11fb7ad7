import Testing
@testable import RigEngine

@Suite("HashrateWindow and EngineStats window maths")
struct HashrateWindowTests {
    @Test("a window has no rate until samples span it")
    func notAvailableUntilFilled() {
        var window = HashrateWindow()
        for second in 0..<10 { window.record(hashes: UInt64(second) * 100, at: Double(second)) }
        #expect(window.rate(over: 10) == nil)  // 9 s of data
        window.record(hashes: 1000, at: 10)
        #expect(window.rate(over: 10) == 100)
        #expect(window.rate(over: 60) == nil)
    }

    @Test("rates over 10 s, 60 s and 15 min follow a changing speed")
    func changingSpeed() {
        var window = HashrateWindow()
        var hashes: UInt64 = 0
        for second in 0...900 {
            window.record(hashes: hashes, at: Double(second))
            hashes += second < 850 ? 1000 : 4000  // speeds up for the last 50 s
        }
        #expect(window.rate(over: 10) == 4000)
        let sixty = try! #require(window.rate(over: 60))
        #expect(abs(sixty - (10 * 1000 + 50 * 4000) / 60.0) < 1e-9)
        let fifteen = try! #require(window.rate(over: 900))
        #expect(abs(fifteen - (850 * 1000 + 50 * 4000) / 900.0) < 1e-9)
    }

    @Test("a counter that goes backwards restarts the window")
    func counterReset() {
        var window = HashrateWindow()
        for second in 0...20 { window.record(hashes: UInt64(second) * 10, at: Double(second)) }
        window.record(hashes: 5, at: 21)
        #expect(window.rate(over: 10) == nil)
    }

    @Test("the stats actor publishes per-thread and total rates with an injected clock")
    func statsActor() async {
        let clock = ManualClock()
        let counters = ManualCounters()
        let stats = EngineStats(source: counters, clock: clock)
        var perThread: [UInt64] = [0, 0]
        for _ in 0...60 {
            counters.set(threads: perThread)
            await stats.sample()
            clock.advance(by: 1)
            perThread[0] += 300
            perThread[1] += 100
        }
        let snapshot = await stats.latest
        #expect(snapshot.hashrate.tenSeconds == 400)
        #expect(snapshot.hashrate.sixtySeconds == 400)
        #expect(snapshot.hashrate.fifteenMinutes == nil)
        #expect(snapshot.threads.map(\.hashrate.tenSeconds) == [300, 100])
        #expect(snapshot.history.values.count == 60)
        #expect(snapshot.history.values.allSatisfy { $0 == 400 })
        #expect(abs(snapshot.uptime - 60) < 1e-9)
    }
}
