import Foundation
import RigEngine
@testable import RigLedger
@testable import RigLedgerSQLite
import Testing
import RigTestSupport

/// A ledger whose commits fail (the database full, as on a full disk): every record is either
/// written or counted lost, and the writer says so while it happens.
@Suite struct LedgerWriteFailureTests {
    static func eventually(_ seconds: Double = 30, _ condition: () throws -> Bool) async rethrows -> Bool {
        try await RigTestSupport.eventually(seconds, condition)
    }

    static func shares(_ count: Int, from start: Double) -> [LedgerRecord] {
        (0..<count).map { LedgerTests.share(LedgerTests.day1 + start + Double($0)) }
    }

    @Test func failingCommitsAreRetriedReportedAndNeverLostSilently() async throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        let writer = LedgerWriter(ledger: ledger, flushInterval: 0.05, retryLimit: 100)
        writer.start()
        for record in Self.shares(10, from: 0) { writer.append(record) }
        #expect(try await Self.eventually { try ledger.counts().shares == 10 })
        #expect(writer.health.errors == 0 && !writer.health.failing)

        // The database may not grow: 1,000 rows do not fit in the pages it has.
        try ledger.limitPages(1)
        for record in Self.shares(1_000, from: 100) { writer.append(record) }
        #expect(await Self.eventually { writer.health.failing })
        let failing = writer.health
        #expect(failing.errors >= 1)
        #expect(failing.lastError?.contains("full") == true, "\(failing.lastError ?? "no error")")
        // Kept for retrying up to the limit; the rest counted lost, not dropped silently.
        #expect(failing.unwritten == 100)
        #expect(failing.lost == 900)
        #expect(try ledger.counts().shares == 10)

        // Room again: the kept records go in at the next retry.
        try ledger.limitPages(1_000_000)
        #expect(await Self.eventually { !writer.health.failing })
        await writer.stop()
        let health = writer.health
        #expect(try ledger.counts().shares == 110)
        #expect(health.written == 110 && health.lost == 900 && health.unwritten == 0)
    }

    @Test func recordsStillUnwritableAtStopAreCountedLost() async throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        let writer = LedgerWriter(ledger: ledger, flushInterval: 0.05)
        writer.start()
        try ledger.limitPages(1)
        for record in Self.shares(1_000, from: 0) { writer.append(record) }
        #expect(await Self.eventually { writer.health.failing })
        await writer.stop()
        let health = writer.health
        #expect(health.written + health.lost == 1_000)
        #expect(health.lost > 0 && health.unwritten == 0)
        #expect(try ledger.counts().shares == health.written)
    }

    @Test func aCleanStopCheckpointsTheWriteAheadLog() async throws {
        let path = temporaryLedgerPath()
        let ledger = try Ledger(path: path)
        let writer = LedgerWriter(ledger: ledger, flushInterval: 0.05)
        writer.start()
        for record in Self.shares(200, from: 0) { writer.append(record) }
        #expect(try await Self.eventually { try ledger.counts().shares == 200 })
        let walBefore = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walBefore > 0)
        await writer.stop()
        // Truncated: everything is in the main file.
        let walAfter = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walAfter == 0)
        #expect(writer.health.lastError == nil)
    }
}
