import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

/// `kill -9` a process in the middle of ledger writes, reopen the file: it must be sound, hold
/// whole batches only, and miss at most the last second.
@Suite("ledger survives kill -9 (subprocess)", .subprocesses, .serialized)
struct LedgerCrashTests {
    @Test(arguments: [1.2, 1.6, 2.3])
    func killMidWriteLosesAtMostOneSecond(runFor seconds: Double) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-crash-\(UUID())/ledger.sqlite").path
        let child = try RigtopProcess.start(["ledger", "--ledger", path, "--write-test", "500"])
        // Wait for the first committed batch, then let it write a while.
        #expect(await child.waitForOutput(seconds: 120) { $0.contains("ready") })
        await child.read(for: seconds)
        let killedAt = Date().timeIntervalSince1970
        child.signal(SIGKILL)
        #expect(await child.wait(seconds: 60) == .signalled(SIGKILL))

        let ledger = try Ledger(path: path)
        #expect(try ledger.integrityCheck() == "ok")
        let shares = try ledger.shares()
        #expect(!shares.isEmpty)
        // Whole batches, in order: the jobs are 0, 1, 2… with no gap.
        #expect(shares.enumerated().allSatisfy { $0.element.job == "\($0.offset)" })
        // Every record handed to the writer more than a second before the kill is in the file.
        // (Measured against what the child reports, not the test's clock alone: on a loaded
        // machine the child may simply not have run in the last second, which loses nothing.)
        let appended = child.stdout.split(separator: "\n").compactMap { line -> (sequence: Int, time: Double)? in
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[0] == "appended", let sequence = Int(fields[1]), let time = Double(fields[2])
            else { return nil }
            return (sequence, time)
        }
        let due = try #require(appended.last { $0.time <= killedAt - 1.0 }, "no report a second before the kill")
        #expect(shares.count > due.sequence, "records up to \(due.sequence) were handed over by \(killedAt - due.time) s before the kill; the file has \(shares.count)")
        // The file stays writable after the crash.
        try ledger.write([.share(ShareRecord(time: killedAt, coin: "BTC", pool: "p", job: "after", difficulty: 1,
                                            result: "accepted", expectedCoins: 0, price: 0, currency: "USD"))])
        #expect(try ledger.counts().shares == shares.count + 1)
    }
}
