import RigEngine
import RigRuntime
import Testing
@testable import RigUI

/// The dashboard over a watched miner: the header names the miner and says plainly when it is
/// down or hashing 0, and keys the runtime refuses are not shown as done.
@Suite struct WatchedMinerDashboardTests {
    static func harness(_ change: (inout WatchedMinerStatus) -> Void) -> DashboardTests.Harness {
        let harness = DashboardTests.Harness(size: TerminalSize(columns: 120, rows: 30))
        harness.mailbox.update { state in
            var miner = WatchedMinerStatus(url: "xmrig://127.0.0.1:8080")
            miner.software = "xmrig 6.26.0"
            miner.algorithm = "rx/0"
            miner.phase = .mining
            change(&miner)
            state.miner = miner
            state.engine.coin = Coin.named("XMR")
            state.engine.algorithm = .randomx
            state.engine.kernel = nil
        }
        return harness
    }

    @Test func headerNamesTheMinerAndItsAlgorithm() {
        var harness = Self.harness { _ in }
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop XMR rx/0  xmrig://127.0.0.1:8080 (xmrig 6.26.0)"), "\(harness.header)")
        // The fixture's CPUs throttle: this machine's throttling shows over a watched miner too.
        #expect(harness.header.hasSuffix(" throttled "), "\(harness.header)")
    }

    @Test func notReadYetNamesTheMinerOnly() {
        var harness = Self.harness {
            $0.software = nil
            $0.algorithm = nil
            $0.phase = .reading
        }
        harness.mailbox.update { $0.engine.coin = nil }
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop xmrig://127.0.0.1:8080  "), "\(harness.header)")
    }

    @Test func downAndHashingZeroSayWhy() {
        var down = Self.harness {
            $0.phase = .down
            $0.statement = "down: connection refused · last read 12 s ago"
        }
        _ = down.press()
        #expect(down.header.hasSuffix("down: connection refused · last read 12 s ago "), "\(down.header)")

        var zero = Self.harness {
            $0.phase = .hashingZero
            $0.statement = "hashing 0 H/s"
        }
        _ = zero.press()
        #expect(zero.header.hasSuffix("hashing 0 H/s "), "\(zero.header)")
    }

    @Test func refusedKeysAreSentButNotShownAsDone() {
        var harness = Self.harness { $0.pauseRefusal = "cgminer's API has no pause for the whole miner" }
        _ = harness.press(.character("3"), .character("p"))
        #expect(harness.sent.count == 2, "the runtime answers them with the reason")
        #expect(harness.header.hasPrefix("rigtop XMR rx/0"), "no pending coin switch: \(harness.header)")
        #expect(harness.dashboard.model.engine.state != .paused)
    }
}
