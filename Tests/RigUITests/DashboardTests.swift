import RigEngine
import RigRuntime
import RigSensors
import Synchronization
import Testing
@testable import RigUI

/// The dashboard loop on a `TextScreen` with scripted keys: which commands reach the engine and
/// what the next frame shows.
@Suite struct DashboardTests {
    /// What the loop sent, in order. A class so the `@Sendable` send closure can hold the `Mutex`.
    final class CommandLog: Sendable {
        private let commands = Mutex<[EngineCommand]>([])
        func append(_ command: EngineCommand) { commands.withLock { $0.append(command) } }
        var all: [EngineCommand] { commands.withLock { $0 } }
    }

    /// Themes from the package's own `./themes`, with no user directory in the way.
    static let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent/rigtop-tests", "HOME": "/nonexistent"],
                                    executablePath: nil, currentDirectory: DashboardFixtures.packageRoot)

    struct Harness {
        let log = CommandLog()
        let mailbox = RigStateBoard(DashboardFixtures.model().rig)
        var dashboard: Dashboard<TextScreen>

        init(size: TerminalSize = TerminalSize(columns: 80, rows: 24)) {
            mailbox.post(engine: DashboardFixtures.engine)
            mailbox.post(sensors: DashboardFixtures.sensors, meter: EnergyMeter())
            let log = self.log
            dashboard = Dashboard(
                screen: TextScreen(size: size), model: DashboardFixtures.model(), board: mailbox,
                themes: ThemeCycle(loader: DashboardTests.loader, initial: DashboardTests.loader.load("default")),
                keyTimeout: .zero, send: { log.append($0) })
        }

        /// Feeds `keys`, runs until they are handled and the frame after the last is drawn.
        mutating func press(_ keys: Key..., pendingSignal: () -> Int32 = { 0 }) -> Dashboard<TextScreen>.Exit {
            dashboard.screen.pendingKeys += keys
            return dashboard.run(maxIterations: keys.count + 2, pendingSignal: pendingSignal)
        }

        var lines: [String] { dashboard.screen.lines }
        var header: String { lines.first ?? "" }
        var sent: [EngineCommand] { log.all }
    }

    @Test func firstFrameShowsTheMailbox() {
        var harness = Harness()
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop BTC sha256d [sha-ni]"))
        var expected = DashboardFixtures.model()
        expected.energyJoules = 0  // the board takes the rig's energy meter; one sample gives none
        #expect(harness.lines == DashboardLayout.render(expected, size: TerminalSize(columns: 80, rows: 24)).lines)
        #expect(harness.sent.isEmpty)
    }

    @Test func ledgerTotalsPostedLaterReplaceTheStartingOnes() {
        var harness = Harness(size: TerminalSize(columns: 160, rows: 48))
        _ = harness.press()
        let later = LedgerTotals(today: .init(acceptedShares: 4321, value: 1.5), lifetime: .init(acceptedShares: 98765, value: 20),
                                 currency: "USD", path: "/tmp/ledger.sqlite")
        harness.mailbox.post(ledgerTotals: later)
        _ = harness.press()
        #expect(harness.lines.contains { $0.contains("today") && $0.contains("4321 sh") }, "\(harness.lines.joined(separator: "\n"))")
        #expect(harness.lines.contains { $0.contains("total") && $0.contains("98765 sh") })
    }

    @Test func digitSwitchesCoinAndTheHeaderShowsItAtOnce() {
        var harness = Harness()
        #expect(harness.press(.character("3")) == .quit)
        #expect(harness.sent == [.switchCoin(Coin.named("LTC")!)])
        // The SHA-NI kernel belongs to the old coin: no kernel until the engine reports one.
        #expect(harness.header.hasPrefix("rigtop LTC scrypt  benchmark"))

        // A snapshot taken before the engine switched must not flip the header back.
        harness.mailbox.post(engine: DashboardFixtures.engine)
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop LTC scrypt"))

        // Once the engine reports LTC, its snapshots rule again.
        var switched = DashboardFixtures.engine
        switched.coin = Coin.named("LTC")
        switched.algorithm = .scrypt
        switched.kernel = .scryptAVX2
        harness.mailbox.post(engine: switched)
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop LTC scrypt [avx2]"))
        harness.mailbox.post(engine: DashboardFixtures.engine)
        _ = harness.press()
        #expect(harness.header.hasPrefix("rigtop BTC sha256d"))
    }

    @Test func digitPastTheCoinListDoesNothing() {
        var harness = Harness()
        _ = harness.press(.character("9"))
        #expect(harness.sent.isEmpty)
        #expect(harness.header.hasPrefix("rigtop BTC"))
    }

    @Test func tabAndShiftTabCycleTheCoins() {
        var harness = Harness()
        _ = harness.press(.tab, .tab, .backTab, .backTab, .backTab)
        #expect(harness.sent.map(Self.symbol) == ["BCH", "LTC", "BCH", "BTC", "XMR"])
        #expect(harness.header.hasPrefix("rigtop XMR randomx"))
        _ = harness.press(.tab, .right, .left)
        #expect(harness.sent.map(Self.symbol).suffix(3) == ["BTC", "BCH", "BTC"])
    }

    @Test func plusAndMinusChangeTheThreadCount() {
        var harness = Harness()
        _ = harness.press(.character("+"), .character("-"), .character("="), .character("-"))
        #expect(harness.sent == [.addThread, .removeThread, .addThread, .removeThread])
    }

    @Test func pTogglesPause() {
        var harness = Harness()
        _ = harness.press(.character("p"))
        #expect(harness.sent == [.togglePause])
        #expect(harness.header.hasSuffix("paused "))
        _ = harness.press(.character("p"))
        #expect(harness.sent == [.togglePause, .togglePause])
        #expect(harness.dashboard.model.engine.state == .mining)
    }

    @Test func hOpensHelpAndEscapeClosesIt() {
        var harness = Harness()
        let helpTitle = "Help — Esc or h closes"
        _ = harness.press(.character("h"))
        #expect(harness.dashboard.model.showsHelp)
        #expect(harness.lines.contains { $0.contains(helpTitle) })
        // While help is open, command keys do nothing (the overlay is modal) but quit still quits.
        _ = harness.press(.character("+"), .character("3"))
        #expect(harness.sent.isEmpty)
        #expect(harness.dashboard.model.showsHelp)
        _ = harness.press(.escape)
        #expect(!harness.dashboard.model.showsHelp)
        #expect(!harness.lines.contains { $0.contains(helpTitle) })
        _ = harness.press(.character("?"), .character("h"))
        #expect(!harness.lines.contains { $0.contains(helpTitle) })
        _ = harness.press(.character("h"))
        #expect(harness.press(.character("q")) == .quit)
    }

    @Test func escapeWithoutHelpDoesNothing() {
        var harness = Harness()
        #expect(harness.dashboard.handle(.escape) == .none)
        #expect(harness.sent.isEmpty)
    }

    @Test func qQuitsBeforeLaterKeys() {
        var harness = Harness()
        #expect(harness.press(.character("q"), .character("+")) == .quit)
        #expect(harness.sent.isEmpty)
        #expect(harness.dashboard.screen.pendingKeys == [.character("+")])
        var other = Harness()
        #expect(other.dashboard.handle(.ctrlC) == .quit)
    }

    @Test func aPendingSignalEndsTheLoop() {
        var harness = Harness()
        #expect(harness.press(pendingSignal: { 15 }) == .signal(15))
        #expect(harness.dashboard.screen.frameCount == 0, "the signal is checked before drawing")

        // A signal arriving after a key: the key is handled, then the loop ends.
        var calls = 0
        var later = Harness()
        let exit = later.press(.character("+"), .character("-"), pendingSignal: {
            calls += 1
            return calls >= 2 ? 15 : 0
        })
        #expect(exit == .signal(15))
        #expect(later.sent == [.addThread])
    }

    @Test func unknownKeysDoNothing() {
        var harness = Harness()
        _ = harness.press()
        let before = harness.lines
        let keys: [Key] = [.character("x"), .character("P"), .character("0"), .function(12), .control("d"), .enter, .resize]
        for key in keys {
            #expect(harness.dashboard.handle(key) == .none, "\(key)")
        }
        _ = harness.press(.character("x"), .function(12), .resize, .control("d"))
        #expect(harness.sent.isEmpty)
        #expect(harness.lines == before)
        #expect(!harness.dashboard.model.showsHelp)
    }

    @Test func tCyclesTheThemes() {
        // 160 columns: at 80 the footer's keys leave no room for the theme name.
        var harness = Harness(size: TerminalSize(columns: 160, rows: 48))
        let names = Self.loader.availableThemeNames()
        #expect(names.first == "default")
        #expect(Set(["dracula", "gruvbox", "mono", "nord", "solarized-light"]).isSubset(of: names))
        _ = harness.press()
        #expect(harness.lines.last?.hasSuffix("theme default ") == true)
        var seen: [String] = []
        for _ in names {
            _ = harness.press(.character("t"))
            seen.append(harness.dashboard.model.themeName)
            #expect(harness.lines.last?.hasSuffix("theme \(seen.last!) ") == true)
        }
        #expect(seen == Array(names.dropFirst()) + ["default"])
        #expect(harness.sent.isEmpty)
        let notices = harness.dashboard.model.notices.map(\.text)
        #expect(notices == seen.suffix(notices.count).map { "theme \($0)" }, "every shipped theme loads cleanly")
    }

    @Test func arrowsScrollTheThreads() {
        // 40×12 shows 2 of the 4 threads: Down scrolls to the last full page and stops there, so
        // extra presses never pile up unseen.
        var harness = Harness(size: TerminalSize(columns: 40, rows: 12))
        #expect(DashboardLayout.visibleThreadRows(for: TerminalSize(columns: 40, rows: 12)) == 2)
        #expect(harness.dashboard.handle(.down) == .redraw)
        #expect(harness.dashboard.model.threadScroll == 1)
        for _ in 0..<5 { _ = harness.dashboard.handle(.down) }
        #expect(harness.dashboard.model.threadScroll == 2)
        _ = harness.dashboard.handle(.up)
        #expect(harness.dashboard.model.threadScroll == 1)
        for _ in 0..<5 { _ = harness.dashboard.handle(.up) }
        #expect(harness.dashboard.model.threadScroll == 0)
        // At 80×24 all four fit: nothing to scroll.
        var roomy = Harness()
        _ = roomy.dashboard.handle(.down)
        #expect(roomy.dashboard.model.threadScroll == 0)
    }

    static func symbol(_ command: EngineCommand) -> String {
        if case .switchCoin(let coin) = command { return coin.symbol }
        return "\(command)"
    }
}
