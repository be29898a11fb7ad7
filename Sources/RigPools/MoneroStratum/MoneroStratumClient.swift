import RigEngine
import RigInput
import NIOCore
import NIOPosix
import Synchronization

/// One Monero stratum connection (xmrig's protocol): `login`, `job` notifications, `submit`,
/// `keepalived`.
///
/// Like ``StratumClient``, ``run(onJob:)`` owns the connection and always ends by throwing; the
/// password goes to the pool and nowhere else. This is the protocol half; ``MoneroWorkSource``
/// turns its jobs into work and its connections into a reconnecting, failing-over source.
public final class MoneroStratumClient: Sendable {
    public let url: PoolURL
    let login: String
    private let password: String
    let agent: String
    /// Algorithms offered at login (xmrig's `algo` extension): Monero's RandomX revisions, so that a
    /// pool switching to rx/2 at the fork sends rx/2 jobs on the same connection.
    let algorithms: [String]
    let group: any EventLoopGroup
    let keepaliveInterval: Double
    let log: @Sendable (String) -> Void

    private struct State {
        var session: String?
        var endError: StratumClientError?
    }

    private let state = Mutex(State())
    private let requests: StratumRequests
    private let connectTimeout: TimeAmount

    public init(url: PoolURL, login: String, password: String, agent: String = "rigtop/0.1",
                algorithms: [String] = RandomXVersion.allCases.map(\.stratumName), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                connectTimeoutSeconds: Int64 = 10, requestTimeoutSeconds: Int64 = 30, keepaliveSeconds: Double = 60,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.url = url
        self.login = login
        self.password = password
        self.agent = agent
        self.algorithms = algorithms
        self.group = group
        self.keepaliveInterval = keepaliveSeconds
        self.connectTimeout = .seconds(connectTimeoutSeconds)
        self.log = log
        requests = StratumRequests(group: group, timeout: .seconds(requestTimeoutSeconds))
    }

    /// The session id the pool gave at login.
    public var session: String? { state.withLock { $0.session } }

    /// Connects, logs in and delivers jobs (the login's, then each `job` notification) until the
    /// connection ends.
    public func run(onJob: @escaping @Sendable (MoneroJob) async -> Void) async throws {
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await PoolChannel.connect(to: url, group: group, connectTimeout: connectTimeout, log: log)
        } catch {
            throw StratumClientError.connectFailed(StratumClient.describe(connectError: error))
        }
        try await channel.executeThenClose { inbound, outbound in
            requests.attach(outbound)
            defer { close() }
            do {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await self.read(inbound, onJob: onJob) }
                    tasks.addTask {
                        try await self.logIn(onJob: onJob)
                        try await self.keepAlive()
                    }
                    while try await tasks.next() != nil {}
                    throw StratumClientError.closedByPool("the pool closed the connection")
                }
            } catch {
                throw state.withLock { $0.endError } ?? error
            }
        }
    }

    private func logIn(onJob: @Sendable (MoneroJob) async -> Void) async throws {
        let reply = await request("login", [
            "login": .string(login), "pass": .string(password), "agent": .string(agent),
            "algo": .array(algorithms.map(JSONValue.string)),
        ])
        switch reply {
        case .result(let result):
            guard let session = result["id"]?.stringValue, let job = result["job"] else {
                throw StratumClientError.handshakeFailed("login: unexpected reply \(StratumMessage.trimmed(result.serialized))")
            }
            state.withLock { $0.session = session }
            do {
                await onJob(try MoneroJob(json: job))
            } catch {
                throw StratumClientError.badInput(error)
            }
        case .error(let error): throw StratumClientError.unauthorized("\(error.code): \(error.message)")
        case .failed(let reason): throw StratumClientError.handshakeFailed("login: \(reason)")
        }
    }

    private func keepAlive() async throws {
        while true {
            try await Task.sleep(for: .seconds(keepaliveInterval))
            guard let session else { continue }
            _ = await request("keepalived", ["id": .string(session)])
        }
    }

    /// Sends `submit` with the nonce (8 hex digits, the blob's bytes 39..<43) and the result: the
    /// hash under rx/0; under rx/2 the commitment, with the hash itself in `commitment` (xmrig's
    /// field names, as Monero's v17 pools read them).
    public func submit(jobID: String, nonce: UInt32, result: [UInt8], commitment: [UInt8]? = nil) async -> StratumClient.Reply {
        guard let session else { return .failed("not logged in") }
        var params: [String: JSONValue] = [
            "id": .string(session), "job_id": .string(jobID), "nonce": .string(MoneroJob.nonceHex(nonce)),
            "result": .string(HexCoding.string(result)),
        ]
        if let commitment { params["commitment"] = .string(HexCoding.string(commitment)) }
        let reply = await request("submit", params)
        if case .result(let value) = reply, value["status"]?.stringValue?.uppercased() != "OK" {
            return .error(StratumError(code: 20, message: "pool replied \(StratumMessage.trimmed(value.serialized))"))
        }
        return reply
    }

    func request(_ method: String, _ params: [String: JSONValue]) async -> StratumClient.Reply {
        await requests.request(method) { id in
            JSONValue.object([
                "id": .number(Double(id)), "jsonrpc": "2.0", "method": .string(method), "params": .object(params),
            ]).serialized
        }
    }

    private func resolve(_ id: Int, with reply: StratumClient.Reply) { requests.resolve(id, with: reply) }

    private func close() { requests.close(reason: "connection closed") }

    private func read(_ inbound: NIOAsyncChannelInboundStream<String>,
                      onJob: @escaping @Sendable (MoneroJob) async -> Void) async throws {
        let ending: any Error
        do {
            for try await line in inbound {
                switch try StratumMessage.parse(line) {
                case .response(let id, let result, let error):
                    resolve(try StratumMessage.requestID(id, line: line), with: error.map(StratumClient.Reply.error) ?? .result(result))
                case .request(_, "job", let params):
                    await onJob(try MoneroJob(json: params))
                case .request(_, let method, _):
                    log("\(url): ignoring \(OutsideText.escaped(method, limit: 64))")
                }
            }
            ending = StratumClientError.closedByPool("the pool closed the connection")
        } catch let error as StratumProtocolError {
            ending = StratumClientError.badInput(error)
        } catch is CancellationError {
            ending = CancellationError()
        } catch {
            ending = StratumClientError.closedByPool(PoolChannel.describe(error) ?? "\(error)")
        }
        if let error = ending as? StratumClientError { state.withLock { $0.endError = $0.endError ?? error } }
        close()
        throw ending
    }
}
