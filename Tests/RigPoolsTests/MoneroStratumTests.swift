import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
import RigTestSupport
import RigEngine
@testable import RigPools

/// A Monero stratum pool that speaks the protocol (login, job, submit, keepalived) and checks each
/// submit's shape: session, job, 8-hex nonce, 64-hex result. Given a `verifier` (a RandomX hash
/// under ``seed``), it also checks each share as a pool does: the result is the hash of the job's
/// blob with the nonce, and meets the job's target.
final class TestMoneroPool: Sendable {
    struct Received: Sendable {
        var method: String
        var params: [String: String]
    }

    private struct State {
        var received: [Received] = []
        var seen: Set<String> = []
        var clients: [any Channel] = []
        /// Compact targets of the jobs sent, by id.
        var targets: [String: UInt32] = [:]
        var accepted = 0
        var rejected = 0
        var rejectReasons: [String] = []
    }

    let port: Int
    let loginTarget: String
    private let verifier: (@Sendable ([UInt8]) -> [UInt8])?
    private let channel: any Channel
    private let state: Mutex<State>

    static let blob = String(repeating: "07", count: 39) + "00000000" + String(repeating: "ab", count: 33)
    static let seed = String(repeating: "5e", count: 32)

    private init(port: Int, channel: any Channel, loginTarget: String, verifier: (@Sendable ([UInt8]) -> [UInt8])?) {
        self.port = port
        self.channel = channel
        self.loginTarget = loginTarget
        self.verifier = verifier
        self.state = Mutex(State())
    }

