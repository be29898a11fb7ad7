import RigInput
import Testing
import RigEngine
@testable import RigPools

/// Error replies whose parts have the wrong types or extreme values still make a clear reason.
@Suite struct HostileErrorReplyTests {
    @Test func extremeCodesAndWrongTypesAreSaidNotTrapped() throws {
        let array = try #require(StratumError(json: try JSONValue.parse(#"[1e300,"x",null]"#)))
        #expect(array.code == 20 && array.message == "x (unusable error code 1e+300)")
        let object = try #require(StratumError(json: try JSONValue.parse(#"{"code":-1e30,"message":"x"}"#)))
        #expect(object.code == 20 && object.message == "x (unusable error code -1e+30)")
        let nested = try #require(StratumError(json: try JSONValue.parse(#"{"code":23,"message":{"why":"low"}}"#)))
        #expect(nested.code == 23 && nested.message == #"{"why":"low"}"#)
        let escaped = try #require(StratumError(json: try JSONValue.parse(#"[21,"stale\u001b[2J\naccepted (999/0)",null]"#)))
        #expect(escaped.message == #"stale\u{1B}[2J\u{A}accepted (999/0)"#)
    }

    @Test func moneroJobHeightOutOfRangeIsAProtocolError() throws {
        let blob = String(repeating: "00", count: 76)
        let good = try JSONValue.parse(#"{"job_id":"1","blob":"\#(blob)","target":"b88d0600","height":3000000}"#)
        #expect(try MoneroJob(json: good).height == 3_000_000)
        let bad = try JSONValue.parse(#"{"job_id":"1","blob":"\#(blob)","target":"b88d0600","height":1e300}"#)
        #expect(throws: StratumProtocolError.self) { try MoneroJob(json: bad) }
    }

    @Test func logLinesFromPoolsAreEscaped() {
        #expect(StratumMessage.trimmed("hi\u{1B}]0;pwned\u{07}\n[x] accepted (999/0)") == #"hi\u{1B}]0;pwned\u{7}\u{A}[x] accepted (999/0)"#)
    }
}
