import Foundation
@testable import RigConfig
import Testing

/// Config texts `scripts/fuzz.sh Config` found crashing the reader, each kept as a test: a bad
/// file must be refused with `file:line: reason`, never end the process.
@Suite struct ConfigFuzzRegressionTests {
    /// toml++ (under TOMLKit) asserts in `parse_key` when a table header's first key character is
    /// neither a bare-key character nor a quote. SwiftPM builds C++ without `NDEBUG` in release
    /// too, so `rigtop --config` aborts with SIGABRT. Found as "[`pi]\nhttp = …", reduced to "[#".
    @Test(arguments: ["[#", "[`pi]\nhttp = \"urls0= \"[::1]:40powe", "[[#", "[ #x]\n",
                      // Found later: a byte-order mark, then a header whose first character is a no-break space.
                      "\u{FEFF}[      \u{A0} 333333price31earn!ings]\ncurrency = \"E0-20\"\n"])
    func tableHeaderWithABadFirstKeyCharacterIsRefused(_ text: String) {
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "fuzz.toml") }
    }

    /// The same brackets inside values, strings and comments are not headers.
    @Test(arguments: ["x = [\n  [ # a comment\n    1 ]\n]\n", "s = \"\"\"\n[#\n\"\"\"\n", "# [#\n", "t = { a = [ [1], [2] ] }\n[ \"q\" ]\n"])
    func bracketsThatAreNotHeadersPassTheCheck(_ text: String) throws {
        do { _ = try ConfigFile.parse(text, file: "fine.toml") } catch let error as ConfigError {
            #expect(!error.message.contains("bad table header"), "\(error)")
        }
    }

    /// A NUL would end the text for the C++ parser: the rest of the file (pools too) would vanish.
    @Test func controlCharactersAreRefusedWithTheirLine() {
        #expect {
            try ConfigFile.parse("threads = 2\n\u{0}[[pools]]\n", file: "nul.toml")
        } throws: { error in
            (error as? ConfigError).map { $0.line == 2 && $0.message.contains("U+0000") } ?? false
        }
    }

    /// Found as a pool URL whose host began with a stray byte before an IPv6 address and went on
    /// with colons: accepted, printed as `stratum+ssl://[�[2001:db8::1]:31:…:EC]:54`, which no
    /// longer parsed. A host is a host name or a bracketed IPv6 address, or the file is refused.
    @Test(arguments: ["stratum+ssl://\u{FFFD}[2001:db8::1]:31:44:55:66:77:88:99:AA:EC:54",
                      "stratum+tcp://a b:3333", "stratum+tcp://[zz::1]:3333", "stratum+tcp://evil\u{1B}[2J:3333"])
    func poolHostThatCannotBePrintedBackIsRefused(_ url: String) {
        let text = "[pools.XMR]\nurls = [\"\(url.replacingOccurrences(of: "\u{1B}", with: "\\u001b"))\"]\n"
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "fuzz.toml") }
    }

    /// Found in CI: toml++ asserts in `parse_time` on a date-time whose time does not start with a
    /// digit; then in `parse_value` on a date followed by a space and a digit (`6276-11-20 0`).
    /// rigtop's config has dates (`2026-11-20`) but no times: anything else is refused first.
    @Test(arguments: ["token_file = 1979-05-27T::723000\n", "x = 1979-05-27 :\n", "x = 07:32:00\n", "[a]\nb = [1, 2:3]\n",
                      "date = 6276-11-20 0     # when\n", "x = 1979-05-27T07:32:00Z\n", "x = 1_000__0\n", "x = 0x\n"])
    func dateTimeValuesAreRefused(_ text: String) {
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "fuzz.toml") }
    }

    /// What the config does use passes the check, whatever its layout.
    @Test(arguments: [
        "\u{FEFF}threads = 2\n",
        "[pools]\nLTC = [\n  \"stratum+tcp://a:1\", # first\n  'stratum+tcp://b:2',\n]\n",
        "[coins.XYZ]\ndate = 2026-11-20 # taken\nprice = 1_000.5e-3\nfee = +inf\nmask = 0xFF_FF\n",
        "t = { a = 1, \"b c\" = [true, false], d.e = '''x''' }\n",
        "s = \"\"\"\na \\\n  b\"\"\"\n",
    ])
    func wellFormedTextPassesThePreflight(_ text: String) {
        let problem = TOMLPreflight.firstProblem(in: text)
        #expect(problem == nil, "\(problem.map { "line \($0.line): \($0.message)" } ?? "")")
    }
}
