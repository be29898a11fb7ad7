import RigEngine
import RigFigures
import RigRuntime
import RigSensors
import RigTestSupport
import Testing
@testable import RigUI

/// The whole dashboard over the real sysfs trees in `../shared/fixtures` at 80×24, 120×40 and
/// 200×60, read as a person reads it: every label the tree holds whole wherever the panel has
/// room for it, chips of one name told apart, no figure in exponent form, nothing cut in the
/// right column. Snapshots for node_exporter, the telegraf Ryzen and LACT's Intel B580.
@Suite(.enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct FixtureDashboardTests {
    static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 200, rows: 60)]
    static let snapshotted = ["node_exporter", "telegraf-ryzen-nvme", "lact-amdgpu/intel-b580"]
    static let fixtures = snapshotted + ["telegraf-ryzen-nvme-general", "lact-amdgpu/rx580", "lact-amdgpu/rx7900xtx",
                                         "lact-amdgpu/phoenix", "issue-barista-247"]

    /// The fixture frame over `name`'s tree, its market data 11 days old.
    static func model(_ name: String) -> DashboardModel {
        let sampler = SensorSampler(root: FixtureTree.root(name), loadNVML: false)
        _ = sampler.sample(monotonicSeconds: 100)
        var model = DashboardFixtures.model(sensors: sampler.sample(monotonicSeconds: 101))
        model.wallClockAtStart = CivilDate.unixSeconds(Coin.snapshotDate)! + 11 * 86_400 - model.engine.uptime + 60
        return model
    }

    /// The text inside `rect` of `canvas`, one string per row.
    static func text(in rect: Rect, of canvas: Canvas) -> [String] {
        (rect.y..<rect.maxY).map { y in String((rect.x..<rect.maxX).compactMap { x in canvas[x, y].isContinuation ? nil : canvas[x, y].character }) }
    }

    static func rect(of panel: DashboardPanel, at size: TerminalSize) -> Rect? {
        DashboardLayout.placements(for: size).first { $0.0.kind == panel }?.1
    }

    static func exponent(in text: String) -> String? {
        text.range(of: #"\d(\.\d+)?[eE][+-]?\d"#, options: .regularExpression).map { String(text[$0]) }
    }

    @Test(arguments: snapshotted, sizes)
    func snapshot(name: String, size: TerminalSize) throws {
        let canvas = DashboardLayout.render(Self.model(name), size: size)
        let file = name.replacingOccurrences(of: "/", with: "-")
        try assertSnapshot(canvas.lines, named: "fixture-\(file)-\(size.columns)x\(size.rows)")
    }

    @Test(arguments: fixtures, sizes)
    func noFigureIsInExponentForm(name: String, size: TerminalSize) {
        var model = Self.model(name)
        // A slow CPU on BTC earns a few billionths of a dollar a day: the case that used exponents.
        model.engine.hashrate = WindowedRate(tenSeconds: 12_345, sixtySeconds: 12_345)
        for coin in Coin.builtIn {
            model.engine.coin = coin
            let screen = DashboardLayout.render(model, size: size).lines.joined(separator: "\n")
            #expect(Self.exponent(in: screen) == nil, "\(name) \(size) \(coin.symbol): \(Self.exponent(in: screen) ?? "")")
        }
    }

    /// Every temperature and fan label the tree holds is on screen whole, on some page of the
    /// thermals panel, unless it is longer than the label column's limit (two fifths of the panel).
    @Test(arguments: fixtures, sizes)
    func labelsAreWholeWhileThePanelHasRoom(name: String, size: TerminalSize) throws {
        var model = Self.model(name)
        let sample = try #require(model.sensors)
        let rect = try #require(Self.rect(of: .thermals, at: size))
        let limit = (rect.width - 2) * 2 / 5
        var seen: [String] = []
        let last = DashboardLayout.maxScroll(.thermals, model: model, size: size)
        var scroll = 0
        while true {
            model.thermalsScroll = scroll
            seen += Self.text(in: rect, of: DashboardLayout.render(model, size: size))
            if scroll >= last { break }
            scroll = min(last, scroll + 3)
        }
        let screen = seen.joined(separator: "\n")
        for chip in sample.chips {
            let channels = chip.channels.filter { $0.kind == .temp || $0.kind == .fan }
            for channel in channels {
                var label = SensorLabel.display(channel.displayName)
                // Two channels of one label are written with their ids: `foosensor temp1`.
                if channels.filter({ $0.displayName == channel.displayName }).count > 1 { label += " " + channel.id }
                guard TextWidth.width(of: label) <= limit else { continue }
                #expect(screen.contains(" " + label + " "), "\(name) \(size): \(chip.name) \(channel.id) '\(label)' not shown whole")
            }
        }
        #expect(!screen.contains("Physical id"), "coretemp's package label reads 'Package N'")
        // Chips that share a name carry their device: two coretemp packages, two nvme drives.
        for chip in sample.chips where sample.chips.filter({ $0.name == chip.name }).count > 1
            && chip.channels.contains(where: { $0.kind == .temp || $0.kind == .fan }) {
            let device = try #require(chip.device?.pciSlot ?? chip.device?.name)
            #expect(screen.contains(device), "\(name) \(size): \(chip.name) on \(device) is not told apart")
        }
    }

    /// The right column (thermals, power, earnings) cuts nothing: rows say things a shorter way
    /// instead.
    @Test(arguments: fixtures, sizes)
    func theRightColumnCutsNothing(name: String, size: TerminalSize) throws {
        let canvas = DashboardLayout.render(Self.model(name), size: size)
        for panel in [DashboardPanel.thermals, .power, .earnings] {
            let rect = try #require(Self.rect(of: panel, at: size))
            for line in Self.text(in: rect, of: canvas) {
                #expect(!line.contains("…"), "\(name) \(size) \(panel): \(line)")
            }
        }
        let earnings = Self.text(in: try #require(Self.rect(of: .earnings, at: size)), of: canvas).joined()
        #expect(earnings.contains("stale market data: 11 days old") || earnings.contains("stale: 11 days old"))
    }

    @Test func nodeExporterReadsAsAPersonExpects() throws {
        var model = Self.model("node_exporter")
        model.focusedPanel = .thermals
        let size = TerminalSize(columns: 120, rows: 40)
        let rect = try #require(Self.rect(of: .thermals, at: size))
        let first = Self.text(in: rect, of: DashboardLayout.render(model, size: size))
        #expect(first[1].contains("coretemp.0"))
        #expect(first[2].contains(" Package 0 "))
        #expect(first.contains { $0.contains("coretemp.1") })
        #expect(first.last?.contains("1–18/30") == true, "\(first.last ?? "")")
        model.thermalsScroll = DashboardLayout.maxScroll(.thermals, model: model, size: size)
        let last = Self.text(in: rect, of: DashboardLayout.render(model, size: size))
        #expect(last.contains { $0.contains("hwmon4") })
        #expect(last.contains { $0.contains(" foosensor temp1 ") } && last.contains { $0.contains(" foosensor temp2 ") })
        #expect(last.contains { $0.hasPrefix("│cpu3 ") })
    }
}
