import Testing
import RigInput

/// Percent-encoded logins decode to their text; a malformed escape is a typed error, never a trap.
@Suite struct PercentEncodingTests {
    @Test func escapesDecode() throws {
        #expect(try PercentEncoding.decoded("us%40er.w1", field: "user") == "us@er.w1")
        #expect(try PercentEncoding.decoded("p%3Ass", field: "password") == "p:ss")
        #expect(try PercentEncoding.decoded("100%25%2f%2F", field: "password") == "100%//")
        #expect(try PercentEncoding.decoded("%C3%A9t%C3%A9", field: "user") == "été")
        #expect(try PercentEncoding.decoded("plain", field: "user") == "plain")
        #expect(try PercentEncoding.decoded("", field: "user") == "")
    }

    @Test(arguments: ["%", "%4", "abc%", "%zz", "%4g", "%%41", "%-1", "%+1"])
    func malformedEscapesAreErrors(_ text: String) {
        let error = #expect(throws: PercentEncodingError.self) { try PercentEncoding.decoded(text, field: "pool URL's password") }
        #expect(error?.description == "the pool URL's password is not valid percent-encoding: a % must be followed by two hex digits")
    }

    @Test func notTextOrControlCharactersAreErrors() {
        #expect(throws: PercentEncodingError(field: "user", reason: "it does not decode to UTF-8 text")) {
            try PercentEncoding.decoded("%FF%FE", field: "user")
        }
        #expect(throws: PercentEncodingError(field: "user", reason: "it decodes to a control character")) {
            try PercentEncoding.decoded("evil%1B[2J", field: "user")
        }
        #expect(throws: PercentEncodingError(field: "user", reason: "it decodes to a control character")) {
            try PercentEncoding.decoded("a%0Ab", field: "user")
        }
    }
}
