import Testing
@testable import RigUI

@Suite struct CanvasTests {
    @Test func writesAndClipsToTheCanvas() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.write("hashrate", x: 0, y: 0)
        canvas.write("xyz", x: -1, y: 1)
        canvas.write("off", x: 0, y: 5)
        #expect(canvas.lines == ["hashra", "yz    "])
    }

    @Test func clipsToARect() {
        var canvas = Canvas(width: 8, height: 3)
        let clip = Rect(x: 2, y: 1, width: 3, height: 1)
        canvas.write("abcdef", x: 0, y: 1, clip: clip)
        canvas.write("zz", x: 2, y: 0, clip: clip)
        #expect(canvas.lines == ["        ", "  cde   ", "        "])
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(width: 6, height: 1)
        let end = canvas.write("算力ok", x: 0, y: 0)
        #expect(end == 6)
        #expect(canvas.lines == ["算力ok"])
        #expect(canvas[1, 0].isContinuation)
        #expect(!canvas[2, 0].isContinuation)
    }

    @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("a算力", x: 0, y: 0)
        #expect(canvas.lines == ["a算 "])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.write("算力", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)  // right half of 算
        canvas.put("y", x: 2, y: 0)  // left half of 力
        #expect(canvas.lines[0] == " xy ")
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func combiningMarksStayWithTheirBase() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.write("e\u{301}x", x: 0, y: 0)
        #expect(canvas.lines == ["e\u{301}x  "])
    }

    @Test func fillAndRestyle() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", style: Style(.bad))
        canvas.restyle(Rect(x: 0, y: 1, width: 4, height: 1)) { $0.attributes.insert(.reverse) }
        #expect(canvas.lines == [" ## ", " ## "])
        #expect(canvas[1, 0].style == Style(.bad))
        #expect(canvas[1, 1].style == Style(.bad, attributes: .reverse))
        #expect(canvas[0, 1].style.attributes == .reverse)
    }

    @Test func writeInRectAligns() {
        var canvas = Canvas(width: 9, height: 3)
        canvas.write("42", in: Rect(x: 0, y: 0, width: 5, height: 1), alignment: .right)
        canvas.write("42", in: Rect(x: 0, y: 1, width: 5, height: 1), alignment: .center)
        canvas.write("1234567", in: Rect(x: 0, y: 2, width: 5, height: 1))
        #expect(canvas.lines == ["   42    ", " 42      ", "1234…    "])
    }
}
