import Foundation
import NIOCore
import NIOPosix
import RigEngine
@testable import RigNode
import RigTestSupport

/// monerod in regtest, offline, at a fixed difficulty, on loopback ports in a temporary directory;
/// stopped by its own RPC (`stop_daemon`). Skipped where monerod is not installed.
final class MoneroRegtest {
    static let binary = "/usr/bin/monerod"
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    /// The Monero General Fund's address: a valid mainnet address, which regtest accepts.
    static let wallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"

    let directory: String
    let port: Int
    private var process: ChildProcess?

    var url: NodeURL { NodeURL(kind: .moneroDaemon, host: "127.0.0.1", port: port) }
    var rpc: NodeRPC { NodeRPC(url: url, callTimeout: 60) }

    init(difficulty: Int) async throws {
        directory = NSTemporaryDirectory() + "rigtop-xmr-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = LoopbackPort.free()
        process = try ChildProcess(Self.binary, [
            "--regtest", "--offline", "--fixed-difficulty", String(difficulty), "--data-dir", directory,
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", String(port), "--p2p-bind-ip", "127.0.0.1",
            "--p2p-bind-port", String(LoopbackPort.free()), "--zmq-rpc-bind-port", String(LoopbackPort.free()),
            "--non-interactive", "--no-igd", "--log-level", "0",
        ], captureOutput: false)
        let rpc = rpc
        do {
            try await LitecoinRegtest.poll("monerod's RPC", seconds: 120) {
                (try? await rpc.call("get_block_count", [:])) != nil
            }
        } catch {
            await stop()
            throw error
        }
    }

    func stop() async {
        _ = try? await NodeHTTP.post(host: "127.0.0.1", port: port, path: "/stop_daemon", body: Array("{}".utf8),
                                     authorization: nil, group: MultiThreadedEventLoopGroup.singleton,
                                     connectTimeout: .seconds(5), deadline: 30)
        _ = await process?.wait(seconds: 90)  // killed and reaped if it has not exited by then
        process = nil
        try? FileManager.default.removeItem(atPath: directory)
    }
}
