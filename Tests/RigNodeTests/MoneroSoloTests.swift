import Foundation
import RigEngine
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
            let blocks = try await SoloMining.mine(engine, until: "5 accepted blocks", seconds: 150, log: lines) {
                await engine.stats.latest.blocks.accepted >= 5
            }
            #expect(blocks.accepted >= 5)
            #expect(blocks.rejected == 0, "\(lines.all)")
            let count = try #require(try await node.rpc.call("get_block_count", [:])["count"]?.numberValue)
            #expect(count >= 6)

            let accepted = recorder.shares
            #expect(accepted.count >= 5)
            for share in accepted.prefix(5) {
                let header = try await node.rpc.call("get_block_header_by_height", ["height": .number(Double(share.height))])
                #expect(header["block_header"]?["nonce"]?.numberValue == Double(share.share.nonce))
                let pow = try await node.rpc.call("calc_pow", [
                    "major_version": .number(Double(share.share.input[0])), "height": .number(Double(share.height)),
                    "block_blob": .string(HexCoding.string(share.share.input)), "seed_hash": .string(HexCoding.string(share.seed)),
                ])
                #expect(pow.stringValue == HexCoding.string(share.share.digest))
            }
            let reference = try HashAlgorithm.randomx.referenceDigest(accepted[0].share.input, seed: accepted[0].seed)
            #expect(reference == accepted[0].share.digest)
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
