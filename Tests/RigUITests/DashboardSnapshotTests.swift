import Foundation
import RigEngine
import RigFigures
import RigSensors
import Testing
@testable import RigUI

/// Every panel on its own, and the whole frame at the sizes the style guide names (80×24, 160×48,
/// 39×11 "terminal too small") plus the folded layout (60×20, 40×12) and the help overlay, all
/// drawn from ``DashboardFixtures``. Re-record with `RECORD_SNAPSHOTS=1`.
@Suite struct DashboardSnapshotTests {
    /// `panel` drawn alone on a `width`×`height` canvas.
    static func draw(_ panel: some Panel, _ model: DashboardModel = DashboardFixtures.model(), width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        panel.draw(model, in: canvas.bounds, on: &canvas)
        return canvas
    }

    // MARK: Panels

    @Test func header() throws {
        let canvas = Self.draw(HeaderPanel(), width: 80, height: 1)
        try assertSnapshot(canvas.lines, named: "panel-header")
        #expect(canvas.lines[0].hasPrefix("rigtop BTC sha256d [sha-ni]  benchmark  up 1h02m  threads 4"))
        // A CPU verdict throttles, so the state reads "throttled", not "● mining".
        #expect(canvas.lines[0].hasSuffix("throttled "))
    }

    @Test func headerWhenCoolAndWhenPaused() throws {
        var model = DashboardFixtures.model(sensors: DashboardFixtures.coolSensors)
        #expect(Self.draw(HeaderPanel(), model, width: 80, height: 1).lines[0].hasSuffix("● mining "))
        model.engine.state = .paused
        #expect(Self.draw(HeaderPanel(), model, width: 80, height: 1).lines[0].hasSuffix("paused "))
        model.thermalGuard = "shedding a thread: 96°C"
        #expect(Self.draw(HeaderPanel(), model, width: 80, height: 1).lines[0].hasSuffix("shedding a thread: 96°C "))
    }

    /// Solo mining: the node, the height mined, the network difficulty and the blocks taken.
    @Test func headerWhenMiningSolo() {
        var model = DashboardFixtures.model(sensors: DashboardFixtures.coolSensors)
        // Difficulty 1 is 2^32 hashes a block: at 2^32 / 3600 H/s, one an hour.
        model.engine.hashrate = WindowedRate(tenSeconds: nil, sixtySeconds: 4_294_967_296.0 / 3600, fifteenMinutes: nil)
        var pool = PoolStatus(url: "solo http://127.0.0.1:9332", connection: .mining, difficulty: 1)
        pool.height = 2_901_234
        model.engine.pool = pool
        model.engine.blocks.record(.accepted)
        model.engine.blocks.record(.rejected(reason: "high-hash"))
        model.engine.blocks.note(shareDifficulty: 123_456_789)
        let line = Self.draw(HeaderPanel(), model, width: 160, height: 1).lines[0]
        #expect(line.contains("  solo http://127.0.0.1:9332 mining  height 2901234 diff 1 blocks 1 (1 rejected) best 123M a block every ~1h00m  up "), "\(line)")
    }

    @Test func headerKeepsTheStateOnNarrowTerminals() {
        var model = DashboardFixtures.model()
        #expect(Self.draw(HeaderPanel(), model, width: 40, height: 1).lines[0] == "rigtop BTC sha256d [sha-ni]   throttled ")
        model.engine.state = .paused
        model.sensors = DashboardFixtures.coolSensors
        #expect(Self.draw(HeaderPanel(), model, width: 60, height: 1).lines[0] == "rigtop BTC sha256d [sha-ni]  benchmark  up 1h02m     paused ")
    }

    @Test func kernelIsShownOnlyForItsAlgorithm() {
        var model = DashboardFixtures.model()
        model.engine.coin = Coin.named("LTC")
        model.engine.algorithm = .scrypt
        #expect(Self.draw(HeaderPanel(), model, width: 80, height: 1).lines[0].hasPrefix("rigtop LTC scrypt  benchmark"))
        #expect(!Self.draw(HashratePanel(), model, width: 44, height: 11).lines[0].contains("sha-ni"))
    }

