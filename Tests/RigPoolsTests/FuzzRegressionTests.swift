import RigInput
import Testing
import RigEngine
@testable import RigPools

/// Pool lines `scripts/fuzz.sh Stratum` found breaking what the Stratum client promises, each kept
/// as a test.
@Suite struct StratumFuzzRegressionTests {
    /// Found: `{"id":1,"result":null,"error":"Job not found\u009ble)"}`. An error given as a bare
    /// string keeps its control characters (here U+009B, the 8-bit CSI that starts a terminal
    /// escape), which then reach the log and the dashboard through the share's rejection reason;
    /// the `[code, message]` and `{code, message}` forms are escaped. So a message does not survive
    /// its own serialisation either: it comes back escaped.
    @Test(arguments: [#"{"id":1,"result":null,"error":"Job not found\u009ble)"}"#,
                      #"{"id":4,"result":null,"error":"\u001b[2J\u001b]0;pwned\u0007"}"#])
    func stringErrorMessageIsEscaped(_ line: String) throws {
        let message = try StratumMessage.parse(line)
        guard case .response(_, _, let error?) = message else {
            Issue.record("not an error reply: \(message)")
            return
        }
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || (0x7f..<0xa0).contains($0.value) })
        #expect(try StratumMessage.parse(message.serialized) == message)
    }

    /// Found: `{"id":4,"result":null,"error":"Job not found (` + 58 DEL bytes + `=stale)"}`. The
    /// message escaped to 370 characters; escaping it again on the way back cut it at 200, so
    /// the re-parsed message was not the message. Escaped messages are bounded in their escaped
    /// length now, which escaping again leaves alone.
    @Test(arguments: [58, 1, 200, 1_000])
    func longEscapedMessageSurvivesItsSerialisation(deleteBytes: Int) throws {
        let line = #"{"id":4,"result":null,"error":"Job not found ("# + String(repeating: "\u{7F}", count: deleteBytes) + #"=stale)"}"#
        let message = try StratumMessage.parse(line)
        #expect(try StratumMessage.parse(message.serialized) == message)
        guard case .response(_, _, let error?) = message else {
            Issue.record("not an error reply: \(message)")
            return
        }
        #expect(error.message.unicodeScalars.count <= 200)
        #expect(OutsideText.escaped(error.message, maximumLength: 200) == error.message)
    }
}
