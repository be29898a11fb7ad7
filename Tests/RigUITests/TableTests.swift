import Testing
@testable import RigUI

@Suite struct TableTests {
    let table = Table(
        columns: [
            .init("id", width: .fixed(2), alignment: .right),
            .init("core", width: .fixed(4), alignment: .right),
            .init("rate", width: .fill, alignment: .right),
            .init("name", width: .fill),
        ],
        rows: (0..<5).map { Table.Row(["\($0)", "\($0 * 2)", "\(1000 + $0)", "worker-\($0)"]) })

    @Test func headerRowsAlignmentAndTruncation() {
        var canvas = Canvas(width: 24, height: 4)
        table.draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines == [
            "id core    rate name    ",
            " 0    0    1000 worker-0",
            " 1    2    1001 worker-1",
            " 2    4    1002 worker-2",
        ])
        #expect(canvas[0, 0].style == Style(.title, attributes: .bold))
        var narrow = Canvas(width: 18, height: 2)
        table.draw(in: narrow.bounds, on: &narrow, glyphs: .ascii)
        #expect(narrow.lines == ["id core rate name ", " 0    0 1000 work~"])
    }

    @Test func scrollingClampsAndFollowsTheSelection() {
        var scrolled = table
        scrolled.firstRow = 10
        let rect = Rect(x: 0, y: 0, width: 24, height: 3)
        #expect(scrolled.clampedFirstRow(in: rect) == 3)
        scrolled.firstRow = 0
        scrolled.selectedRow = 4
        #expect(scrolled.clampedFirstRow(in: rect) == 3)
        var canvas = Canvas(width: 24, height: 3)
        scrolled.draw(in: rect, on: &canvas, glyphs: .unicode)
        #expect(canvas.lines[1...] == [" 3    6    1003 worker-3", " 4    8    1004 worker-4"])
        #expect(canvas[0, 2].style.background == .role(.selectedBackground))
        #expect(canvas[0, 1].style.background == nil)
    }

    @Test func columnFramesLeaveOneSpaceBetweenColumns() {
        let frames = table.columnFrames(in: Rect(x: 0, y: 0, width: 24, height: 4))
        #expect(frames.map(\.x) == [0, 3, 8, 16])
        #expect(frames.map(\.width) == [2, 4, 7, 8])
    }
}
