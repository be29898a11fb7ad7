import RigInput
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One Stratum v1 connection to one pool: connect, `mining.subscribe`, `mining.authorize`,
/// `mining.extranonce.subscribe`, then the pool's notifications until the connection ends.
///
/// ``run(onEvent:)`` owns the connection; ``submit(jobID:extranonce2:time:nonce:)`` may be called
/// from any task while it runs. Every way a connection ends is a thrown ``StratumClientError`` (or
/// cancellation), so the caller's retry logic sees one path. The password is sent to the pool and
/// nowhere else: it is not in any log line or description.
public final class StratumClient: Sendable {
    /// Something the pool told the miner. Notifications arrive in wire order; `.subscribed` and
    /// `.authorized` come from the handshake task and may arrive after notifications that followed
    /// their replies.
    public enum Event: Sendable, Equatable {
        case subscribed(StratumExtranonce)
        case authorized
        case difficulty(Double)
        case job(StratumJob)
        /// `mining.set_extranonce`: the new extranonce applies from the next `mining.notify` on.
        case extranonce(StratumExtranonce)
    }

    /// What became of a request.
    public enum Reply: Sendable, Equatable {
        case result(JSONValue)
        case error(StratumError)
        /// No reply: the connection ended or the pool stayed silent past the timeout.
        case failed(String)
    }

    public let url: PoolURL
    let user: String
    private let password: String
    let agent: String
    let group: any EventLoopGroup
    let connectTimeout: TimeAmount
    let log: @Sendable (String) -> Void

    private struct State {
        /// Why the reader ended the connection, when it did.
        var endError: StratumClientError?
    }

    private let state = Mutex(State())
    private let requests: StratumRequests

    public init(url: PoolURL, user: String, password: String, agent: String = "rigtop/0.1",
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                connectTimeoutSeconds: Int64 = 10, requestTimeoutSeconds: Int64 = 30,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.url = url
        self.user = user
        self.password = password
        self.agent = agent
        self.group = group
        self.connectTimeout = .seconds(connectTimeoutSeconds)
        self.log = log
        requests = StratumRequests(group: group, timeout: .seconds(requestTimeoutSeconds))
    }

