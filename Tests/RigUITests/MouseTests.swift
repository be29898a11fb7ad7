import RigEngine
import Testing
@testable import RigUI

/// Mouse events through the key-binding layer: what is under a cell, what a click or a wheel
/// step does there, and that `--no-mouse` bindings ignore them.
@Suite struct MouseTests {
    typealias Harness = DashboardTests.Harness
    static let size = TerminalSize(columns: 80, rows: 24)

    static func click(_ column: Int, _ row: Int) -> Key { .mouse(MouseEvent(.left, column: column, row: row)) }
    static func wheel(down: Bool, _ column: Int, _ row: Int) -> Key {
        .mouse(MouseEvent(down ? .wheelDown : .wheelUp, column: column, row: row))
    }

    /// The column of `text` on the last row of the frame.
    static func footerColumn(of text: String, in lines: [String]) throws -> Int {
        let footer = try #require(lines.last)
        let range = try #require(footer.range(of: text), "\(text) not in the footer: \(footer)")
        return footer.distance(from: footer.startIndex, to: range.lowerBound)
    }

    @Test func theFooterListsTheCoinsAndAClickMinesOne() throws {
        var harness = Harness()
        _ = harness.press()
        #expect(harness.lines.last?.hasPrefix("1 BTC  2 BCH  3 LTC  4 DOGE  5 XMR") == true, "\(harness.lines.last ?? "")")
        let ltc = try Self.footerColumn(of: "LTC", in: harness.lines)
        _ = harness.press(Self.click(ltc, Self.size.rows - 1))
        #expect(harness.sent.map(DashboardTests.symbol) == ["LTC"])
        #expect(harness.header.hasPrefix("rigtop LTC scrypt"))
        // The key half of an item ("4") works as well as its name.
        let four = try Self.footerColumn(of: "4 DOGE", in: harness.lines)
        _ = harness.press(Self.click(four, Self.size.rows - 1))
        #expect(harness.sent.map(DashboardTests.symbol) == ["LTC", "DOGE"])
    }

    @Test func clicksBetweenCoinsOrOnTheHeaderDoNothing() throws {
        var harness = Harness()
        _ = harness.press()
        let gap = try Self.footerColumn(of: "BTC", in: harness.lines) + 4  // the two spaces after "BTC"
        #expect(harness.dashboard.handle(Self.click(gap, Self.size.rows - 1)) == .none)
        #expect(harness.dashboard.handle(Self.click(5, 0)) == .none)
        #expect(harness.dashboard.handle(.mouse(MouseEvent(.right, column: 2, row: Self.size.rows - 1))) == .none)
        #expect(harness.sent.isEmpty)
    }

    @Test func clickingATitleFocusesThePanelAndTheArrowsScrollIt() throws {
        var harness = Harness()
        _ = harness.press()
        #expect(harness.dashboard.model.focusedPanel == .threads)
        let row = try #require(harness.lines.firstIndex { $0.contains("┤Thermals├") })
        let column = try #require(harness.lines[row].range(of: "Thermals")).lowerBound.utf16Offset(in: harness.lines[row])
        _ = harness.press(Self.click(column, row))
        #expect(harness.dashboard.model.focusedPanel == .thermals)
        // The fixture's thermals have 10 rows and 7 fit at 80×24 under the THROTTLING notice.
        _ = harness.press(.down, .down, .down, .down, .down)
        #expect(harness.dashboard.model.thermalsScroll == 3)
        #expect(harness.dashboard.model.threadScroll == 0)
        #expect(harness.lines[row + 9].contains("4–10/10"), "\(harness.lines[row + 9])")
        _ = harness.press(.up)
        #expect(harness.dashboard.model.thermalsScroll == 2)
    }

    @Test func theWheelScrollsThePanelUnderIt() {
        // 40×12: two of the four threads fit.
        let small = TerminalSize(columns: 40, rows: 12)
        var harness = Harness(size: small)
        _ = harness.press()
        let threadsRow = harness.lines.firstIndex { $0.contains("Threads") }!
        _ = harness.press(Self.wheel(down: true, 10, threadsRow + 2))
        #expect(harness.dashboard.model.threadScroll == 2, "one wheel step is three rows, limited to the last page")
        _ = harness.press(Self.wheel(down: false, 10, threadsRow + 2))
        #expect(harness.dashboard.model.threadScroll == 0)
        // Over the hashrate panel the wheel does nothing.
        #expect(harness.dashboard.handle(Self.wheel(down: true, 10, 3)) == .none)
    }

    @Test func clickingAThreadRowHighlightsItAndAgainClearsIt() throws {
        var harness = Harness()
        _ = harness.press()
        let row = try #require(harness.lines.firstIndex { $0.hasPrefix("│  2    2") })
        _ = harness.press(Self.click(5, row))
        #expect(harness.dashboard.model.highlightedThread == 2)
        let canvas = try #require(harness.dashboard.screen.lastCanvas)
        #expect(canvas[5, row].style.background == .role(.selectedBackground))
        #expect(canvas[5, row - 1].style.background != .role(.selectedBackground))
        _ = harness.press(Self.click(5, row))
        #expect(harness.dashboard.model.highlightedThread == nil)
        // The header row of the table is no thread.
        #expect(harness.dashboard.handle(Self.click(5, row - 3)) == .none)
    }

    @Test func aClickClosesTheHelpOverlay() {
        var harness = Harness()
        _ = harness.press(.character("h"))
        #expect(harness.dashboard.model.showsHelp)
        _ = harness.press(Self.click(40, 12))
        #expect(!harness.dashboard.model.showsHelp)
        #expect(harness.sent.isEmpty, "the click only closed the overlay")
    }

    @Test func withoutMouseBindingsClicksDoNothing() throws {
        var harness = Harness()
        harness.dashboard.model.bindings = KeyBindings.default.withoutMouse
        _ = harness.press()
        let ltc = try Self.footerColumn(of: "LTC", in: harness.lines)
        #expect(harness.dashboard.handle(Self.click(ltc, Self.size.rows - 1)) == .none)
        #expect(harness.sent.isEmpty)
        #expect(!KeyBindings.default.withoutMouse.helpLines().contains { $0.hasPrefix("click") || $0.hasPrefix("wheel") })
    }

    @Test func helpListsTheMouse() {
        let lines = KeyBindings.default.helpLines()
        for expected in ["click a coin (footer)", "click a panel title", "click a thread row", "wheel"] {
            #expect(lines.contains { $0.hasPrefix(expected + " ") }, "\(expected) missing from help")
        }
        #expect(lines.contains { $0.hasPrefix("click a coin (footer)") && $0.hasSuffix("mine that coin") })
        #expect(lines.filter { $0.hasPrefix("wheel") }.count == 1)
    }

    @Test func targetsFollowTheLayout() {
        let model = DashboardFixtures.model()
        #expect(DashboardLayout.target(column: 50, row: 1, model: model, size: Self.size) == .panelTitle(.thermals))
        #expect(DashboardLayout.target(column: 10, row: 1, model: model, size: Self.size) == .panelTitle(.hashrate))
        #expect(DashboardLayout.target(column: 10, row: 0, model: model, size: Self.size) == nil)
        #expect(DashboardLayout.target(column: 0, row: 23, model: model, size: Self.size) == .coin(index: 0))
        // Too small: nothing is clickable.
        #expect(DashboardLayout.target(column: 0, row: 10, model: model, size: TerminalSize(columns: 39, rows: 11)) == nil)
    }
}
