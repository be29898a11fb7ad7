import Testing
@testable import RigUI

@Suite struct SparklineTests {
    @Test func unicodeLevelsNewestAtTheRight() {
        let line = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8]).glyphs(width: 9, glyphs: .unicode)
        #expect(line == " ▁▂▃▄▅▆▇█")
    }

    @Test func shortHistoryIsRightAlignedAndLongHistoryKeepsTheNewest() {
        #expect(Sparkline(values: [4, 8]).glyphs(width: 4, glyphs: .unicode) == "  ▄█")
        #expect(Sparkline(values: [8, 8, 1, 2], maximum: 8).glyphs(width: 2, glyphs: .unicode) == "▁▂")
    }

    @Test func asciiFallbackAndFixedMaximum() {
        #expect(Sparkline(values: [1, 2, 4, 8, 16], maximum: 8).glyphs(width: 5, glyphs: .ascii) == ".:=@@")
    }

    @Test func drawsInItsRole() {
        var canvas = Canvas(width: 3, height: 1)
        Sparkline(values: [1, 2, 3]).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines == ["▃▆█"])
        #expect(canvas[0, 0].style.foreground == .role(.threadSparkline))
    }
}