    /// Connects, handshakes and delivers the pool's events until the connection ends; always
    /// ends by throwing (``StratumClientError`` or `CancellationError`).
    public func run(onEvent: @escaping @Sendable (Event) async -> Void) async throws {
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await PoolChannel.connect(to: url, group: group, connectTimeout: connectTimeout, log: log)
        } catch {
            throw StratumClientError.connectFailed(Self.describe(connectError: error))
        }
        try await channel.executeThenClose { inbound, outbound in
            requests.attach(outbound)
            defer { close(reason: "connection closed") }
            do {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await self.read(inbound, onEvent: onEvent) }
                    tasks.addTask { try await self.handshake(onEvent: onEvent) }
                    // The handshake returns once authorized; the reader only ever ends by throwing.
                    while try await tasks.next() != nil {}
                    throw StratumClientError.closedByPool("the pool closed the connection")
                }
            } catch {
                // A handshake request fails as "connection closed" when the reader ends the
                // connection; the reader's reason is the one worth reporting.
                throw state.withLock { $0.endError } ?? error
            }
        }
    }

    private func read(_ inbound: NIOAsyncChannelInboundStream<String>,
                      onEvent: @escaping @Sendable (Event) async -> Void) async throws {
        let ending: any Error
        do {
            for try await line in inbound {
                try await handle(line: line, onEvent: onEvent)
            }
            ending = StratumClientError.closedByPool("the pool closed the connection")
        } catch let error as StratumProtocolError {
            ending = StratumClientError.badInput(error)
        } catch let error as StratumClientError {
            ending = error
        } catch is CancellationError {
            ending = CancellationError()
        } catch {
            ending = StratumClientError.closedByPool(PoolChannel.describe(error) ?? "\(error)")
        }
        if let error = ending as? StratumClientError { state.withLock { $0.endError = $0.endError ?? error } }
        close(reason: "connection closed")
        throw ending
    }

    private func handshake(onEvent: @Sendable (Event) async -> Void) async throws {
        let subscribe = await request("mining.subscribe", [.string(agent)])
        guard case .result(let result) = subscribe, let values = result.arrayValue, values.count >= 3,
              let extranonce1Hex = values[1].stringValue, let extranonce1 = HexCoding.bytes(extranonce1Hex),
              let size = try? UntrustedNumber.whole(values[2].numberValue, "extranonce2_size", in: 0...32)
        else {
            throw StratumClientError.handshakeFailed("mining.subscribe: \(Self.describe(subscribe))")
        }
        await onEvent(.subscribed(StratumExtranonce(extranonce1: extranonce1, extranonce2Size: size)))
        // Not every pool answers this one; its reply, if any, only says whether it is supported.
        send("mining.extranonce.subscribe", [])
        let authorize = await request("mining.authorize", [.string(user), .string(password)])
        guard case .result(.bool(true)) = authorize else {
            throw StratumClientError.unauthorized(Self.describe(authorize))
        }
        await onEvent(.authorized)
    }

    /// Sends `mining.submit` and waits for the pool's verdict.
    public func submit(jobID: String, extranonce2: [UInt8], time: UInt32, nonce: UInt32) async -> Reply {
        await request("mining.submit", [
            .string(user), .string(jobID), .string(HexCoding.string(extranonce2)),
            .string(HexCoding.string(time)), .string(HexCoding.string(nonce)),
        ])
    }

    /// Sends a request and waits for its reply (or the request timeout, or the connection's end).
    public func request(_ method: String, _ params: [JSONValue]) async -> Reply {
        await requests.request(method) { id in
            StratumMessage.request(id: .number(Double(id)), method: method, params: .array(params)).serialized
        }
    }

    /// Sends a request whose reply nobody waits for.
    private func send(_ method: String, _ params: [JSONValue]) {
        requests.send { id in
            StratumMessage.request(id: .number(Double(id)), method: method, params: .array(params)).serialized
        }
    }

    private func respond(id: JSONValue, result: JSONValue) {
        requests.send(line: StratumMessage.response(id: id, result: result, error: nil).serialized)
    }

    private func resolve(_ id: Int, with reply: Reply) { requests.resolve(id, with: reply) }

    /// Fails every waiting request; later requests fail at once.
    private func close(reason: String) { requests.close(reason: reason) }

    private func handle(line: String, onEvent: @Sendable (Event) async -> Void) async throws {
        switch try StratumMessage.parse(line) {
        case .response(let id, let result, let error):
            resolve(try StratumMessage.requestID(id, line: line), with: error.map(Reply.error) ?? .result(result))
        case .request(let id, let method, let params):
            try await handle(method: method, id: id, params: params, line: line, onEvent: onEvent)
        }
    }

    private func handle(method: String, id: JSONValue, params: JSONValue, line: String,
                        onEvent: @Sendable (Event) async -> Void) async throws {
        let values = params.arrayValue ?? []
        let wrongShape = StratumProtocolError.wrongShape(StratumMessage.trimmed(line))
        switch method {
        case "mining.notify":
            await onEvent(.job(try StratumJob(notifyParams: params)))
        case "mining.set_difficulty":
            let difficulty: Double
            do {
                difficulty = try UntrustedNumber.finite(values.first?.numberValue, "mining.set_difficulty",
                                                        in: StratumMessage.difficultyRange)
            } catch {
                throw StratumProtocolError.wrongShape("\(error)")
            }
            await onEvent(.difficulty(difficulty))
        case "mining.set_extranonce":
            guard values.count >= 2, let hex = values[0].stringValue, let extranonce1 = HexCoding.bytes(hex),
                  let size = try? UntrustedNumber.whole(values[1].numberValue, "extranonce2_size", in: 0...32)
            else { throw wrongShape }
            await onEvent(.extranonce(StratumExtranonce(extranonce1: extranonce1, extranonce2Size: size)))
        case "client.reconnect":
            let target = try StratumMessage.reconnectTarget(values)
            throw StratumClientError.reconnectRequested(host: target.host, port: target.port, waitSeconds: target.wait)
        case "client.show_message":
            log("\(url) says: \(StratumMessage.trimmed(values.first?.stringValue ?? params.serialized))")  // escaped there
        case "client.get_version":
            respond(id: id, result: .string(agent))
        case "mining.ping":
            respond(id: id, result: "pong")
        default:
            log("\(url): ignoring \(OutsideText.escaped(method, limit: 64))")
        }
    }

    /// NIO's connect errors list every address tried; the OS's reason is what a log needs.
    static func describe(connectError error: any Error) -> String {
        if let failure = error as? NIOConnectionError {
            if let first = failure.connectionErrors.first {
                if let io = first.error as? IOError { return "\(first.target): " + String(cString: strerror(io.errnoCode)) }
                return "\(first.target): \(first.error)"
            }
            if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "cannot resolve \(failure.host)" }
        }
        return "\(error)"
    }

    private static func describe(_ reply: Reply) -> String {
        switch reply {
        case .result(let value): "unexpected reply \(StratumMessage.trimmed(value.serialized))"
        case .error(let error): "\(error)"
        case .failed(let reason): reason
        }
    }
}

/// Why a Stratum connection ended.
public enum StratumClientError: Error, Equatable, CustomStringConvertible {
    case connectFailed(String)
    case closedByPool(String)
    case handshakeFailed(String)
    case unauthorized(String)
    case badInput(StratumProtocolError)
    case noJob(seconds: Double)
    case reconnectRequested(host: String?, port: Int?, waitSeconds: Double)

    public var description: String {
        switch self {
        case .connectFailed(let reason): "connect failed: \(reason)"
        case .closedByPool(let reason): reason
        case .handshakeFailed(let reason): "handshake failed: \(reason)"
        case .unauthorized(let reason): "not authorized: \(reason)"
        case .badInput(let error): "bad input from the pool: \(error)"
        case .noJob(let seconds): "no job for \(Int(seconds)) s"
        case .reconnectRequested(let host, let port, let wait):
            "the pool asked to reconnect" + (host.map { " to \($0)" } ?? "") + (port.map { ":\($0)" } ?? "")
                + (wait > 0 ? " in \(Int(wait)) s" : "")
        }
    }
}
