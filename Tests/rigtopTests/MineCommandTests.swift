import Foundation
import RigEngine
import RigTestSupport
import Testing

@Suite("rigtop mine (subprocess)", .subprocesses, .serialized)
struct MineCommandTests {
    static func checkSummary(_ stdout: String, coin: String, algo: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
        #expect(object["coin"] as? String == coin)
        #expect(object["algo"] as? String == algo)
        #expect(object["pool"] as? String == "benchmark")
        let hashrate = try #require(object["hashrate"] as? [String: Any])
        #expect(Set(hashrate.keys) == ["10s", "60s", "15m"])
        let shares = try #require(object["shares"] as? [String: Any])
        for key in ["accepted", "rejected", "stale", "hw_errors"] { #expect(shares[key] as? Int != nil, "\(key)") }
        #expect(shares["hw_errors"] as? Int == 0)
        #expect((object["total_hashes"] as? Int ?? 0) > 0)
    }

    @Test("--duration 3 --json on benchmark work prints the summary")
    func benchmarkSummary() async throws {
        let result = try await RigtopProcess.run(["mine", "--coin", "btc", "--threads", "1", "--duration", "3", "--json", "--no-ledger"])
        #expect(result.status == 0, "\(result.stderr)")
        try Self.checkSummary(result.stdout, coin: "BTC", algo: "sha256d")
        #expect(result.stderr.contains("speed 10s/60s/15m"))
    }

    @Test("SIGINT ends it cleanly with the summary")
    func interrupt() async throws {
        let child = try RigtopProcess.start(["mine", "--coin", "ltc", "--threads", "1", "--json", "--no-ledger"])
        // SIGINT once its handler is in place (it logs its first line after installing it).
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("rigtop mine LTC") })
        await child.read(for: 1)
        child.signal(SIGINT)
        #expect(await child.wait(seconds: 60) == .exited(0), "\(child.stderr)")
        try Self.checkSummary(child.stdout, coin: "LTC", algo: "scrypt")
    }

    @Test("--coin xmr --randomx-light mines RandomX in light mode and says so",
          .enabled(if: (try? RandomXLibrary.system.get()) != nil, "librandomx0 is not installed"))
    func randomXLight() async throws {
        let result = try await RigtopProcess.run(["mine", "--coin", "xmr", "--randomx-light", "--threads", "1",
                                                  "--duration", "25", "--json", "--no-ledger"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect(object["algo"] as? String == "randomx")
        #expect(RandomXModeText.matches(object["randomx_mode"] as? String, mode: "light"), "\(object["randomx_mode"] ?? "none")")
        #expect((object["total_hashes"] as? Int ?? 0) > 0, "no hashes in 25 s: \(result.stderr)")
        #expect((object["shares"] as? [String: Any])?["hw_errors"] as? Int == 0)
    }

    @Test("the thermal guard runs headless too: past critical, hashing stops and the log says why")
    func thermalGuard() async throws {
        let tree = try DashboardEndToEndTests.ThermalTree()
        try tree.set(celsius: 95)
        let child = try RigtopProcess.start(["mine", "--coin", "btc", "--threads", "1", "--root", tree.root.path,
                                             "--temp-limit", "80", "--temp-critical", "90", "--json", "--no-ledger"])
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("hashing stopped until the CPU cools") }, "\(child.stderr)")
        try tree.set(celsius: 60)
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("hashing resumes") }, "\(child.stderr)")
        child.signal(SIGINT)
        #expect(await child.wait(seconds: 60) == .exited(0))
        #expect(!child.stderr.contains("no CPU temperature sensor"))
    }

    @Test("bad pool URLs are refused with the reason")
    func badPool() async throws {
        let pin = try await RigtopProcess.run(["mine", "--pool", "stratum+tcp://pool:3333#fingerprint=00", "--duration", "1"])
        #expect(pin.status != 0)
        #expect(pin.stderr.contains("a certificate fingerprint needs a TLS pool"))
        let coin = try await RigtopProcess.run(["mine", "--coin", "nope", "--duration", "1"])
        #expect(coin.status != 0)
        #expect(coin.stderr.contains("unknown coin"))
    }
}
