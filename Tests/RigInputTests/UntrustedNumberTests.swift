import Testing
import RigInput

/// Extreme and malformed outside numbers become typed errors, never traps.
@Suite struct UntrustedNumberTests {
    static let hostile: [Double] = [1e300, -1e300, 9_223_372_036_854_775_808, -9_223_372_036_854_775_809, .nan,
                                    .infinity, -.infinity, 1.5, -1e30, 1e-300, 65_536, -1]

    @Test(arguments: hostile)
    func wholeNumbersOutOfRangeAreErrors(_ value: Double) {
        #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.whole(value, "port", in: 1...65_535) as Int }
    }

    @Test func wholeNumbersInRangeComeThrough() throws {
        #expect(try UntrustedNumber.whole(3333, "port", in: 1...65_535) == 3333)
        #expect(try UntrustedNumber.whole(-5, "code", in: Int32.min...Int32.max) == Int32(-5))
        #expect(try UntrustedNumber.whole(9_007_199_254_740_992, "id", in: Int64.min...Int64.max) == 9_007_199_254_740_992)
        #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.whole(nil, "id", in: 0...1) as Int }
        let error = #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.whole(1e300, "client.reconnect port", in: 1...65_535) as Int }
        #expect(error?.description == "client.reconnect port: 1e+300 is not usable (expected from 1 to 65535)")
    }

    @Test func wholeNumbersFromText() throws {
        #expect(try UntrustedNumber.whole(text: " 4500\n", "fan1_input", in: Int64(0)...Int64.max) == 4500)
        #expect(try UntrustedNumber.whole(text: "9223372036854775807", "fan1_input", in: Int64.min...Int64.max) == .max)
        for bad in ["", "x", "1e3", "99999999999999999999999", "12 34", "0x10", "\u{1B}[2J"] {
            #expect(throws: UntrustedNumberError.self, "\(bad)") { try UntrustedNumber.whole(text: bad, "f", in: Int64.min...Int64.max) }
        }
        let error = #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.whole(text: "\u{1B}]0;pwned\u{7}", "f", in: 0...9) as Int }
        #expect(error.map { OutsideText.isClean($0.description) } == true)
    }

    @Test func finiteNumbers() throws {
        #expect(try UntrustedNumber.finite(0.5, "difficulty", in: 1e-12...1e18) == 0.5)
        for bad in [1e-300, .nan, .infinity, -1, 1e300] {
            #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.finite(bad, "difficulty", in: 1e-12...1e18) }
        }
        #expect(try UntrustedNumber.finite(text: "85", "--temp-limit", in: 20...150) == 85)
        #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.finite(text: "nan", "--temp-limit", in: 20...150) }
        #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.finite(text: "inf", "--temp-limit", in: 20...150) }
    }

    @Test("flags take plain decimal only: no hex, octal, underscores, inf or nan")
    func decimalText() throws {
        for (text, value) in [("12", 12.0), ("-0.5", -0.5), ("+3", 3), ("2.5e3", 2500), (".5", 0.5), ("5.", 5), (" 7 ", 7), ("1E-2", 0.01)] {
            #expect(try UntrustedNumber.finite(decimalText: text, "--seconds", in: -1e6...1e6) == value, "\(text)")
        }
        for bad in ["", ".", "-", "e3", "1e", "1e+", "0x10", "0o7", "0b1", "1_000", "inf", "-inf", "nan", "infinity",
                    "1.2.3", "--1", "+-1", "1 2", "0x1p4", "\u{1B}[2J", "1e400"] {
            #expect(throws: UntrustedNumberError.self, "\(bad)") { try UntrustedNumber.finite(decimalText: bad, "--seconds", in: -1e6...1e6) }
        }
        let error = #expect(throws: UntrustedNumberError.self) { try UntrustedNumber.finite(decimalText: "1e300", "--seconds", in: 0.1...86_400) }
        #expect(error?.description == "--seconds: 1e+300 is not usable (expected from 0.1 to 86400.0)")
    }

    @Test func clampedNeverTraps() {
        #expect(UntrustedNumber.clamped(1e300, to: Int.min...Int.max) == .max)
        #expect(UntrustedNumber.clamped(-1e300, to: Int.min...Int.max) == .min)
        #expect(UntrustedNumber.clamped(.nan, to: 0...100) == 0)
        #expect(UntrustedNumber.clamped(41.6, to: 0...100) == 42)
    }
}

@Suite struct OutsideTextTests {
    @Test func controlCharactersAreShownNotSent() {
        let forged = "ok\n[2026-12-01 10:00:00.000] accepted (999/0)\u{1B}[2J\u{1B}]0;title\u{7}\u{9B}\u{202E}"
        let escaped = OutsideText.escaped(forged)
        #expect(OutsideText.isClean(escaped))
        #expect(escaped == #"ok\u{A}[2026-12-01 10:00:00.000] accepted (999/0)\u{1B}[2J\u{1B}]0;title\u{7}\u{9B}\u{202E}"#)
        #expect(OutsideText.escaped("Physical id 0 · 55 °C") == "Physical id 0 · 55 °C")
    }

    @Test("escaping bounded in its escaped length is idempotent, the note included")
    func boundedEscapingIsIdempotent() {
        for text in ["plain", String(repeating: "\u{7F}", count: 58), String(repeating: "x", count: 500),
                     "a\u{1B}[2J" + String(repeating: "é", count: 300), String(repeating: "\u{0}", count: 33)] {
            let once = OutsideText.escaped(text, maximumLength: 200)
            #expect(once.unicodeScalars.count <= 200)
            #expect(OutsideText.isClean(once))
            #expect(OutsideText.escaped(once, maximumLength: 200) == once, "\(text.debugDescription)")
        }
        #expect(OutsideText.escaped("ok\u{7F}", maximumLength: 200) == "ok\\u{7F}")
        #expect(OutsideText.escaped(String(repeating: "x", count: 30), maximumLength: 20) == "xxxxxxxx… (30 bytes)")
    }

    @Test func longTextIsCutWithItsLength() {
        let escaped = OutsideText.escaped(String(repeating: "x", count: 10_000), limit: 10)
        #expect(escaped == "xxxxxxxxxx… (10000 bytes)")
    }
}
