import RigSensors
import RigTestSupport
import Testing
@testable import RigUI

/// Layout properties over many terminal sizes: rendering never traps, the frame is exactly the
/// terminal, and panels stay on screen without overlapping.
@Suite struct DashboardLayoutTests {
    static let widths = [0, 1, 2, 3, 5, 10, 20, 38, 39, 40, 41, 59, 60, 61, 79, 80, 81, 100, 120, 159, 160, 161, 200, 249, 250]
    static let heights = [0, 1, 2, 3, 5, 10, 11, 12, 13, 20, 23, 24, 25, 39, 40, 41, 48, 60, 79, 80]
    /// Sizes on either side of each threshold, named in the brief.
    static let named = [(1, 1), (39, 12), (40, 11), (39, 11), (40, 12), (79, 23), (79, 24), (80, 23), (80, 24), (250, 80)]

    static func check(_ size: TerminalSize, _ model: DashboardModel) {
        let canvas = DashboardLayout.render(model, size: size)
        #expect(canvas.width == size.columns && canvas.height == size.rows, "canvas for \(size)")
        #expect(canvas.lines.count == size.rows)
        #expect(canvas.lines.allSatisfy { TextWidth.width(of: $0) == size.columns }, "a row of \(size) is not \(size.columns) wide")

        let screen = size.bounds
        let rects = DashboardLayout.placements(for: size).map(\.1).filter { !$0.isEmpty }
        for rect in rects {
            #expect(rect.x >= 0 && rect.y >= 0 && rect.maxX <= screen.maxX && rect.maxY <= screen.maxY,
                    "\(rect) leaves the \(size) screen")
        }
        for (i, a) in rects.enumerated() {
            for b in rects[(i + 1)...] {
                #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b) at \(size)")
            }
        }
    }

    @Test(arguments: widths)
    func everyHeight(columns: Int) {
        let model = DashboardFixtures.model()
        for rows in Self.heights { Self.check(TerminalSize(columns: columns, rows: rows), model) }
    }

    @Test func namedSizes() {
        var help = DashboardFixtures.model(showsHelp: true)
        for (columns, rows) in Self.named {
            Self.check(TerminalSize(columns: columns, rows: rows), DashboardFixtures.model())
            Self.check(TerminalSize(columns: columns, rows: rows), help)
        }
        help.glyphs = .ascii
        help.sensors = nil
        for (columns, rows) in Self.named { Self.check(TerminalSize(columns: columns, rows: rows), help) }
    }

    @Test func negativeSizesGiveAnEmptyFrame() {
        let canvas = DashboardLayout.render(DashboardFixtures.model(), size: TerminalSize(columns: -3, rows: -1))
        #expect(canvas.width == 0 && canvas.height == 0)
    }

    @Test func thresholdsPickTheLayout() {
        func panels(_ columns: Int, _ rows: Int) -> [String] {
            DashboardLayout.placements(for: TerminalSize(columns: columns, rows: rows)).map { String(describing: type(of: $0.0)) }
        }
        let full = ["HeaderPanel", "FooterPanel", "HashratePanel", "ThreadsPanel", "ThermalsPanel", "PowerPanel", "EarningsPanel"]
        let folded = ["HeaderPanel", "FooterPanel", "HashratePanel", "ThreadsPanel"]
        #expect(panels(80, 24) == full)
        #expect(panels(250, 80) == full)
        #expect(panels(79, 24) == folded)
        #expect(panels(80, 23) == folded)
        #expect(panels(40, 12) == folded)
    }

    @Test func everyPanelIsDrawnAtTheFullLayout() {
        let lines = DashboardLayout.render(DashboardFixtures.model(), size: TerminalSize(columns: 80, rows: 24)).lines
        for title in ["Hashrate", "Threads", "Thermals", "Power", "Earnings"] {
            #expect(lines.contains { $0.contains("┤" + title + "├") }, "\(title) missing")
        }
        #expect(lines[0].hasPrefix("rigtop ") && lines[23].hasPrefix("1 BTC  2 BCH"))
    }

    /// The real trees from `../shared/fixtures`, sampled twice a second apart, drawn at both
    /// reference sizes: whatever a real machine publishes must fit the frame.
    @Test(.enabled(if: FixtureTree.available, FixtureTree.missingMessage),
          arguments: ["node_exporter", "procfs", "telegraf-ryzen-nvme", "lact-amdgpu/rx7900xtx", "lact-amdgpu/intel-b580", "issue-barista-247"])
    func realFixtureTrees(name: String) {
        let sampler = SensorSampler(root: FixtureTree.root(name), loadNVML: false)
        _ = sampler.sample(monotonicSeconds: 100)
        let model = DashboardFixtures.model(sensors: sampler.sample(monotonicSeconds: 101))
        for size in [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 160, rows: 48), TerminalSize(columns: 40, rows: 12)] {
            Self.check(size, model)
        }
        let lines = DashboardLayout.render(model, size: TerminalSize(columns: 160, rows: 48)).lines
        if let chip = model.sensors?.chips.first(where: { $0.channels.contains { $0.kind == .temp || $0.kind == .fan } }) {
            #expect(lines.contains { $0.contains(chip.name) }, "\(chip.name) not shown for \(name)")
        }
    }
}
