import Testing
@testable import RigUI

/// Draws with `draw` on a blank canvas and returns its lines.
private func render(width: Int, height: Int, _ draw: (inout Canvas) -> Void) -> [String] {
    var canvas = Canvas(width: width, height: height)
    draw(&canvas)
    return canvas.lines
}

@Suite struct BoxTests {
    @Test func unicodeBoxWithTitles() {
        let lines = render(width: 20, height: 4) { canvas in
            let inside = Box(title: "hashrate", trailingTitle: "10 s").draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
            #expect(inside == Rect(x: 1, y: 1, width: 18, height: 2))
        }
        #expect(lines == [
            "┌┤hashrate├──┤10 s├┐",
            "│                  │",
            "│                  │",
            "└──────────────────┘",
        ])
    }

    @Test func asciiBoxTruncatesALongTitleAndDropsTheTrailingOne() {
        let lines = render(width: 12, height: 3) { canvas in
            Box(title: "temperatures", trailingTitle: "3 chips").draw(in: canvas.bounds, on: &canvas, glyphs: .ascii)
        }
        #expect(lines == [
            "+[tempera~]+",
            "|          |",
            "+----------+",
        ])
    }

    @Test func tooSmallForAFrame() {
        var canvas = Canvas(width: 1, height: 1)
        let inside = Box(title: "x").draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(inside == canvas.bounds)
        #expect(canvas.lines == [" "])
    }

    @Test func borderAndTitleUseTheirRoles() {
        var canvas = Canvas(width: 10, height: 3)
        Box(title: "cpu", borderRole: .thermalsBox).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas[0, 0].style.foreground == .role(.thermalsBox))
        #expect(canvas[2, 0].style == Style(.title, attributes: .bold))
    }
}
