import Foundation
import RigFarm
import RigFarmSources
import RigTestSupport
import Testing

/// The farm's HTTP client on a dead address: it says so at once, in words.
@Suite struct FarmHTTPTests {
    /// The request's own deadline is an hour: only failing at once, without retrying the
    /// connection until then, ends it within the test's two-minute limit.
    @Test("a refused connection fails at once, said plainly, parentheses balanced", .timeLimit(.minutes(2)))
    func refusedConnection() async {
        let port = LoopbackPort.free()
        do {
            _ = try await FarmHTTP(timeoutSeconds: 3600).get("http://127.0.0.1:\(port)/api/v1/query")
            Issue.record("a request to a closed port succeeded")
        } catch {
            #expect(error.reason == "connection refused", "\(error)")
            #expect(error.reason.filter { $0 == "(" }.count == error.reason.filter { $0 == ")" }.count)
        }
    }
}
