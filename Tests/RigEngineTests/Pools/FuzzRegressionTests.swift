import Testing
@testable import RigEngine

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
}
