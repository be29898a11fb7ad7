import Foundation
import RigEngine
import RigPools
import RigNode
import RigTestSupport
import Testing

/// How the getblocktemplate source lives with a real node that is not ready, goes away and comes
/// back, and finds blocks of others.
@Suite(.subprocesses, .serialized, .enabled(if: LitecoinRegtest.installed, "litecoind is not installed (apt-get install litecoind); CI installs it"))
struct NodeFaultTests {
    /// Reconnects within a few seconds in tests (the pools' backoff, shrunk).
    static var timing: PoolTiming {
        var timing = PoolTiming()
        timing.initialBackoff = 0.2
        timing.maximumBackoff = 1
        return timing
    }

    /// Two nodes with `blocks` mined by the node, and an engine (not started) mining against the
    /// first with the quick backoff.
    static func withMiner(blocks: Int, _ body: (LitecoinRegtest, MiningEngine, String, LogLines) async throws -> Void) async throws {
        try await LitecoinRegtest.run { nodes in
            let address = try await nodes.prepareWallet(blocks: blocks)
            let lines = LogLines()
            let engine = try SoloMining.engine(SoloMining.litecoinSource(nodes, payout: address, lines: lines, timing: timing))
            try await body(nodes, engine, address, lines)
        }
    }

    /// A node in initial sync is waited for, and said to be; a node that restarts is reconnected to.
    @Test func waitsOutInitialSyncAndReconnectsAfterARestart() async throws {
        try await Self.withMiner(blocks: 0) { nodes, engine, address, lines in
            let blocks = try await SoloMining.mine(engine, until: "blocks after a sync and a restart", log: lines) {
                await Self.syncThenRestart(nodes, engine: engine, address: address, lines: lines)
            }
            #expect(blocks.rejected == 0, "\(lines.all)")
        }
    }

    /// The scenario, step by step while the engine runs; true once blocks follow the restart.
    static func syncThenRestart(_ nodes: LitecoinRegtest, engine: MiningEngine, address: String, lines: LogLines) async -> Bool {
        do {
            try await LitecoinRegtest.poll("the initial sync message", log: lines) {
                lines.all.contains { $0.contains("initial sync; waiting") }
            }
            #expect(await engine.stats.latest.blocks.found == 0)
            #expect(await engine.stats.latest.pool?.connection != .mining)
            _ = try await nodes.rpc.call("generatetoaddress", [1, .string(address)])
            try await LitecoinRegtest.poll("blocks after the sync", log: lines) {
                await engine.stats.latest.blocks.accepted >= 2
            }
            await nodes.stopNode(0)
            try await LitecoinRegtest.poll("the lost node said", log: lines) {
                lines.all.contains { $0.contains("connection refused") }
            }
            let before = await engine.stats.latest.blocks.accepted
            try await nodes.startNode(0)
            try await LitecoinRegtest.poll("blocks after the restart", log: lines) {
                await engine.stats.latest.blocks.accepted >= before + 2
            }
            return true
        } catch {
            Issue.record(error)
            return true
        }
    }

    /// A block found elsewhere (the other node) reaches the threads as a new job: by long poll,
    /// or by the once-a-second poll where long poll is not answered.
    @Test func aBlockFromElsewhereBringsNewWork() async throws {
        try await Self.withMiner(blocks: 1) { nodes, engine, address, lines in
            await engine.send(.pause)  // before the threads start: the job is watched, never hashed
            let blocks = try await SoloMining.mine(engine, until: "a job for height 3", log: lines) {
                guard await engine.stats.latest.jobID?.hasPrefix("2-") == true else { return false }
                _ = try? await nodes.peerRPC.call("generatetoaddress", [1, .string(address)])
                return (try? await LitecoinRegtest.poll("a job for height 3", seconds: 30, log: lines) {
                    await engine.stats.latest.jobID?.hasPrefix("3-") == true
                }) != nil
            }
            #expect(blocks.found == 0)
        }
    }
}
