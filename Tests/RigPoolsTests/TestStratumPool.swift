import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import RigEngine
@testable import RigPools
import RigTestSupport

/// A Stratum v1 pool in the test process: subscribe, authorize, notify, set_difficulty,
/// set_extranonce, client.reconnect and submit, validating every share the way pools do.
///
/// Header construction here is written independently of ``StratumJob`` (byte reversal of the hex
/// fields, as cpuminer's word swaps amount to), so the two check each other. Hashes are the
/// portable reference ones.
final class TestStratumPool: Sendable {
    /// How the pool misbehaves on its first `count` connections; later ones are well-behaved.
    enum Misbehaviour: Sendable {
        case none
        /// Sends this line (a newline is added) right after the subscribe reply.
        case sendAfterSubscribe(String)
        /// Sends this many bytes with no newline after the subscribe reply.
        case floodAfterSubscribe(Int)
        /// Never answers anything.
        case silent
    }

    struct Job: Sendable {
        var id: String
        var prevhash: String
        var coinb1: String
        var coinb2: String
        var branches: [String]
        var version = "20000000"
        var nbits = "1d00ffff"
        var ntime: String
    }

    struct Submission: Sendable {
        var jobID: String
        var extranonce2: String
        var ntime: String
        var nonce: String
        /// nil: accepted; else the error code sent back.
        var errorCode: Int?
    }

    private struct Connection: Sendable {
        var channel: any Channel
        var extranonce1: String
        /// The extranonce1 before the last `mining.set_extranonce`, and the first job number it
        /// does not cover: the extension's spec applies a new value from the next notify on.
        var previousExtranonce1: (value: String, untilJob: Int)?
        var subscribed = false
        var authorized = false
        var difficulty: Double
        var previousDifficulty: Double
        var silent = false
    }

    private struct State {
        var algorithm: HashAlgorithm
        var difficulty: Double
        var extranonce2Size: Int
        var misbehaviour: Misbehaviour = .none
        var misbehaveCount = 0
        var jobs: [String: Job] = [:]
        var validJobs: Set<String> = []
        var currentJob: Job?
        var nextJob = 1
        var connections: [Int: Connection] = [:]
        var connectionCount = 0
        var seen: Set<String> = []
        var submissions: [Submission] = []
        var linesReceived: [String] = []
        var pushJobOnSubscribe = false
        /// Seconds before a submit is answered (0: at once); nil: submits are never answered.
        var submitReplyDelay: Double? = 0
        var unansweredSubmits = 0
        var mostUnansweredSubmits = 0
    }

    private let state: Mutex<State>
    private let serverChannel: Mutex<(any Channel)?> = Mutex(nil)
    let port: Int

    private init(port: Int, state: State) {
        self.port = port
        self.state = Mutex(state)
    }

