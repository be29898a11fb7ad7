import Foundation
import RigEngine
import RigPools
@testable import RigNode
import RigTestSupport
import Synchronization
import Testing

/// Solo mining into a real monerod (regtest, offline, fixed difficulty).
@Suite(.subprocesses, .serialized, .enabled(if: MoneroRegtest.installed && HashAlgorithm.randomx.isAvailable,
                             "monerod or librandomx is not installed (apt-get install monero librandomx0); CI installs them"))
struct MoneroSoloTests {
    /// rigtop's workers (light-mode RandomX) mine blocks monerod puts on its chain, and the node's
    /// own `calc_pow` of each block's hashing blob equals rigtop's RandomX hash.
    @Test func minesFiveBlocksMonerodAccepts() async throws {
        let node = try await MoneroRegtest(difficulty: 20)
        do {
            let lines = LogLines()
            let source = MoneroDaemonWorkSource(rpc: node.rpc, wallet: MoneroRegtest.wallet, log: { lines.append($0) })
            let recorder = AcceptedBlocks(inner: source)
            let engine = try SoloMining.engine(recorder, coin: "XMR")
            // Until the node's own chain holds five blocks past genesis, not only until the engine
            // counts five accepted submissions: on a loaded CI machine the two once disagreed (five
            // accepted, chain height 5), and what the node kept is what this test is about.
            let blocks = try await SoloMining.mine(engine, until: "5 accepted blocks on the node's chain", seconds: 150, log: lines) {
                guard await engine.stats.latest.blocks.accepted >= 5 else { return false }
                let count = try? await node.rpc.call("get_block_count", [:])["count"]?.numberValue
                return (count ?? 0) >= 6
            }
            #expect(blocks.accepted >= 5)
            #expect(blocks.rejected == 0, "\(lines.all)")

            // Every block rigtop submitted has the proof of work the node computes for it, and at
            // least five of them are the blocks at their heights on the node's chain.
            let accepted = recorder.shares
            #expect(accepted.count >= 5)
            var onChain = 0
            for share in accepted {
                let header = try await node.rpc.call("get_block_header_by_height", ["height": .number(Double(share.height))])
                if header["block_header"]?["nonce"]?.numberValue == Double(share.share.nonce) { onChain += 1 }
                let pow = try await node.rpc.call("calc_pow", [
                    "major_version": .number(Double(share.share.input[0])), "height": .number(Double(share.height)),
                    "block_blob": .string(HexCoding.string(share.share.input)), "seed_hash": .string(HexCoding.string(share.seed)),
                ])
                #expect(pow.stringValue == HexCoding.string(share.share.digest))
            }
            #expect(onChain >= 5, "\(accepted.map { ($0.height, $0.share.nonce) })")
            let first = try #require(accepted.first)
            let reference = try HashAlgorithm.randomx.referenceDigest(first.share.input, seed: first.seed)
            #expect(reference == first.share.digest)
        } catch {
            await node.stop()
            throw error
        }
        await node.stop()
    }
}

/// A work source that passes everything through and remembers the shares the node took as blocks.
final class AcceptedBlocks: WorkSource {
    struct Block: Sendable {
        var share: FoundShare
        var height: Int
        var seed: [UInt8]
    }

    let inner: MoneroDaemonWorkSource
    private let accepted = Mutex<[Block]>([])

    init(inner: MoneroDaemonWorkSource) { self.inner = inner }

    var label: String { inner.label }
    var shares: [Block] { accepted.withLock { $0 } }

    func run(into sink: WorkSink) async { await inner.run(into: sink) }

    func submit(_ share: FoundShare) async -> ShareOutcome? {
        let template = inner.state.withLock { $0.work(for: share.jobID)?.work }
        let outcome = await inner.submit(share)
        if outcome == .accepted, let template {
            accepted.withLock { $0.append(Block(share: share, height: template.height, seed: template.seedHash)) }
        }
        return outcome
    }
}
