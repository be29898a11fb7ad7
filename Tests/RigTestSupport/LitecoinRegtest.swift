import Foundation
import RigEngine
import RigInput
import RigNode
import Synchronization

/// Two Litecoin Core regtest nodes connected to each other on loopback, in a temporary directory:
/// the first is the one rigtop mines against (its wallet holds coins), the second makes it
/// "connected" (a node alone answers getblocktemplate with "not connected").
///
/// Skipped, with a message, where `litecoind` is not installed (CI installs it). Stopped by its own
/// RPC (`stop`), then reaped.
public final class LitecoinRegtest {
    public static let binary = "/usr/bin/litecoind"
    public static var installed: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    public static let user = "rigtop"
    public static let password = "regtest-password"

    public let directory: String
    public let rpcPorts: [Int]
    private(set) var processes: [ChildProcess] = []
    private var arguments: [[String]] = []

    /// The mining node's RPC.
    public var rpc: NodeRPC { NodeRPC(url: url, callTimeout: 60) }
    public var url: NodeURL { NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: rpcPorts[0], user: Self.user, password: Self.password) }
    public var peerRPC: NodeRPC {
        NodeRPC(url: NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: rpcPorts[1], user: Self.user, password: Self.password),
                callTimeout: 60)
    }

    /// Starts `count` (1 or 2) nodes and waits until their RPC answers and, with two, until they
    /// are connected.
    public init(nodes count: Int = 2) async throws {
        directory = NSTemporaryDirectory() + "rigtop-ltc-\(UInt32.random(in: 0...UInt32.max))"
        let p2pPorts = (0..<count).map { _ in LoopbackPort.free() }
        rpcPorts = (0..<count).map { _ in LoopbackPort.free() }
        for index in 0..<count {
            let data = directory + "/node\(index)"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            var arguments = [
                "-regtest", "-datadir=\(data)", "-server", "-rpcuser=\(Self.user)", "-rpcpassword=\(Self.password)",
                "-rpcbind=127.0.0.1", "-rpcallowip=127.0.0.1", "-rpcport=\(rpcPorts[index])",
                "-listen=1", "-bind=127.0.0.1:\(p2pPorts[index])", "-port=\(p2pPorts[index])",
                "-fallbackfee=0.0001", "-printtoconsole=0", "-upnp=0", "-dnsseed=0", "-discover=0",
            ]
            for other in 0..<count where other != index { arguments.append("-connect=127.0.0.1:\(p2pPorts[other])") }
            if count == 1 { arguments.append("-connect=0") }
            self.arguments.append(arguments)
            processes.append(try ChildProcess(Self.binary, arguments, captureOutput: false))
        }
        let nodes = (0..<count).map { index in
            NodeRPC(url: NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: rpcPorts[index], user: Self.user,
                                 password: Self.password), callTimeout: 60)
        }
        do {
            for node in nodes { try await Self.waitUntilAnswering(node) }
            if count > 1 {
                try await Self.poll("the nodes to connect") {
                    (try? await nodes[0].call("getconnectioncount", []).numberValue).map { $0 >= 1 } ?? false
                }
            }
        } catch {
            // A node that never answered is not left running, nor its directory behind.
            await stop()
            throw error
        }
    }

    /// Runs `body` with `nodes` started nodes, and stops them however it ends.
    public static func run(nodes count: Int = 2, _ body: (LitecoinRegtest) async throws -> Void) async throws {
        let nodes = try await LitecoinRegtest(nodes: count)
        do {
            try await body(nodes)
        } catch {
            await nodes.stop()
            throw error
        }
        await nodes.stop()
    }

    /// Creates the wallet, and mines `blocks` with the node's own miner (one leaves initial sync).
    public func prepareWallet(blocks: Int) async throws -> String {
        _ = try await rpc.call("createwallet", ["rigtop"])
        let address = try await newAddress()
        if blocks > 0 { _ = try await rpc.call("generatetoaddress", [.number(Double(blocks)), .string(address)], timeout: 300) }
        return address
    }

    public func newAddress(_ type: String? = nil) async throws -> String {
        let reply = try await rpc.call("getnewaddress", type.map { ["", .string($0)] } ?? [])
        guard let address = reply.stringValue else { throw RegtestError("getnewaddress: \(reply.serialized)") }
        return address
    }

    /// The scriptPubKey (hex) of an address, as the node's `validateaddress` gives it.
    public func scriptPubKey(of address: String) async throws -> String {
        guard let script = try await rpc.call("validateaddress", [.string(address)])["scriptPubKey"]?.stringValue else {
            throw RegtestError("validateaddress \(address)")
        }
        return script
    }

    public func blockCount() async throws -> Int {
        guard let number = try await rpc.call("getblockcount", []).numberValue, let count = Int(exactly: number) else {
            throw RegtestError("getblockcount")
        }
        return count
    }

    /// The hash of the block at `height` on the node's chain.
    public func blockHash(height: Int) async throws -> String? {
        try await rpc.call("getblockhash", [.number(Double(height))]).stringValue
    }

    /// The scriptPubKey (hex) the coinbase of the block at `height` pays first.
    public func coinbasePayout(height: Int) async throws -> String? {
        try await firstCoinbaseOutput(height: height)?["scriptPubKey"]?["hex"]?.stringValue
    }

    /// What the coinbase of the block at `height` pays first, in coins.
    public func coinbaseValue(height: Int) async throws -> Double? {
        try await firstCoinbaseOutput(height: height)?["value"]?.numberValue
    }

    private func firstCoinbaseOutput(height: Int) async throws -> JSONValue? {
        let hash = try await rpc.call("getblockhash", [.number(Double(height))])
        let block = try await rpc.call("getblock", [hash, 2])
        return block["tx"]?.arrayValue?.first?["vout"]?.arrayValue?.first
    }

    /// Stops every node through `stop` and reaps it; removes the directory.
    public func stop() async {
        for index in processes.indices { await stopNode(index) }
        processes = []
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops node `index` through its RPC and reaps it (killed if it does not exit in a minute).
    public func stopNode(_ index: Int) async {
        _ = try? await node(index).call("stop", [])
        _ = await processes[index].wait(seconds: 60)  // killed and reaped if it has not exited by then
    }

    /// Starts node `index` again, as it was started, and waits until its RPC answers.
    public func startNode(_ index: Int) async throws {
        processes[index] = try ChildProcess(Self.binary, arguments[index], captureOutput: false)
        try await Self.waitUntilAnswering(node(index))
    }

    private func node(_ index: Int) -> NodeRPC {
        NodeRPC(url: NodeURL(kind: .blockTemplate, host: "127.0.0.1", port: rpcPorts[index], user: Self.user,
                             password: Self.password), callTimeout: 30)
    }

    public static func waitUntilAnswering(_ node: NodeRPC) async throws {
        try await poll("the node's RPC at \(node.url)") {
            do {
                _ = try await node.call("getblockcount", [])
                return true
            } catch {
                return false
            }
        }
    }

    /// Polls `condition` every 200 ms for up to `seconds` (generous: CI machines are loaded).
    /// On a timeout the error carries the work source's log, to show what it was doing.
    public static func poll(_ what: String, seconds: Double = 90, log: LogLines? = nil, _ condition: () async -> Bool) async throws {
        if await eventually(seconds, every: .milliseconds(200), condition) { return }
        throw RegtestError("timed out waiting for \(what)" + (log.map { "; log: \($0.all.suffix(30))" } ?? ""))
    }
}

public struct RegtestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Log lines a work source or a child process wrote, for the assertions.
public final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    public init() {}
    public func append(_ line: String) { lines.withLock { $0.append(line) } }
    public var all: [String] { lines.withLock { $0 } }
}
