import Testing
@testable import RigUI

@Suite struct TextScreenTests {
    @Test func keepsTheLastFrameAndReplaysKeys() {
        var screen = TextScreen(size: TerminalSize(columns: 4, rows: 2), keys: [.character("h"), .resize])
        var canvas = Canvas(width: screen.size.columns, height: screen.size.rows)
        canvas.write("rig", x: 0, y: 0)
        screen.draw(canvas, theme: .default)
        #expect(screen.lines == ["rig ", "    "])
        #expect(screen.frameCount == 1)
        #expect(screen.readKey(timeout: .milliseconds(100)) == .character("h"))
        #expect(screen.readKey(timeout: .milliseconds(100)) == .resize)
        #expect(screen.readKey(timeout: .milliseconds(100)) == nil)
    }

    @Test func worksThroughTheProtocol() {
        var screen: any TerminalScreen = TextScreen(size: TerminalSize(columns: 2, rows: 1))
        screen.draw(Canvas(width: 2, height: 1), theme: .default)
        #expect(screen.size.bounds == Rect(x: 0, y: 0, width: 2, height: 1))
        #expect((screen as? TextScreen)?.frameCount == 1)
    }
}
