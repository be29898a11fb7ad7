import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

/// `rigtop mine` solo against a real Litecoin Core (regtest): what a user runs and reads.
@Suite("rigtop mine solo (subprocess, litecoind)", .subprocesses, .serialized,
       .enabled(if: LitecoinRegtest.installed, "litecoind is not installed (apt-get install litecoind); CI installs it"))
struct SoloMineCommandTests {
    /// The JSON summary reports the blocks the node confirms, each paying the payout address, and
    /// the log names every block found.
    @Test func summaryCountsTheBlocksTheNodeConfirms() async throws {
        try await LitecoinRegtest.run { nodes in
            let address = try await nodes.prepareWallet(blocks: 1)
            let script = try await nodes.scriptPubKey(of: address)
            let pool = "http://\(LitecoinRegtest.user):\(LitecoinRegtest.password)@127.0.0.1:\(nodes.rpcPorts[0])"
            let ledgerPath = nodes.directory + "/ledger.sqlite"
            let result = try await RigtopProcess.run([
                "mine", "--coin", "ltc", "--pool", pool, "--payout", address, "--threads", "2", "--duration", "10",
                "--json", "--ledger", ledgerPath,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                      "\(result.stdout)")
            let blocks = try #require(object["blocks"] as? [String: Any])
            let accepted = try #require(blocks["accepted"] as? Int)
            #expect(accepted >= 1, "\(result.stderr)")
            #expect(blocks["rejected"] as? Int == 0, "\(result.stderr)")
            #expect((blocks["found"] as? Int ?? 0) >= accepted)
            // Regtest's target is difficulty ≈ 4.7e-10: the best share is at least that.
            #expect((blocks["best_share_difficulty"] as? Double ?? 0) > 4e-10)
            #expect(object["pool"] as? String == "solo http://127.0.0.1:\(nodes.rpcPorts[0])")
            let height = try await nodes.blockCount()
            #expect(height >= 1 + accepted)
            for block in 2...(1 + accepted) {
                #expect(try await nodes.coinbasePayout(height: block) == script, "height \(block)")
            }
            // The ledger keeps each block the node took: its height, hash and reward, as the node has them
            // (regtest halves the reward every 150 blocks).
            let recorded = try Ledger(path: ledgerPath).blocks().filter { $0.result == "accepted" }
            #expect(recorded.count == accepted)
            for block in recorded {
                #expect(try await nodes.blockHash(height: block.height) == block.hash)
                #expect(try await nodes.coinbaseValue(height: block.height) == block.reward)
                #expect(block.coin == "LTC")
            }
            #expect(result.stderr.contains("BLOCK FOUND height 2 hash "))
            #expect(result.stderr.contains("accepted by the node"))
            #expect(!result.stderr.contains(LitecoinRegtest.password), "the RPC password is never logged")

            // The same node from the config file's pool list.
            let configPath = nodes.directory + "/config.toml"
            try "[pools.LTC]\nurls = [\"\(pool)\"]\npayout = \"\(address)\"\n".write(toFile: configPath, atomically: true, encoding: .utf8)
            let fromConfig = try await RigtopProcess.run([
                "mine", "--coin", "ltc", "--config", configPath, "--threads", "1", "--duration", "5", "--json", "--no-ledger",
            ])
            #expect(fromConfig.status == 0, "\(fromConfig.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(fromConfig.stdout.utf8)) as? [String: Any])
            #expect(((summary["blocks"] as? [String: Any])?["accepted"] as? Int ?? 0) >= 1, "\(fromConfig.stderr)")
            #expect(try await nodes.blockCount() > height)
        }
    }

    /// Node faults in words: wrong credentials, nothing listening, a node without peers.
    @Test func nodeFaultsAreSaid() async throws {
        try await LitecoinRegtest.run(nodes: 1) { lonely in
            let address = try await lonely.prepareWallet(blocks: 0)
            let port = lonely.rpcPorts[0]
            func mine(_ pool: String) async throws -> String {
                let result = try await RigtopProcess.run([
                    "mine", "--coin", "ltc", "--pool", pool, "--payout", address, "--threads", "1", "--duration", "3",
                    "--no-ledger",
                ])
                #expect(result.status == 0, "\(result.stderr)")
                return result.stdout + result.stderr
            }
            let wrongPassword = try await mine("http://\(LitecoinRegtest.user):wrong@127.0.0.1:\(port)")
            #expect(wrongPassword.contains("HTTP 401"), "\(wrongPassword)")
            #expect(!wrongPassword.contains("wrong@"))
            let refused = try await mine("http://u:p@127.0.0.1:\(LoopbackPort.free())")
            #expect(refused.contains("connection refused"), "\(refused)")
            let alone = try await mine("http://\(LitecoinRegtest.user):\(LitecoinRegtest.password)@127.0.0.1:\(port)")
            #expect(alone.contains("not connected to any peer"), "\(alone)")
        }
    }
}
