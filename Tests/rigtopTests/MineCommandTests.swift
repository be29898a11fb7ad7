import Foundation
import Testing

@Suite("rigtop mine (subprocess)", .serialized)
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
    func benchmarkSummary() throws {
        let result = try RigtopProcess.run(["mine", "--coin", "btc", "--threads", "1", "--duration", "3", "--json", "--no-ledger"])
        #expect(result.status == 0, "\(result.stderr)")
        try Self.checkSummary(result.stdout, coin: "BTC", algo: "sha256d")
        #expect(result.stderr.contains("speed 10s/60s/15m"))
    }

    @Test("SIGINT ends it cleanly with the summary")
    func interrupt() throws {
        let process = Process()
        process.executableURL = RigtopProcess.executable
        process.arguments = ["mine", "--coin", "ltc", "--threads", "1", "--json", "--no-ledger"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        process.interrupt()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        try Self.checkSummary(String(decoding: outData, as: UTF8.self), coin: "LTC", algo: "scrypt")
    }

    @Test("bad pool URLs are refused with the reason")
    func badPool() throws {
        let tls = try RigtopProcess.run(["mine", "--pool", "stratum+ssl://pool:443", "--duration", "1"])
        #expect(tls.status != 0)
        #expect(tls.stderr.contains("TLS not supported yet"))
        let coin = try RigtopProcess.run(["mine", "--coin", "nope", "--duration", "1"])
        #expect(coin.status != 0)
        #expect(coin.stderr.contains("unknown coin"))
    }
}
