import Foundation
import RigLedger
import Testing

/// `kill -9` a process in the middle of ledger writes, reopen the file: it must be sound, hold
/// whole batches only, and miss at most the last second.
@Suite("ledger survives kill -9 (subprocess)", .serialized)
struct LedgerCrashTests {
    @Test(arguments: [0.3, 0.9, 1.7])
    func killMidWriteLosesAtMostOneSecond(runFor seconds: Double) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-crash-\(UUID())/ledger.sqlite").path
        let process = Process()
        process.executableURL = RigtopProcess.executable
        process.arguments = ["ledger", "--ledger", path, "--write-test", "5000"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first committed batch, then let it write a while.
        let ready = out.fileHandleForReading.availableData
        #expect(String(decoding: ready, as: UTF8.self).contains("ready"))
        Thread.sleep(forTimeInterval: seconds)
        let killedAt = Date().timeIntervalSince1970
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let ledger = try Ledger(path: path)
        #expect(try ledger.integrityCheck() == "ok")
        let shares = try ledger.shares()
        #expect(!shares.isEmpty)
        // Whole batches, in order: the jobs are 0, 1, 2… with no gap.
        #expect(shares.enumerated().allSatisfy { $0.element.job == "\($0.offset)" })
        let newest = try #require(shares.last).time
        #expect(killedAt - newest <= 1.0, "lost \(killedAt - newest) s")
        // The file stays writable after the crash.
        try ledger.write([.share(ShareRecord(time: killedAt, coin: "BTC", pool: "p", job: "after", difficulty: 1,
                                            result: "accepted", expectedCoins: 0, price: 0, currency: "USD"))])
        #expect(try ledger.counts().shares == shares.count + 1)
    }
}
