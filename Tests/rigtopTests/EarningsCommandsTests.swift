import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

@Suite("rigtop coins, config, ledger (subprocess)", .subprocesses, .serialized)
struct EarningsCommandsTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-\(UUID())/\(name)").path
    }

    /// No stray config from the machine running the tests.
    static var cleanEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = temporary("config")
        environment["XDG_DATA_HOME"] = temporary("data")
        return environment
    }

    @Test func coinsListsTheTableWithKeys() async throws {
        let result = try await RigtopProcess.run(["coins"], environment: Self.cleanEnvironment)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("key  symbol  name"))
        for (index, symbol) in ["BTC", "BCH", "LTC", "DOGE", "XMR"].enumerated() {
            #expect(lines[index + 1].hasPrefix("\(index + 1)    \(symbol)"), "\(lines[index + 1])")
        }
        #expect(lines[5].contains("randomx") && lines[5].contains("hashes") && lines[5].contains("built-in snapshot"))
        #expect(lines[1].contains("×2^32"))
    }

    @Test func configExampleIsAValidConfigAndCoinsShowItsOverrides() async throws {
        let example = try await RigtopProcess.run(["config", "--example"])
        #expect(example.status == 0)
        let path = Self.temporary("config.toml")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try example.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await RigtopProcess.run(["config", "--config", path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("\(path): ok"))
        let coins = try await RigtopProcess.run(["coins", "--config", path])
        #expect(coins.stdout.contains("6    XYZ"))
        #expect(coins.stdout.split(separator: "\n").contains { $0.hasPrefix("3    LTC") && $0.contains("config") })
    }

    @Test("config text with terminal escapes is printed escaped by coins and config")
    func configTextIsEscaped() async throws {
        let path = Self.temporary("escapes.toml")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
            [earnings]
            currency = "\\u001b[31mEUR"
            usd_rate = 0.9
            [coins.XYZ]
            name = "\\u001b[2J\\u001b]0;pwned\\u0007"
            algorithm = "scrypt"
            reward = 50
            block_time = 60
            difficulty = 1.5e6
            convention = "bitcoin"
            price = 0.01
            date = 2026-11-20

            """.write(toFile: path, atomically: true, encoding: .utf8)
        for command in ["coins", "config"] {
            let result = try await RigtopProcess.run([command, "--config", path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{7}"), "\(command): \(result.stdout)")
            #expect(result.stdout.contains(command == "coins" ? #"\u{1B}[2J\u{1B}]0;pwned\u{7}"# : #"\u{1B}[31mEUR"#),
                    "\(command): \(result.stdout)")
        }
    }

    @Test func badConfigStopsMineBeforeMiningWithFileLineAndKey() async throws {
        let path = Self.temporary("bad.toml")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "threads = 1\n[earnings]\npool_fee_percent = \"lots\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let ledger = Self.temporary("ledger.sqlite")
        let result = try await RigtopProcess.run(["mine", "--config", path, "--ledger", ledger, "--duration", "2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):3: earnings.pool_fee_percent: expected a number"), "\(result.stderr)")
        #expect(!result.stderr.contains("speed"))
        #expect(!FileManager.default.fileExists(atPath: ledger), "mining started on a bad config")
    }

    @Test func mineRecordsTheRunAndLedgerPrintsIt() async throws {
        let ledger = Self.temporary("ledger.sqlite")
        let run = try await RigtopProcess.run(["mine", "--coin", "ltc", "--threads", "1", "--duration", "3", "--json",
                                         "--ledger", ledger], environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let found = try #require((summary["shares"] as? [String: Any])?["found"] as? Int)
        let counts = try Ledger(path: ledger).counts()
        #expect(counts.minutes >= 1)
        #expect(counts.coinSwitches == 1)
        // Every share the workers found was recorded (benchmark work: result "found"), bar one in flight at stop.
        #expect(counts.shares <= found && counts.shares >= found - 1, "\(counts.shares) of \(found)")
        let csv = try await RigtopProcess.run(["ledger", "--ledger", ledger, "--csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "date,coin,accepted_shares,expected_coins,value,currency,kwh,electricity_cost,net")
        #expect(lines.count == 2 && lines[1].contains(",LTC,0,"), "\(csv.stdout)")
        let since = try await RigtopProcess.run(["ledger", "--ledger", ledger, "--since", "2999-01-01"])
        #expect(since.stdout == "no income recorded yet\n")
        #expect(try await RigtopProcess.run(["ledger", "--ledger", ledger, "--since", "yesterday"]).status != 0)
    }

    @Test func unreachableMarketFeedIsReportedAndMiningGoesOn() async throws {
        let run = try await RigtopProcess.run(["mine", "--threads", "1", "--duration", "2", "--no-ledger",
                                         "--market-url", "http://127.0.0.1:1/api/v3"], environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("market refresh failed:") && run.stdout.contains("keeping the last values"), "\(run.stdout)")
        #expect(run.stdout.contains("speed 10s/60s/15m"))
    }
}
