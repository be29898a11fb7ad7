import Testing
@testable import RigUI

@Suite struct NearestColorTests {
    @Test(arguments: [
        (0x000000 as UInt32, 16), (0xffffff, 231), (0xff0000, 196), (0x00ff00, 46), (0x0000ff, 21),
        (0x5f87af, 67), (0x808080, 244), (0x080808, 232), (0xeeeeee, 255), (0x2e3440, 237), (0x88c0d0, 110),
    ])
    func nearest256(hex: UInt32, index: Int) {
        #expect(Palette.nearest256(RGB(hex: hex)) == index)
    }

    @Test func paletteIndicesRoundTrip() {
        for index in 16...255 {
            #expect(Palette.nearest256(Palette.rgb(ofIndex: index)) == index, "index \(index)")
        }
        #expect(Palette.rgb(ofIndex: 67) == RGB(hex: 0x5f87af))
        #expect(Palette.rgb(ofIndex: 244) == RGB(hex: 0x808080))
    }

    @Test(arguments: [
        (0xff0000 as UInt32, ANSIColor.brightRed), (0xcc2222, .red), (0x2e3440, .black), (0xfefefe, .brightWhite), (0xfdf6e3, .white),
        (0xd8dee9, .white), (0x777777, .brightBlack), (0x3399ff, .brightBlue), (0x00cccc, .cyan),
    ])
    func nearest16(hex: UInt32, expected: ANSIColor) {
        #expect(Palette.nearest16(RGB(hex: hex)) == expected)
    }

    /// Plain RGB distance: Dracula's green (50 fa 7b) is nearer xterm's cyan (00 cd cd) than its green.
    @Test(arguments: [
        (0xff0000 as UInt32, ANSIColor.red), (0x2e3440, .black), (0xfdf6e3, .white), (0xa3be8c, .white),
        (0x00dd11, .green), (0x50fa7b, .cyan), (0xffb86c, .yellow), (0x0000aa, .blue),
    ])
    func nearest8(hex: UInt32, expected: ANSIColor) {
        #expect(Palette.nearest8(RGB(hex: hex)) == expected)
    }

    @Test func terminalColorAtEachDepth() {
        let orange = Color.hex(0xff8700)
        #expect(orange.terminalColor(at: .trueColor) == .rgb(RGB(hex: 0xff8700)))
        #expect(orange.terminalColor(at: .palette256) == .indexed(208))
        // Plain RGB distance puts orange nearer xterm's yellow (cd cd 00) than its red; themes meant
        // for 8/16 colours name ANSI colours instead (mono.theme).
        #expect(orange.terminalColor(at: .sixteen) == .indexed(ANSIColor.yellow.rawValue))
        #expect(orange.terminalColor(at: .eight) == .indexed(ANSIColor.yellow.rawValue))
        #expect(orange.terminalColor(at: .none) == .terminalDefault)
        #expect(Color.ansi(.brightBlue).terminalColor(at: .trueColor) == .indexed(12))
        #expect(Color.ansi(.brightBlue).terminalColor(at: .eight) == .indexed(4))
        #expect(Color.terminalDefault.terminalColor(at: .palette256) == .terminalDefault)
    }

    @Test func colourNamesAndHexText() {
        #expect(ANSIColor(name: "bright_red") == .brightRed)
        #expect(ANSIColor(name: "BrightRed") == .brightRed)
        #expect(ANSIColor(name: "grey") == .brightBlack)
        #expect(ANSIColor(name: "purple") == nil)
        #expect(RGB(hex: 0x0a0b0c).description == "#0a0b0c")
    }
}
