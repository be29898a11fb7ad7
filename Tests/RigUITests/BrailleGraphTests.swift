import Testing
@testable import RigUI

@Suite struct BrailleGraphTests {
    @Test func brailleFillsFromTheBottomWithALabelledScale() {
        var canvas = Canvas(width: 8, height: 2)
        // Scale 0...8 over 2 rows = 8 dot levels; 6 plot cells hold 12 samples, so 2 cells stay empty.
        BrailleGraph(values: [1, 2, 3, 4, 5, 6, 7, 8], maximum: 8).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines == [
            "8     ⣠⣾",
            "0   ⣠⣾⣿⣿",
        ])
        #expect(canvas[0, 0].style.foreground == .role(.graphText))
        #expect(canvas[7, 0].style.foreground == .role(.hashrateGraph))
    }

    @Test func missingHistoryIsBlankAtTheLeft() {
        var canvas = Canvas(width: 5, height: 1)
        BrailleGraph(values: [4, 4, 4], maximum: 4).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines == ["4  ⢸⣿"])
    }

    @Test func asciiFallbackUsesDotsColonsAndBars() {
        var canvas = Canvas(width: 7, height: 2)
        // 2 rows × 3 levels: 1 → ".", 2 → ":", 3 → "|", 6 → two bars.
        BrailleGraph(values: [0, 1, 2, 3, 4, 6], maximum: 6).draw(in: canvas.bounds, on: &canvas, glyphs: .ascii)
        #expect(canvas.lines == [
            "6    .|",
            "0 .:|||",
        ])
    }

    @Test func autoScaleLabelsAndAMiddleLabelOnOddHeights() {
        var canvas = Canvas(width: 10, height: 5)
        let graph = BrailleGraph(values: [1200, 9_000, 14_000])
        #expect(graph.scaleTop == 20_000)
        graph.draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines.map { String($0.prefix(4)) } == ["20k ", "    ", "10k ", "    ", "  0 "])
    }

    @Test(arguments: [(0.0, 0.0), (1, 1), (7, 10), (12_345, 20_000), (0.3, 0.5), (2.1, 2.5), (40, 50), (100, 100)])
    func niceCeiling(value: Double, expected: Double) {
        #expect(BrailleGraph.niceCeiling(value) == expected)
    }

    @Test(arguments: [(0.0, "0"), (2.5, "2.5"), (12, "12"), (1500, "1.5k"), (20_000, "20k"), (3_400_000, "3.4M")])
    func defaultLabels(value: Double, expected: String) {
        #expect(BrailleGraph.defaultLabel(value) == expected)
    }

    @Test func tooNarrowForAScaleDrawsOnlyTheGraph() {
        var canvas = Canvas(width: 2, height: 1)
        BrailleGraph(values: [1, 1, 1, 1], maximum: 1000).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines == ["⣀⣀"])
    }
}
