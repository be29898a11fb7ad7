import Foundation
import RigTestSupport
import Testing

@Suite("rigtop bench (subprocess)", .subprocesses)
struct BenchCommandTests {
    @Test("--json reports the contract's fields with a real, positive rate", arguments: ["sha256d", "scrypt"])
    func json(algo: String) async throws {
        let result = try await RigtopProcess.run(["bench", "--algo", algo, "--threads", "2", "--seconds", "1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["algo"] as? String == algo)
        #expect(object["threads"] as? Int == 2)
        let hashes = try #require(object["hashes"] as? Int)
        let rate = try #require(object["hashrate"] as? Double)
        let seconds = try #require(object["seconds"] as? Double)
        let perThread = try #require(object["per_thread"] as? [Double])
        #expect(hashes > 0)
        #expect(perThread.count == 2 && perThread.allSatisfy { $0 > 0 })
        #expect(abs(rate - Double(hashes) / seconds) / rate < 1e-6)
        #expect(abs(perThread.reduce(0, +) - rate) / rate < 0.05)
        #expect(["sha-ni", "avx512", "avx2", "sse2", "generic"].contains(object["kernel"] as? String ?? ""))
        #expect(object["hw_errors"] as? Int == 0)
    }

    @Test("invalid options are refused with a message")
    func invalid() async throws {
        let result = try await RigtopProcess.run(["bench", "--threads", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--threads"))
    }
}
