import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import Logging
import NIOCore
public import RigRuntime
import RigEngine
import Synchronization

/// The HTTP API (`--api`): xmrig's summary and backends, Prometheus' `/metrics`, rigtop's own
/// state, and the JSON-RPC control endpoint, served by Hummingbird.
///
/// Reads are copies of the rig's state (a short lock, never the miners'); control calls hand a
/// command to the rig and return. Limits keep a misbehaving client from hurting the rig: a
/// request's headers and body are capped, a request must arrive whole within a deadline, and at
/// most ``Limits/connections`` connections are served at once (more wait in the backlog).
public final class HTTPAPIServer: Sendable {
    public struct Limits: Sendable {
        /// Bytes of request body accepted (a control call is a few dozen).
        public var bodyBytes = 16 * 1024
        /// Bytes of headers accepted, all fields together.
        public var headerBytes = 16 * 1024
        /// Seconds for a client to send a whole request (and to start the next one).
        public var requestSeconds: Int64 = 10
        /// Connections served at once.
        public var connections = 256

        public init() {}
    }

    public let endpoint: APIEndpoint
    private let rig: Rig
    private let token: AccessToken?
    private let limits: Limits
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let boundPort = Atomic<Int>(0)

    /// Refuses a non-loopback address without a token: control must never be open to a network.
    public init(endpoint: APIEndpoint, rig: Rig, token: AccessToken?, limits: Limits = Limits()) throws(APIStartError) {
        if !endpoint.isLoopback && token == nil {
            throw APIStartError(
                "refusing to serve the HTTP API on \(endpoint) without an access token: anyone on the network could "
                    + "control the rig. Set --api-token (or [api] token in the config), or bind 127.0.0.1")
        }
        self.endpoint = endpoint
        self.rig = rig
        self.token = token
        self.limits = limits
    }

    /// The port in use once ``start()`` returned (the requested one, or the one the system chose for 0).
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// Binds and serves; returns once the server listens, throws when it cannot bind.
    public func start() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Result<Int, any Error>.self, bufferingPolicy: .bufferingNewest(1))
        var logger = Logger(label: "rigtop.api")
        logger.logLevel = .critical
        let deadline = TimeAmount.seconds(limits.requestSeconds)
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = limits.headerBytes
        decoder.maxHeaderFieldSize = limits.headerBytes
        let app = Application(
            router: makeRouter(),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestDeadlineHandler(deadline: deadline)],
                idleTimeout: .seconds(60), httpDecoderConfiguration: decoder)),
            configuration: .init(
                address: .hostname(endpoint.host, port: endpoint.port), serverName: "rigtop/\(RigtopVersion.string)",
                availableConnectionsDelegate: MaximumAvailableConnections(limits.connections)),
            onServerRunning: { channel in signal.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let running = Task {
            do { try await app.run() } catch { signal.yield(.failure(error)) }
            signal.finish()
        }
        task.withLock { $0 = running }
        for await result in started {
            switch result {
            case .success(let port):
                boundPort.store(port, ordering: .relaxed)
                return
            case .failure(let error):
                throw APIStartError("cannot serve the HTTP API on \(endpoint): \(error)")
            }
        }
        throw APIStartError("cannot serve the HTTP API on \(endpoint)")
    }

    public func stop() async {
        guard let running = task.withLock({ $0 }) else { return }
        running.cancel()
        await running.value
    }

    // MARK: - Routes

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let rig = rig
        let token = token
        let bodyLimit = limits.bodyBytes
        router.get("/1/summary") { _, _ in Self.json(XmrigDocuments.summary(rig.board.current, perThread: true)) }
        router.get("/2/summary") { _, _ in Self.json(XmrigDocuments.summary(rig.board.current, perThread: false)) }
        router.get("/api.json") { _, _ in Self.json(XmrigDocuments.summary(rig.board.current, perThread: true)) }
        router.get("/2/backends") { _, _ in Self.json(XmrigDocuments.backends(rig.board.current)) }
        router.get("/api/v1/state") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(bytes: StateDocument.data(rig.board.current))))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: MetricsExposition.contentType],
                     body: .init(byteBuffer: ByteBuffer(string: MetricsExposition.text(rig.board.current))))
        }
        router.post("/json_rpc") { request, _ in
            guard let token else {
                return Self.json(ControlRPC.Failure(id: .null, code: -32001,
                                                    message: "control is off: start rigtop with --api-token").response,
                                 status: .forbidden)
            }
            guard token.authorizes(request.headers[.authorization]) else {
                return Self.json(ControlRPC.Failure(id: .null, code: -32001, message: "unauthorized: wrong or missing bearer token").response,
                                 status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: bodyLimit)
            } catch {
                return Self.json(ControlRPC.Failure(id: .null, code: -32600, message: "request body over \(bodyLimit) bytes").response,
                                 status: .contentTooLarge)
            }
            switch ControlRPC.decode(String(buffer: body), coins: rig.board.current.coins) {
            case .success(let call):
                rig.send(call.command)
                return Self.json(ControlRPC.success(id: call.id))
            case .failure(let failure):
                return Self.json(failure.response, status: .ok)
            }
        }
        return router
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok,
                             headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: value.serialized)))
    }
}

/// An API server that cannot start, with the reason.
public struct APIStartError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