    @Test func hashrateWindowsAreNeverCut() {
        // 38 columns inside: three windows fit with two-space gaps.
        let narrow = Self.draw(HashratePanel(), width: 40, height: 6)
        #expect(narrow.lines[1] == "│10s 1.23 MH/s  60s 1.20 MH/s  15m n/a │")
        // 30 inside: the 15m window is left out whole.
        let narrower = Self.draw(HashratePanel(), width: 32, height: 6)
        #expect(narrower.lines[1] == "│10s 1.23 MH/s  60s 1.20 MH/s  │")
    }

    @Test func hashrate() throws {
        let canvas = Self.draw(HashratePanel(), width: 44, height: 11)
        try assertSnapshot(canvas.lines, named: "panel-hashrate")
        #expect(canvas.lines[1].contains("10s 1.23 MH/s   60s 1.20 MH/s   15m n/a"))
    }

    @Test func threadsNarrow() throws {
        let canvas = Self.draw(ThreadsPanel(), width: 44, height: 11)
        try assertSnapshot(canvas.lines, named: "panel-threads")
        #expect(!canvas.lines[1].contains("15m"), "the 15m column needs 60 columns inside")
        // Thread 2 runs on cpu2, whose verdict throttles; the 4-column history has room for "THR…".
        #expect(canvas.lines[4].hasSuffix(" 3 THR…│"))
    }

    @Test func threadsWide() throws {
        let canvas = Self.draw(ThreadsPanel(), width: 80, height: 8)
        try assertSnapshot(canvas.lines, named: "panel-threads-wide")
        #expect(canvas.lines[1].contains("15m"))
        #expect(canvas.lines[2].contains("312 kH/s") && canvas.lines[2].contains("n/a"))
        // The sparkline stops short of the mark instead of covering it.
        #expect(canvas.lines[4].hasSuffix(" THROTTLED│"))
        #expect(!canvas.lines[3].contains("THROTTLED"))
    }

    @Test func threadsScrolled() throws {
        var model = DashboardFixtures.model()
        model.threadScroll = 1
        let canvas = Self.draw(ThreadsPanel(), model, width: 44, height: 5)
        try assertSnapshot(canvas.lines, named: "panel-threads-scrolled")
        #expect(canvas.lines[4].hasPrefix("└─────") && canvas.lines[4].hasSuffix("─2–3/4┘"), "the border stays")
    }

    @Test func thermals() throws {
        let canvas = Self.draw(ThermalsPanel(), width: 44, height: 14)
        try assertSnapshot(canvas.lines, named: "panel-thermals")
        #expect(canvas.lines[0].contains("THROTTLING"))
        #expect(canvas.lines[1].contains("THROTTLING: cpu2 core throttle count +3"))
        #expect(TextScreen.roleMap(canvas, role: .bad)[1].hasPrefix(" xxxxxxxxxxx"))
    }

    @Test func thermalsWithoutThrottling() throws {
        let canvas = Self.draw(ThermalsPanel(), DashboardFixtures.model(sensors: DashboardFixtures.coolSensors), width: 44, height: 14)
        try assertSnapshot(canvas.lines, named: "panel-thermals-cool")
        #expect(!canvas.lines.joined().contains("THROTTLING"))
    }

    /// A VM: no hwmon chips, CPUs without cpufreq. The panel says so and that the guard is off.
    @Test func thermalsWithNothingToRead() {
        var bare = DashboardFixtures.coolSensors
        bare.chips = []
        for index in bare.cpus.indices { bare.cpus[index].frequency = nil }
        let canvas = Self.draw(ThermalsPanel(), DashboardFixtures.model(sensors: bare), width: 44, height: 14)
        let text = canvas.lines.joined(separator: "\n")
        #expect(text.contains("no temperature or CPU frequency sensors"), "\(text)")
        #expect(text.contains("thermal guard off: nothing to read"))
    }

    @Test func thermalBarsAreColouredAgainstTheChipLimits() {
        let canvas = Self.draw(ThermalsPanel(), width: 44, height: 14)
        let package = canvas.lines.firstIndex { $0.contains("Package") }
        let hotCore = canvas.lines.firstIndex { $0.contains("Core 1") }
        #expect(package != nil && hotCore != nil)
        if let package, let hotCore {
            // 64 °C is under max − 10 (74 °C); 91 °C is past the 84 °C max, under the 100 °C crit.
            #expect(TextScreen.roleMap(canvas, role: .tempNormal)[package].contains("x"))
            #expect(TextScreen.roleMap(canvas, role: .tempHot)[hotCore].contains("x"))
            #expect(!TextScreen.roleMap(canvas, role: .tempCritical).joined().contains("x"))
        }
    }