    /// Starts a pool on 127.0.0.1 (`port` 0: any free port).
    /// - Parameter tls: serve TLS with ``TestTLSCertificate`` (a `stratum+ssl://` pool).
    static func start(algorithm: HashAlgorithm = .sha256d, difficulty: Double = 0.0001, extranonce2Size: Int = 4,
                      port: Int = 0, tls: Bool = false) async throws -> TestStratumPool {
        let box = Mutex<TestStratumPool?>(nil)
        let tlsContext = tls ? try TestTLSCertificate.serverContext() : nil
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let pool = box.withLock({ $0 }) else { throw ChannelError.ioOnClosedChannel }
                    if let tlsContext { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tlsContext)) }
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(pool: pool))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let pool = TestStratumPool(
            port: channel.localAddress!.port!,
            state: State(algorithm: algorithm, difficulty: difficulty, extranonce2Size: extranonce2Size))
        box.withLock { $0 = pool }
        pool.serverChannel.withLock { $0 = channel }
        pool.makeJob(clean: true, broadcast: false)
        return pool
    }

    func stop() async {
        dropAll()
        let channel = serverChannel.withLock { channel -> (any Channel)? in
            defer { channel = nil }
            return channel
        }
        try? await channel?.close()
    }

    var url: PoolURL { PoolURL(host: "127.0.0.1", port: port) }

    func misbehave(_ misbehaviour: Misbehaviour, connections count: Int = 1) {
        state.withLock {
            $0.misbehaviour = misbehaviour
            $0.misbehaveCount = count
        }
    }

    var submissions: [Submission] { state.withLock { $0.submissions } }
    var accepted: Int { submissions.filter { $0.errorCode == nil }.count }
    var rejected: Int { submissions.filter { $0.errorCode != nil }.count }
    var connectionCount: Int { state.withLock { $0.connectionCount } }
    var openConnections: Int { state.withLock { $0.connections.count } }
    /// Every line the pool read, in order.
    var linesReceived: [String] { state.withLock { $0.linesReceived } }

    /// Sends the current job and difficulty in the same write as the subscribe reply (as some
    /// pools do), and not again after authorize: the miner must mine a job that arrived before
    /// its handshake finished.
    func pushJobOnSubscribe(_ enabled: Bool) { state.withLock { $0.pushJobOnSubscribe = enabled } }
    var currentJobID: String? { state.withLock { $0.currentJob?.id } }

    /// Answers submits after `seconds` (0: at once), or never (nil), from now on; a slow or
    /// silent pool for the share pipeline.
    func answerSubmits(after seconds: Double?) { state.withLock { $0.submitReplyDelay = seconds } }

    /// The most submits that waited for their answer at once.
    var mostUnansweredSubmits: Int { state.withLock { $0.mostUnansweredSubmits } }

    // MARK: - Driving the pool

    /// Makes a new job and sends it to every connection.
    @discardableResult
    func makeJob(clean: Bool, broadcast: Bool = true) -> Job {
        let job = state.withLock { state -> Job in
            let id = String(state.nextJob, radix: 16)
            state.nextJob += 1
            let job = Job(
                id: id, prevhash: Self.randomHex(32),
                // A coinbase shaped like a real one: version, one input with the extranonces in its script.
                coinb1: "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20" + Self.randomHex(8),
                coinb2: Self.randomHex(12) + "ffffffff0100f2052a010000001976a914" + Self.randomHex(20) + "88ac00000000",
                branches: (0..<3).map { _ in Self.randomHex(32) },
                ntime: String(format: "%08x", UInt32(Date().timeIntervalSince1970)))
            state.jobs[id] = job
            if clean { state.validJobs = [] }
            state.validJobs.insert(id)
            state.currentJob = job
            return job
        }
        if broadcast { sendToAll(notifyLine(job, clean: clean)) }
        return job
    }

    func setDifficulty(_ difficulty: Double) {
        let channels = state.withLock { state -> [any Channel] in
            state.difficulty = difficulty
            for key in state.connections.keys {
                state.connections[key]!.previousDifficulty = state.connections[key]!.difficulty
                state.connections[key]!.difficulty = difficulty
            }
            return state.connections.values.map(\.channel)
        }
        for channel in channels { Self.write(#"{"id":null,"method":"mining.set_difficulty","params":[\#(difficulty)]}"#, to: channel) }
    }

    /// Gives every connection a new extranonce1 and tells it so; it applies from the next job on
    /// (as the extension's spec has it), and with `followedByJob` that job is sent at once.
    func setExtranonce(followedByJob: Bool = true) {
        let updates = state.withLock { state -> [(any Channel, String, Int)] in
            var updates: [(any Channel, String, Int)] = []
            for key in state.connections.keys {
                let fresh = Self.randomHex(4)
                state.connections[key]!.previousExtranonce1 = (state.connections[key]!.extranonce1, state.nextJob)
                state.connections[key]!.extranonce1 = fresh
                updates.append((state.connections[key]!.channel, fresh, state.extranonce2Size))
            }
            return updates
        }
        for (channel, extranonce1, size) in updates {
            Self.write(#"{"id":null,"method":"mining.set_extranonce","params":["\#(extranonce1)",\#(size)]}"#, to: channel)
        }
        if followedByJob { makeJob(clean: false) }
    }

    func sendToAll(_ line: String) {
        for channel in state.withLock({ $0.connections.values.map(\.channel) }) { Self.write(line, to: channel) }
    }

    func dropAll() {
        for channel in state.withLock({ $0.connections.values.map(\.channel) }) { channel.close(promise: nil) }
    }

    /// Polls `condition` every 20 ms for up to `seconds`: a ceiling for a loaded CI machine, where
    /// the whole suite's tasks share two threads; a passing test ends on its condition.
    static func eventually(_ seconds: Double = 180, _ condition: () async -> Bool) async -> Bool {
        await RigTestSupport.eventually(seconds, condition)
    }

    // MARK: - Protocol

    private func notifyLine(_ job: Job, clean: Bool) -> String {
        let branches = job.branches.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"id":null,"method":"mining.notify","params":["\#(job.id)","\#(job.prevhash)","\#(job.coinb1)","\#(job.coinb2)",[\#(branches)],"\#(job.version)","\#(job.nbits)","\#(job.ntime)",\#(clean)]}"#
    }

    fileprivate func connected(_ channel: any Channel) {
        state.withLock { state in
            state.connectionCount += 1
            var connection = Connection(
                channel: channel, extranonce1: Self.randomHex(4), difficulty: state.difficulty,
                previousDifficulty: state.difficulty)
            if case .silent = state.misbehaviour, state.misbehaveCount > 0 {
                connection.silent = true
                state.misbehaveCount -= 1
            }
            state.connections[ObjectIdentifier(channel).hashValue] = connection
        }
    }

    fileprivate func disconnected(_ channel: any Channel) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel).hashValue) }
    }

    fileprivate func received(_ line: String, on channel: any Channel) {
        let key = ObjectIdentifier(channel).hashValue
        let silent = state.withLock { state -> Bool in
            state.linesReceived.append(line)
            return state.connections[key]?.silent ?? false
        }
        if silent { return }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let method = object["method"] as? String else { return }
        let id = (object["id"] as? NSNumber).map { "\($0.intValue)" } ?? "null"
        let params = object["params"] as? [Any] ?? []
        switch method {
        case "mining.subscribe":
            let (extranonce1, size, misbehaviour, push) = state.withLock { state -> (String, Int, Misbehaviour, (Double, Job)?) in
                state.connections[key]?.subscribed = true
                var misbehaviour = Misbehaviour.none
                if state.misbehaveCount > 0 {
                    misbehaviour = state.misbehaviour
                    state.misbehaveCount -= 1
                }
                let push = state.pushJobOnSubscribe ? state.currentJob.map {
                    (state.connections[key]?.difficulty ?? state.difficulty, $0)
                } : nil
                return (state.connections[key]?.extranonce1 ?? "", state.extranonce2Size, misbehaviour, push)
            }
            var reply = #"{"id":\#(id),"result":[[["mining.set_difficulty","1"],["mining.notify","1"]],"\#(extranonce1)",\#(size)],"error":null}"#
            if let (difficulty, job) = push {
                reply += "\n" + notifyLine(job, clean: true)
                    + "\n" + #"{"id":null,"method":"mining.set_difficulty","params":[\#(difficulty)]}"#
            }
            Self.write(reply, to: channel)
            switch misbehaviour {
            case .sendAfterSubscribe(let bad): Self.write(bad, to: channel)
            case .floodAfterSubscribe(let count):
                channel.writeAndFlush(ByteBuffer(repeating: UInt8(ascii: "x"), count: count), promise: nil)
            default: break
            }
        case "mining.extranonce.subscribe":
            Self.write(#"{"id":\#(id),"result":true,"error":null}"#, to: channel)
        case "mining.authorize":
            let (difficulty, job, pushed) = state.withLock { state -> (Double, Job?, Bool) in
                state.connections[key]?.authorized = true
                return (state.connections[key]?.difficulty ?? state.difficulty, state.currentJob, state.pushJobOnSubscribe)
            }
            Self.write(#"{"id":\#(id),"result":true,"error":null}"#, to: channel)
            if pushed { break }
            Self.write(#"{"id":null,"method":"mining.set_difficulty","params":[\#(difficulty)]}"#, to: channel)
            if let job { Self.write(notifyLine(job, clean: true), to: channel) }
        case "mining.submit":
            let strings = params.compactMap { $0 as? String }
            let code = strings.count == 5 ? judge(strings, key: key) : 20
            let reply: String
            if let code {
                let names = [20: "Other/Unknown", 21: "Job not found", 22: "Duplicate share", 23: "Low difficulty share",
                             24: "Unauthorized worker", 25: "Not subscribed"]
                reply = #"{"id":\#(id),"result":null,"error":[\#(code),"\#(names[code] ?? "")",null]}"#
            } else {
                reply = #"{"id":\#(id),"result":true,"error":null}"#
            }
            let delay = state.withLock { state -> Double? in
                state.unansweredSubmits += 1
                state.mostUnansweredSubmits = max(state.mostUnansweredSubmits, state.unansweredSubmits)
                return state.submitReplyDelay
            }
            guard let delay else { break }
            channel.eventLoop.scheduleTask(in: .milliseconds(Int64(delay * 1000))) {
                self.state.withLock { $0.unansweredSubmits -= 1 }
                Self.write(reply, to: channel)
            }
        default:
            Self.write(#"{"id":\#(id),"result":null,"error":[20,"Unknown method",null]}"#, to: channel)
        }
    }

    /// nil: a valid share; otherwise the Stratum error code.
    private func judge(_ params: [String], key: Int) -> Int? {
        let (jobID, extranonce2, ntime, nonce) = (params[1], params[2], params[3], params[4])
        return state.withLock { state -> Int? in
            let code = Self.code(state: state, key: key, jobID: jobID, extranonce2: extranonce2, ntime: ntime, nonce: nonce,
                                 seen: &state.seen)
            state.submissions.append(Submission(jobID: jobID, extranonce2: extranonce2, ntime: ntime, nonce: nonce,
                                                errorCode: code))
            return code
        }
    }

    private static func code(state: State, key: Int, jobID: String, extranonce2: String, ntime: String,
                             nonce: String, seen: inout Set<String>) -> Int? {
        guard let connection = state.connections[key], connection.subscribed else { return 25 }
        guard connection.authorized else { return 24 }
        guard let job = state.jobs[jobID], state.validJobs.contains(jobID) else { return 21 }
        var extranonce1 = connection.extranonce1
        if let previous = connection.previousExtranonce1, let number = Int(jobID, radix: 16), number < previous.untilJob {
            extranonce1 = previous.value
        }
        guard extranonce2.count == 2 * state.extranonce2Size, ntime.count == 8, nonce.count == 8,
              let e1 = Hex.optionalBytes(extranonce1), let e2 = Hex.optionalBytes(extranonce2),
              let time = Hex.optionalBytes(ntime), let nonceBytes = Hex.optionalBytes(nonce)
        else { return 20 }
        guard seen.insert("\(extranonce1)/\(jobID)/\(extranonce2)/\(ntime)/\(nonce)").inserted else { return 22 }

        let coinbase = Hex.bytes(job.coinb1) + e1 + e2 + Hex.bytes(job.coinb2)
        var root = SHA256.doubleHash(coinbase)
        for branch in job.branches { root = SHA256.doubleHash(root + Hex.bytes(branch)) }
        var header = [UInt8]()
        header += Hex.bytes(job.version).reversed()
        let prev = Hex.bytes(job.prevhash)
        for word in 0..<8 { header += prev[(4 * word)..<(4 * word + 4)].reversed() }
        header += root
        header += time.reversed()
        header += Hex.bytes(job.nbits).reversed()
        header += nonceBytes.reversed()
        let digest = state.algorithm == .scrypt ? Scrypt.litecoinProofOfWork(header) : SHA256.doubleHash(header)

        // Share difficulty = difficulty-1 target / hash; scrypt pools count 65536 times smaller.
        var hash = 0.0
        for (index, byte) in digest.enumerated() { hash += Double(byte) * Foundation.pow(256.0, Double(index)) }
        let difficultyOne = 65_535 * 0x1p208
        let shareDifficulty = difficultyOne / max(hash, 1) * (state.algorithm == .scrypt ? 65_536 : 1)
        let required = min(connection.difficulty, connection.previousDifficulty)
        return shareDifficulty >= required * 0.999_999 ? nil : 23
    }

    static func write(_ line: String, to channel: any Channel) {
        channel.writeAndFlush(ByteBuffer(string: line + "\n"), promise: nil)
    }

    static func randomHex(_ bytes: Int) -> String {
        Hex.string((0..<bytes).map { _ in UInt8.random(in: 0...255) })
    }
}

/// Splits a connection's bytes into lines for the pool.
private final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let pool: TestStratumPool
    var buffer = ByteBuffer()

    init(pool: TestStratumPool) { self.pool = pool }

    func channelActive(context: ChannelHandlerContext) { pool.connected(context.channel) }
    func channelInactive(context: ChannelHandlerContext) { pool.disconnected(context.channel) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer.readString(length: newline - buffer.readerIndex)!
            buffer.moveReaderIndex(forwardBy: 1)
            pool.received(line, on: context.channel)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}

extension Hex {
    static func optionalBytes(_ text: String) -> [UInt8]? {
        guard text.count % 2 == 0, text.allSatisfy(\.isHexDigit) else { return nil }
        return bytes(text)
    }
}
