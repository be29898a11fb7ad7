import Testing
@testable import RigUI

/// Draws with `draw` on a blank canvas and returns its lines.
private func render(width: Int, height: Int, _ draw: (inout Canvas) -> Void) -> [String] {
    var canvas = Canvas(width: width, height: height)
    draw(&canvas)
    return canvas.lines
}

@Suite struct MeterTests {
    @Test(arguments: [
        (0.0, "          "), (0.45, "████▌     "), (1.0, "██████████"), (1.7, "██████████"), (0.005, "          "),
        (0.0125, "▏         "), (0.025, "▎         "), (-1, "          "), (Double.nan, "          "),
    ])
    func unicodeEighths(fraction: Double, expected: String) {
        let lines = render(width: 10, height: 1) { Meter(fraction: fraction).draw(in: $0.bounds, on: &$0, glyphs: .unicode) }
        #expect(lines == [expected])
    }

    @Test func asciiWithText() {
        let lines = render(width: 14, height: 1) {
            Meter(fraction: 0.72, text: "72%").draw(in: $0.bounds, on: &$0, glyphs: .ascii)
        }
        #expect(lines == ["#######    72%"])
    }

    @Test func colourFollowsTheLevels() {
        #expect(Meter(fraction: 0.3).role == .meterLow)
        #expect(Meter(fraction: 0.6).role == .meterMid)
        #expect(Meter(fraction: 0.9).role == .meterHigh)
        let temperature = MeterLevels.temperature(warm: 0.6, hot: 0.8, critical: 0.95)
        #expect([0.1, 0.7, 0.85, 0.99].map(temperature.role(for:)) == [.tempNormal, .tempWarm, .tempHot, .tempCritical])
    }

    @Test func filledCellsCarryTheRoleAndEmptyOnesTheTrack() {
        var canvas = Canvas(width: 4, height: 1)
        Meter(fraction: 0.5, levels: .temperature(warm: 0.4, hot: 0.8, critical: 0.9)).draw(in: canvas.bounds, on: &canvas, glyphs: .unicode)
        #expect(TextScreen.roleMap(canvas, role: .tempWarm) == ["xx  "])
        #expect(TextScreen.roleMap(canvas, role: .meterBackground) == ["  xx"])
    }
}