    @Test func power() throws {
        let canvas = Self.draw(PowerPanel(), width: 40, height: 6)
        try assertSnapshot(canvas.lines, named: "panel-power")
        #expect(canvas.lines[1].contains("65.4 W") && canvas.lines[1].contains("measured"))
        // RAPL core is inside the package figure, so the mining power is the package alone.
        #expect(canvas.lines[3].contains("mining 65.4 W"))
    }

    @Test func powerBeforeTheFirstSample() throws {
        let canvas = Self.draw(PowerPanel(), DashboardFixtures.model(sensors: nil), width: 40, height: 6)
        #expect(canvas.lines[1].contains("reading sensors…"))
        let thermals = Self.draw(ThermalsPanel(), DashboardFixtures.model(sensors: nil), width: 40, height: 6)
        #expect(thermals.lines[1].contains("reading sensors…"))
    }

    @Test func earnings() throws {
        let canvas = Self.draw(EarningsPanel(), width: 44, height: 7)
        try assertSnapshot(canvas.lines, named: "panel-earnings")
        #expect(canvas.lines[1].contains("market $91,500 · diff 152T · 3.125/blk"))
        #expect(canvas.lines[5].contains("acc 6 rej 1 stale 0 found 7"))
    }

    @Test func footer() throws {
        let canvas = Self.draw(FooterPanel(), width: 80, height: 1)
        try assertSnapshot(canvas.lines, named: "panel-footer")
        // At 80 columns the coins and the keys fill the line: `t theme` and `Tab next` give way
        // whole, and so does the theme name; wider, they show.
        #expect(canvas.lines[0].hasPrefix("1 BTC  2 BCH  3 LTC  4 DOGE  5 XMR  +/- threads  p pause  h help  q quit"))
        #expect(!canvas.lines[0].contains("theme default"))
        #expect(Self.draw(FooterPanel(), width: 120, height: 1).lines[0]
            .hasSuffix("Tab next  +/- threads  p pause  t theme  h help  q quit               theme default "))
    }

    @Test func helpOverlay() throws {
        let canvas = Self.draw(HelpOverlay(), width: 80, height: 24)
        try assertSnapshot(canvas.lines, named: "panel-help")
        #expect(canvas.lines.joined().contains("coins: 1 BTC  2 BCH  3 LTC  4 DOGE  5 XMR"))
    }

    // MARK: The whole frame

    @Test(arguments: [(80, 24), (160, 48), (39, 11), (60, 20), (40, 12)])
    func layout(columns: Int, rows: Int) throws {
        let canvas = DashboardLayout.render(DashboardFixtures.model(), size: TerminalSize(columns: columns, rows: rows))
        try assertSnapshot(canvas.lines, named: "dashboard-\(columns)x\(rows)")
    }

    @Test func tooSmallSaysSo() {
        let canvas = DashboardLayout.render(DashboardFixtures.model(), size: TerminalSize(columns: 39, rows: 11))
        #expect(canvas.lines[4].trimmingCharacters(in: .whitespaces) == "terminal too small")
        #expect(canvas.lines[5].trimmingCharacters(in: .whitespaces) == "(need 40×12)")
    }

    @Test func collapsedLayoutKeepsTheEssentials() {
        let lines = DashboardLayout.render(DashboardFixtures.model(), size: TerminalSize(columns: 60, rows: 20)).lines
        #expect(lines[0].hasPrefix("rigtop BTC"))
        #expect(lines.contains { $0.contains("Hashrate") } && lines.contains { $0.contains("Threads") })
        #expect(!lines.contains { $0.contains("Thermals") || $0.contains("Power") || $0.contains("Earnings") })
    }

    @Test func help() throws {
        let model = DashboardFixtures.model(showsHelp: true)
        try assertSnapshot(DashboardLayout.render(model, size: TerminalSize(columns: 80, rows: 24)).lines, named: "dashboard-help-80x24")
        try assertSnapshot(DashboardLayout.render(model, size: TerminalSize(columns: 40, rows: 12)).lines, named: "dashboard-help-40x12")
    }

    @Test func ascii() throws {
        var model = DashboardFixtures.model()
        model.glyphs = .ascii
        try assertSnapshot(DashboardLayout.render(model, size: TerminalSize(columns: 80, rows: 24)).lines, named: "dashboard-80x24-ascii")
    }
}
