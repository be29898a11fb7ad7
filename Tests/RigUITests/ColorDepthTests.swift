import Testing
@testable import RigUI

@Suite struct ColorDepthTests {
    @Test(arguments: [
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], ColorDepth.trueColor),
        (["TERM": "xterm-256color", "COLORTERM": "24bit"], .trueColor),
        (["TERM": "xterm-direct"], .trueColor),
        (["TERM": "xterm-256color"], .palette256),
        (["TERM": "screen-256color"], .palette256),
        (["TERM": "tmux-256color", "COLORTERM": ""], .palette256),
        (["TERM": "xterm"], .sixteen),
        (["TERM": "rxvt-16color"], .sixteen),
        (["TERM": "linux"], .eight),
        (["TERM": "vt220"], .eight),
        (["TERM": "dumb", "COLORTERM": ""], .none),
        ([:], .none),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], .none),
        (["TERM": "xterm-256color", "NO_COLOR": ""], .palette256),
    ] as [([String: String], ColorDepth)])
    func detectedFromTheEnvironment(environment: [String: String], expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment) == expected)
    }

    @Test(arguments: [(16_777_216, ColorDepth.trueColor), (256, .palette256), (88, .sixteen), (16, .sixteen), (8, .eight), (0, .none), (-1, .none)])
    func fromCursesColorCount(count: Int, expected: ColorDepth) {
        #expect(ColorDepth(colorCount: count) == expected)
    }

    @Test func depthsAreOrdered() {
        #expect(min(ColorDepth.trueColor, ColorDepth(colorCount: 256)) == .palette256)
        #expect(ColorDepth.none < .eight)
    }
}
