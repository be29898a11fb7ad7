import Testing
@testable import RigUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("算", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2), ("🔥", 2), ("❤️", 2), ("e\u{301}", 1),
        ("\u{200B}", 0), ("\u{301}", 0), ("█", 1), ("⣿", 1), ("°", 1),
    ] as [(Character, Int)])
    func characterWidths(character: Character, width: Int) {
        #expect(TextWidth.width(of: character) == width)
    }

    @Test func truncateAndFit() {
        #expect(TextWidth.truncate("hashrate", toWidth: 5) == "hash…")
        #expect(TextWidth.truncate("hash", toWidth: 5) == "hash")
        #expect(TextWidth.truncate("算力算力", toWidth: 4) == "算…")
        #expect(TextWidth.truncate("hashrate", toWidth: 4, ellipsis: nil) == "hash")
        #expect(TextWidth.fit("ab", toWidth: 4, alignment: .right) == "  ab")
        #expect(TextWidth.fit("算", toWidth: 3) == "算 ")
    }
}
