import Testing
@testable import RigUI

@Suite struct ThemeFileTests {
    @Test func parsesRigtopKeysCommentsAndEveryValueForm() throws {
        let text = """
            # a header comment

            theme[background]=""
            theme[foreground]="#d8dee9"   # trailing comment
            theme[title] = "#fff"
            theme[border]="#40"
            theme[divider]="59 66 82"
            theme[temp_hot]=bright_red
            theme[bad]="default"\r
            """
        let parsed = try ThemeFile.parse(text, file: "t.theme", name: "t")
        let theme = parsed.theme
        #expect(parsed.warnings.isEmpty)
        #expect(theme.name == "t")
        #expect(theme[.background] == .terminalDefault)
        #expect(theme[.foreground] == .hex(0xd8dee9))
        #expect(theme[.title] == .hex(0xffffff))
        #expect(theme[.border] == .hex(0x404040))
        #expect(theme[.divider] == .hex(0x3b4252))
        #expect(theme[.tempHot] == .ansi(.brightRed))
        #expect(theme[.bad] == .terminalDefault)
        #expect(theme[.good] == Theme.default[.good], "roles a file leaves out keep the default's colour")
    }

    @Test(arguments: [
        ("theme[main_fg]=\"#12345g\"", 3, "main_fg: \"#12345g\" is not a hex colour"),
        ("theme[main_fg]=\"#1234\"", 3, "main_fg: \"#1234\" needs 6, 3 or 2 hex digits"),
        ("theme[temp_hot]=\"300 0 0\"", 3, "temp_hot: \"300 0 0\" needs three numbers 0-255"),
        ("theme[good]=\"chartreuse\"", 3, "good: \"chartreuse\" is not a colour (use #rrggbb, #rgb, \"r g b\" or a colour name)"),
        ("main_fg=#ffffff", 3, "expected theme[key]=\"value\", got main_fg=#ffffff"),
        ("theme[main_fg]=\"#ffffff", 3, "expected theme[key]=\"value\", got theme[main_fg]=\"#ffffff"),
    ])
    func aBadLineIsAnErrorNamingFileAndLine(badLine: String, line: Int, message: String) {
        let text = "# comment\ntheme[main_bg]=\"#000000\"\n\(badLine)\ntheme[title]=\"#ffffff\"\n"
        #expect(throws: ThemeError(file: "/x/broken.theme", line: line, message: message)) {
            try ThemeFile.parse(text, file: "/x/broken.theme", name: "broken")
        }
    }

    @Test func errorsPrintLikeACompiler() {
        #expect(ThemeError(file: "a.theme", line: 4, message: "bad").description == "a.theme:4: bad")
        #expect(ThemeError(file: "nope", line: 0, message: "theme not found").description == "nope: theme not found")
    }

    @Test func unknownKeysAreSkippedWithAWarning() throws {
        let text = "theme[main_fg]=\"#ffffff\"\ntheme[sparkle]=\"#123456\"\ntheme[gpu_start]=\"#00ff00\"\n"
        let parsed = try ThemeFile.parse(text, file: "w.theme", name: "w")
        #expect(parsed.warnings == [ThemeWarning(file: "w.theme", line: 2, message: "unknown key sparkle, skipped")])
        #expect(parsed.theme[.foreground] == .hex(0xffffff))
    }

    @Test func rigtopKeysWinOverBtopKeysInAnyOrder() throws {
        let text = "theme[foreground]=\"#111111\"\ntheme[main_fg]=\"#222222\"\n"
        #expect(try ThemeFile.parse(text, file: "m", name: "m").theme[.foreground] == .hex(0x111111))
    }

    @Test func resolveLooksUpRolesAndDefaults() {
        var theme = Theme(name: "x", overrides: [.background: .hex(0x000000), .foreground: .ansi(.white)])
        theme[.bad] = .hex(0xff0000)
        let resolved = theme.resolve(Style(.bad, attributes: .bold))
        #expect(resolved == ResolvedStyle(foreground: .hex(0xff0000), background: .hex(0x000000), attributes: .bold))
        #expect(theme.resolve(Style()).foreground == .ansi(.white))
        #expect(theme.resolve(Style(foreground: .color(.ansi(.cyan)))).foreground == .ansi(.cyan))
    }
}
