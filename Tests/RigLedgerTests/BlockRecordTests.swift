import Foundation
import RigEngine
import RigLedger
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
}
