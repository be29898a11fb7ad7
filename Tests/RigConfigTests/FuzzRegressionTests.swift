import Foundation
import RigConfig
import Testing

/// Config texts `scripts/fuzz.sh Config` found crashing the reader, each kept as a test: a bad
/// file must be refused with `file:line: reason`, never end the process.
@Suite struct ConfigFuzzRegressionTests {
    /// toml++ (under TOMLKit) asserts in `parse_key` when a table header's first key character is
    /// neither a bare-key character nor a quote. SwiftPM builds C++ without `NDEBUG` in release
    /// too, so `rigtop --config` aborts with SIGABRT. Found as "[`pi]\nhttp = …", reduced to "[#".
    @Test(arguments: ["[#", "[`pi]\nhttp = \"urls0= \"[::1]:40powe", "[[#", "[ #x]\n"])
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
    /// digit. rigtop's config has no dates or times: a `:` outside strings is refused.
    @Test(arguments: ["token_file = 1979-05-27T::723000\n", "x = 1979-05-27 :\n", "x = 07:32:00\n", "[a]\nb = [1, 2:3]\n"])
    func dateTimeValuesAreRefused(_ text: String) {
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "fuzz.toml") }
    }
}
