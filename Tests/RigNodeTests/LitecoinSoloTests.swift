import Foundation
import RigEngine
import RigPools
import RigNode
import RigTestSupport
import Synchronization
import Testing

/// Solo mining into a real Litecoin Core (regtest): its consensus code judges every block.
@Suite(.subprocesses, .serialized, .enabled(if: LitecoinRegtest.installed, "litecoind is not installed (apt-get install litecoind); CI installs it"))
struct LitecoinSoloTests {
    /// The proof of work itself: regtest's target passes about half of all scrypt hashes, so a
    /// node taking blocks proves little unless it also refuses the ones rigtop's scrypt puts
    /// above the target, and names the same block hash as rigtop's SHA-256d of the header.
    @Test func nodeRefusesHighHashAndAgreesOnTheBlockHash() async throws {
        try await LitecoinRegtest.run { nodes in
            let payoutAddress = try await nodes.prepareWallet(blocks: 1)
            let script = try await SoloPayout.address(payoutAddress).resolvedScript(using: nodes.rpc)
            let template = try BlockTemplate(json: try await nodes.rpc.call("getblocktemplate", [["rules": ["mweb", "segwit"]]]))
            #expect(template.height == 2)
            let assembly = BlockAssembly(template: template, payoutScript: script, tag: [1, 2, 3, 4])

            let (high, low) = Self.nonces(assembly)
            let refused = try await nodes.rpc.call("submitblock", [.string(HexCoding.string(
                assembly.block(header: assembly.header(worker: 0, roll: 0, nonce: high), worker: 0, roll: 0)))])
            #expect(refused.stringValue == "high-hash")
            #expect(try await nodes.blockCount() == 1)

            let header = assembly.header(worker: 0, roll: 0, nonce: low)
            let taken = try await nodes.rpc.call("submitblock", [.string(HexCoding.string(
                assembly.block(header: header, worker: 0, roll: 0)))])
            #expect(taken.isNull, "submitblock: \(taken.serialized)")
            let best = try await nodes.rpc.call("getbestblockhash", [])
            #expect(best.stringValue == BlockAssembly.blockHash(header))
            #expect(try await nodes.coinbasePayout(height: 2) == HexCoding.string(script))
        }
    }

    /// The first nonces whose scrypt hash is above and at most the block target.
    static func nonces(_ assembly: BlockAssembly) -> (high: UInt32, low: UInt32) {
        var high: UInt32?
        var low: UInt32?
        var nonce: UInt32 = 0
        while high == nil || low == nil {
            let digest = Scrypt.litecoinProofOfWork(assembly.header(worker: 0, roll: 0, nonce: nonce))
            if assembly.template.target.isMet(by: digest) { low = low ?? nonce } else { high = high ?? nonce }
            nonce += 1
        }
        return (high ?? 0, low ?? 0)
    }

    /// rigtop's own workers, through the engine, mine blocks the node takes, each paying the payout.
    @Test func minesTenBlocksTheNodeAccepts() async throws {
        try await LitecoinRegtest.run { nodes in
            let payoutAddress = try await nodes.prepareWallet(blocks: 1)
            let script = try await nodes.scriptPubKey(of: payoutAddress)
            let startHeight = try await nodes.blockCount()
            let lines = LogLines()
            let engine = try SoloMining.engine(SoloMining.litecoinSource(nodes, payout: payoutAddress, lines: lines))
            let blocks = try await SoloMining.mine(engine, until: "10 accepted blocks", log: lines) {
                await engine.stats.latest.blocks.accepted >= 10
            }
            #expect(blocks.accepted >= 10)
            #expect(blocks.rejected == 0, "\(lines.all)")
            #expect(try await nodes.blockCount() >= startHeight + Int(blocks.accepted))
            for block in (startHeight + 1)...(startHeight + 10) {
                #expect(try await nodes.coinbasePayout(height: block) == script)
            }
            #expect(lines.all.contains { $0.hasPrefix("BLOCK FOUND height ") && $0.hasSuffix("accepted by the node") })
        }
    }

    /// Through MWEB activation (regtest: height 432) with a peg-in in the mempool: rigtop mines the
    /// activation block and those after it, which carry the MWEB data after the HogEx
    /// transaction, and the node takes every one.
    ///
    /// The node mines up to 431 and the peg-in is made there: Litecoin Core 0.21.2.1 keeps a
    /// peg-in made earlier in its mempool but fails its own template at 432 with it
    /// (`bad-txns-vin-empty`).
    @Test func minesThroughMWEBActivationWithAPegIn() async throws {
        try await LitecoinRegtest.run { nodes in
            let payoutAddress = try await nodes.prepareWallet(blocks: 431)
            let script = try await nodes.scriptPubKey(of: payoutAddress)
            let mwebAddress = try await nodes.newAddress("mweb")
            let pegIn = try #require(try await nodes.rpc.call("sendtoaddress", [.string(mwebAddress), 1]).stringValue)
            let lines = LogLines()
            let engine = try SoloMining.engine(SoloMining.litecoinSource(nodes, payout: payoutAddress, lines: lines))
            let blocks = try await SoloMining.mine(engine, until: "blocks up to height 437", log: lines) {
                ((try? await nodes.blockCount()) ?? 0) >= 437
            }
            #expect(blocks.accepted >= 6)
            #expect(blocks.rejected == 0, "\(lines.all)")
            for height in 432...437 {
                #expect(try await nodes.coinbasePayout(height: height) == script, "height \(height)")
            }
            let transaction = try await nodes.rpc.call("gettransaction", [.string(pegIn)])
            #expect(try #require(transaction["confirmations"]?.numberValue) >= 1, "the peg-in was mined")
            let first = try await nodes.rpc.call("getblock", [try await nodes.rpc.call("getblockhash", [432]), 2])
            let transactions = try #require(first["tx"]?.arrayValue)
            #expect(transactions.count >= 3, "coinbase, peg-in, HogEx")
            #expect(transactions.contains { $0["txid"]?.stringValue == pegIn })
            #expect(lines.all.contains { $0.contains("MWEB") })
        }
    }
}
