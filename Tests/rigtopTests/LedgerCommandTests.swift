import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

/// `rigtop ledger` and `rigtop mine --ledger` on a ledger with unusable rows, and on a bare
/// relative path: the report and the miner go on, and say what they left out.
@Suite("ledger files from outside (subprocess)", .subprocesses)
struct LedgerCommandTests {
    /// A ledger with one good accepted share and two whose time lies past the year 9999.
    static func ledgerWithBadTimes() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-bad-\(UUID())/ledger.sqlite").path
        let ledger = try Ledger(path: path)
        try ledger.write([1.8e9, 1e12, 1e300].map { time in
            .share(ShareRecord(time: time, coin: "LTC", pool: "p", job: "j", difficulty: 1, result: "accepted",
                               expectedCoins: 0.5, price: 2, currency: "USD"))
        })
        return path
    }

    @Test("rigtop ledger names the bad rows on stderr and totals the rest")
    func reportGoesOn() async throws {
        let path = try Self.ledgerWithBadTimes()
        let result = try await RigtopProcess.run(["ledger", "--ledger", path, "--csv"], seconds: 60)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[1].contains(",LTC,1,0.5,1,USD,"), "\(result.stdout)")
        #expect(result.stderr.contains("2 unusable rows left out of the totals"), "\(result.stderr)")
        #expect(result.stderr.contains("share row 2: time 1000000000000.0 is not a time from 1970 to 9999"), "\(result.stderr)")
        #expect(result.stderr.contains("share row 3: time 1.0e+300"), "\(result.stderr)")
    }

    @Test("rigtop ledger lists the blocks found after the days, and --blocks --csv gives their CSV")
    func blocksFound() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-blocks-\(UUID())/ledger.sqlite").path
        let node = "solo http://127.0.0.1:9332"
        try Ledger(path: path).write([
            .share(ShareRecord(time: 1.8e9, coin: "LTC", pool: node, job: "j", difficulty: 1, result: "accepted",
                               expectedCoins: 0.5, price: 2, currency: "USD")),
            .block(BlockRecord(time: 1.8e9, coin: "LTC", node: node, height: 3_000_001, hash: String(repeating: "ab", count: 32),
                               reward: 6.25, result: "accepted", reason: nil)),
            .block(BlockRecord(time: 1.8e9 + 60, coin: "LTC", node: node, height: 3_000_002, hash: "00cd",
                               reward: 6.25, result: "rejected", reason: "high-hash, \u{1B}[2J")),
        ])
        let report = try await RigtopProcess.run(["ledger", "--ledger", path], seconds: 60)
        #expect(report.status == 0, "\(report.stderr)")
        let lines = report.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("date") == true && lines.contains { $0.hasPrefix("blocks found") }, "\(report.stdout)")
        let accepted = try #require(lines.first { $0.contains("3000001") }, "\(report.stdout)")
        #expect(accepted.contains(String(repeating: "ab", count: 32)) && accepted.contains("6.25") && accepted.contains("accepted"))
        let rejected = try #require(lines.first { $0.contains("3000002") }, "\(report.stdout)")
        #expect(rejected.contains("rejected") && rejected.contains("high-hash"))
        #expect(!report.stdout.contains("\u{1B}"), "a reason from the file reaches the terminal escaped")

        let csv = try await RigtopProcess.run(["ledger", "--ledger", path, "--blocks", "--csv"], seconds: 60)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.first == ["time", "coin", "height", "hash", "reward", "result", "reason", "node"], "\(csv.stdout)")
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 8 }, "\(csv.stdout)")
        #expect(rows.dropFirst().map { $0[2] } == ["3000001", "3000002"])
        #expect(rows.dropFirst().map { $0[5] } == ["accepted", "rejected"])
        #expect(rows.last?[7] == "solo http://127.0.0.1:9332")

        let since = try await RigtopProcess.run(["ledger", "--ledger", path, "--blocks", "--since", "2999-01-01"], seconds: 60)
        #expect(since.stdout == "no blocks found yet\n")
    }

    @Test("rigtop mine --ledger on bad rows mines on, says so, and records")
    func miningGoesOn() async throws {
        let path = try Self.ledgerWithBadTimes()
        let result = try await RigtopProcess.run(["mine", "--ledger", path, "--threads", "1", "--duration", "2", "--json"], seconds: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("ledger: 2 unusable rows left out of the totals"), "\(result.stderr)")
        #expect(try Ledger(readingAt: path).income().badRowCount == 2)
    }

    @Test("a bare relative --ledger path works as ./path does")
    func relativePath() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-relative-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let command = "cd '\(folder)' && exec '\(RigtopProcess.executable.path)' mine --ledger l.sqlite --threads 1 --duration 1"
        let mined = try await ChildProcess.run("/bin/sh", ["-c", command], seconds: 120)
        #expect(mined.termination == .exited(0), "\(mined.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/l.sqlite"))
        let report = try await ChildProcess.run("/bin/sh", ["-c", "cd '\(folder)' && exec '\(RigtopProcess.executable.path)' ledger --ledger l.sqlite"], seconds: 60)
        #expect(report.termination == .exited(0), "\(report.stderr)")
    }
}