    /// - Parameters:
    ///   - loginTarget: the login job's target, as the pool writes it (compact, little-endian hex).
    ///   - verifier: the RandomX hash under ``seed``; nil checks only the shape of submits.
    ///   - port: 0 for any free port.
    static func start(loginTarget: String = "b88d0600", verifier: (@Sendable ([UInt8]) -> [UInt8])? = nil,
                      port: Int = 0) async throws -> TestMoneroPool {
        let shared = Mutex<TestMoneroPool?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(StratumLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(Handler { line, channel in
                        shared.withLock { $0 }?.received(line, on: channel)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let pool = TestMoneroPool(port: channel.localAddress!.port!, channel: channel, loginTarget: loginTarget,
                                  verifier: verifier)
        shared.withLock { $0 = pool }
        return pool
    }

    var url: PoolURL { PoolURL(host: "127.0.0.1", port: port) }
    var received: [Received] { state.withLock { $0.received } }
    var accepted: Int { state.withLock { $0.accepted } }
    var rejected: Int { state.withLock { $0.rejected } }
    var rejectReasons: [String] { state.withLock { $0.rejectReasons } }
    var connectionCount: Int { state.withLock { $0.clients.count } }

    func stop() async {
        for client in state.withLock({ $0.clients }) { try? await client.close() }
        try? await channel.close()
    }

    func sendJob(id: String, target: String, height: Int = 3_000_000) {
        let line = #"{"jsonrpc":"2.0","method":"job","params":\#(Self.job(id: id, target: target, height: height))}"#
        let clients = state.withLock { state -> [any Channel] in
            state.targets[id] = Self.compact(target)
            return state.clients
        }
        for client in clients { client.writeAndFlush(ByteBuffer(string: line + "\n"), promise: nil) }
    }

    private static func job(id: String, target: String, height: Int) -> String {
        #"{"blob":"\#(blob)","job_id":"\#(id)","target":"\#(target)","seed_hash":"\#(seed)","height":\#(height),"algo":"rx/0"}"#
    }

    private static func compact(_ target: String) -> UInt32 {
        (Hex.bytes(target).prefix(4)).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    }

    /// A pool's share check: the result is the blob's hash and its top 64 bits (little-endian)
    /// are at most 2^64 / difficulty, difficulty = 0xffffffff / compact target (xmrig's reading).
    private func verify(_ params: [String: String], verifier: @Sendable ([UInt8]) -> [UInt8]) -> String? {
        guard let compact = state.withLock({ $0.targets[params["job_id"] ?? ""] }) else { return "Unknown job" }
        var input = Hex.bytes(Self.blob)
        input.replaceSubrange(39..<43, with: Hex.bytes(params["nonce"] ?? ""))
        let hash = verifier(input)
        guard Hex.string(hash) == params["result"] else { return "Invalid result" }
        let top = hash[24..<32].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        let difficulty = 4_294_967_295.0 / Double(compact)
        guard Double(top) <= 0x1p64 / difficulty else { return "Low difficulty share" }
        return nil
    }

    private func received(_ line: String, on channel: any Channel) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let method = object["method"] as? String, let id = object["id"] as? Int else { return }
        let params = (object["params"] as? [String: Any] ?? [:]).compactMapValues { value -> String? in
            if let text = value as? String { return text }
            if let list = value as? [String] { return list.joined(separator: ",") }
            return nil
        }
        let firstSubmit = state.withLock { state -> Bool in
            state.received.append(Received(method: method, params: params))
            if method == "login" {
                state.clients.append(channel)
                state.targets["j1"] = Self.compact(loginTarget)
            }
            return method == "submit" && state.seen.insert("\(params["job_id"] ?? "")/\(params["nonce"] ?? "")").inserted
        }
        let reply: String
        switch method {
        case "login":
            reply = #"{"id":\#(id),"jsonrpc":"2.0","error":null,"result":{"id":"session-1","job":\#(Self.job(id: "j1", target: loginTarget, height: 3_000_000)),"extensions":["keepalive"],"status":"OK"}}"#
        case "keepalived":
            reply = #"{"id":\#(id),"jsonrpc":"2.0","error":null,"result":{"status":"KEEPALIVED"}}"#
        case "submit":
            let valid = params["id"] == "session-1" && params["nonce"]?.count == 8 && params["result"]?.count == 64
            let failure = !valid ? "Malformed share" : !firstSubmit ? "Duplicate share"
                : verifier.flatMap { verify(params, verifier: $0) }
            state.withLock { state in
                if let failure {
                    state.rejected += 1
                    state.rejectReasons.append(failure)
                } else {
                    state.accepted += 1
                }
            }
            if let failure {
                reply = #"{"id":\#(id),"jsonrpc":"2.0","error":{"code":-1,"message":"\#(failure)"}}"#
            } else {
                reply = #"{"id":\#(id),"jsonrpc":"2.0","error":null,"result":{"status":"OK"}}"#
            }
        default:
            reply = #"{"id":\#(id),"jsonrpc":"2.0","error":{"code":-1,"message":"Unknown method"}}"#
        }
        channel.writeAndFlush(ByteBuffer(string: reply + "\n"), promise: nil)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = String
        let onLine: @Sendable (String, any Channel) -> Void
        init(onLine: @escaping @Sendable (String, any Channel) -> Void) { self.onLine = onLine }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { onLine(unwrapInboundIn(data), context.channel) }
        func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
    }
}

@Suite(.serialized) struct MoneroStratumTests {
    final class Jobs: Sendable {
        let jobs = Mutex<[MoneroJob]>([])
        var all: [MoneroJob] { jobs.withLock { $0 } }
    }

    @Test func jobTargetsAndNonces() throws {
        let job = try MoneroJob(json: [
            "job_id": "1", "blob": .string(TestMoneroPool.blob), "target": "b88d0600",
            "seed_hash": .string(TestMoneroPool.seed), "height": 3_000_000, "algo": "rx/0",
        ])
        // xmrig: difficulty = 0xffffffff / 0x00068db8.
        #expect(abs(job.difficulty - 4_294_967_295.0 / 429_496) < 1e-6)
        #expect(abs(job.target.expectedHashesPerShare - job.difficulty) / job.difficulty < 1e-9)
        #expect(job.seedHash == Hex.bytes(TestMoneroPool.seed))
        #expect(job.height == 3_000_000)
        #expect(MoneroJob.nonceHex(0x1234_5678) == "78563412")
        #expect(Array(job.input(nonce: 0x1234_5678)[39..<43]) == [0x78, 0x56, 0x34, 0x12])
        #expect(job.input(nonce: 1).count == job.blob.count)
        let wide = try MoneroJob(json: ["job_id": "2", "blob": .string(TestMoneroPool.blob), "target": "0000000000010000"])
        #expect(wide.difficulty == 16_777_216)  // 2^64 / 2^40
        #expect(throws: StratumProtocolError.self) { try MoneroJob(json: ["job_id": "3", "blob": "00", "target": "b88d0600"]) }
        #expect(throws: StratumProtocolError.self) {
            try MoneroJob(json: ["job_id": "4", "blob": .string(TestMoneroPool.blob), "target": "00000000"])
        }
    }

    @Test func loginJobsSubmitAndKeepalive() async throws {
        let pool = try await TestMoneroPool.start()
        let client = MoneroStratumClient(url: PoolURL(host: "127.0.0.1", port: pool.port), login: "wallet", password: "pw",
                                         keepaliveSeconds: 0.2)
        let jobs = Jobs()
        let task = Task { try await client.run { job in jobs.jobs.withLock { $0.append(job) } } }
        #expect(await TestStratumPool.eventually { jobs.all.count == 1 })
        #expect(client.session == "session-1")
        let login = try #require(pool.received.first)
        #expect(login.method == "login")
        #expect(login.params["login"] == "wallet" && login.params["pass"] == "pw" && login.params["algo"] == "rx/0,rx/2")
        #expect(login.params["agent"]?.hasPrefix("rigtop") == true)

        pool.sendJob(id: "j2", target: "e4a63d00")
        #expect(await TestStratumPool.eventually { jobs.all.count == 2 })
        #expect(jobs.all.last?.id == "j2")

        let result = [UInt8](repeating: 0x11, count: 32)
        #expect(await client.submit(jobID: "j2", nonce: 0xdead_beef, result: result) == .result(["status": "OK"]))
        let submit = try #require(pool.received.last { $0.method == "submit" })
        #expect(submit.params["nonce"] == "efbeadde")
        #expect(submit.params["job_id"] == "j2")
        #expect(submit.params["id"] == "session-1")
        let duplicate = await client.submit(jobID: "j2", nonce: 0xdead_beef, result: result)
        #expect(duplicate == .error(StratumError(code: -1, message: "Duplicate share")))
        #expect(await TestStratumPool.eventually { pool.received.contains { $0.method == "keepalived" } })
        task.cancel()
        _ = await task.result
        await pool.stop()
    }
}
