import Testing
@testable import RigUI

/// Every widget together in a 48×14 box, as a panel would lay them out: a regression snapshot of
/// how they look side by side, in Unicode and ASCII.
@Suite struct WidgetGalleryTests {
    static func gallery(glyphs: GlyphSet) -> Canvas {
        var canvas = Canvas(width: 48, height: 14)
        let inside = Box(title: "rig-01", trailingTitle: "4 threads", borderRole: .hashrateBox)
            .draw(in: canvas.bounds, on: &canvas, glyphs: glyphs)
        let rows = inside.split(rows: [.fixed(4), .fixed(1), .fixed(1), .fill])
        let history: [Double] = (0..<80).map { 9_000 + 3_000 * Double(($0 * 7) % 11) / 10 }
        BrailleGraph(values: history).draw(in: rows[0], on: &canvas, glyphs: glyphs)
        let meterRow = rows[1].split(columns: [.fixed(8), .fill])
        canvas.write("Tctl", in: meterRow[0], style: Style(.dimText))
        Meter(fraction: 0.81, levels: .temperature(warm: 0.6, hot: 0.8, critical: 0.95), text: "81°C")
            .draw(in: meterRow[1], on: &canvas, glyphs: glyphs)
        let sparkRow = rows[2].split(columns: [.fixed(8), .fill])
        canvas.write("thread0", in: sparkRow[0], style: Style(.dimText))
        Sparkline(values: history.suffix(40)).draw(in: sparkRow[1], on: &canvas, glyphs: glyphs)
        Table(
            columns: [.init("id", width: .fixed(2), alignment: .right), .init("core", width: .fixed(4), alignment: .right),
                      .init("10 s", width: .fill, alignment: .right), .init("shares", width: .fixed(6), alignment: .right)],
            rows: [Table.Row(["0", "0", "2.41 kH/s", "12"]), Table.Row(["1", "2", "2.39 kH/s", "9"]),
                   Table.Row(["2", "4", "2.40 kH/s", "11"]), Table.Row(["3", "6", "1.02 kH/s", "3"], style: Style(.warn))],
            selectedRow: 1
        ).draw(in: rows[3], on: &canvas, glyphs: glyphs)
        return canvas
    }

    @Test func unicode() throws {
        try assertSnapshot(Self.gallery(glyphs: .unicode).lines, named: "widget-gallery-unicode")
    }

    @Test func ascii() throws {
        try assertSnapshot(Self.gallery(glyphs: .ascii).lines, named: "widget-gallery-ascii")
    }
}
