import Foundation
import RigEngine
import RigLedger
import RigLedgerSQLite
import Testing

/// Solo blocks in the ledger: height, hash, reward and the node's verdict, read back as written.
@Suite struct BlockRecordTests {
    @Test func blocksAreWrittenAndReadBack() throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        let taken = SoloBlock(height: 2, hash: String(repeating: "ab", count: 32), reward: 50, outcome: .accepted)
        let refused = SoloBlock(height: 3, hash: String(repeating: "cd", count: 32), reward: 50,
                                outcome: .rejected(reason: "high-hash"))
        try ledger.write([
            .block(BlockRecord(taken, time: 1_000, coin: "LTC", node: "solo http://127.0.0.1:9332")),
            .block(BlockRecord(refused, time: 1_001, coin: "LTC", node: "solo http://127.0.0.1:9332")),
        ])
        let blocks = try ledger.blocks()
        #expect(blocks == [
            BlockRecord(time: 1_000, coin: "LTC", node: "solo http://127.0.0.1:9332", height: 2,
                        hash: String(repeating: "ab", count: 32), reward: 50, result: "accepted", reason: nil),
            BlockRecord(time: 1_001, coin: "LTC", node: "solo http://127.0.0.1:9332", height: 3,
                        hash: String(repeating: "cd", count: 32), reward: 50, result: "rejected", reason: "high-hash"),
        ])
        // The other tables are untouched.
        #expect(try ledger.counts().shares == 0)
    }

    /// The report lists the blocks found since its first day, with their local time, whatever
    /// the node said; a day with blocks and no shares still has its blocks listed.
    @Test func theReportListsTheBlocksFound() throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        let early = SoloBlock(height: 7, hash: "00ab", reward: 6.25, outcome: .accepted)
        let late = SoloBlock(height: 8, hash: "00cd", reward: 6.25, outcome: .undecided(reason: "node unreachable"))
        try ledger.write([
            .block(BlockRecord(early, time: LedgerTests.day1, coin: "LTC", node: "solo http://127.0.0.1:9332")),
            .block(BlockRecord(late, time: LedgerTests.day1 + 86_400, coin: "LTC", node: "solo http://127.0.0.1:9332")),
        ])
        let income = try ledger.income()
        #expect(income.days.isEmpty)
        #expect(income.blocks.map(\.record.height) == [7, 8])
        #expect(income.blocks.map(\.record.reason) == [nil, "node unreachable"])
        let localTime = try #require(income.blocks.first?.localTime)
        #expect(localTime.hasPrefix(DailyIncome.localDate(Date(timeIntervalSince1970: LedgerTests.day1))), "\(localTime)")
        #expect(localTime.count == "2026-11-25 14:03:07".count)
        #expect(try ledger.income(since: LedgerTests.day1 + 86_400 - 1).blocks.map(\.record.height) == [8])
    }

    /// A ledger from before solo mining has no block table; a report, which opens it read-only,
    /// lists no blocks and still totals the rest.
    @Test func aLedgerWithoutTheBlockTableStillReports() throws {
        let path = temporaryLedgerPath()
        try Ledger(path: path).write([LedgerTests.share(LedgerTests.day1)])
        try LedgerCorruptionTests.edit(path, "DROP TABLE block; DELETE FROM grdb_migrations WHERE identifier = 'v2: solo blocks'")
        let income = try Ledger(readingAt: path).income()
        #expect(income.blocks.isEmpty)
        #expect(income.days.map(\.acceptedShares) == [1])
        #expect(income.badRowCount == 0)
    }
}
