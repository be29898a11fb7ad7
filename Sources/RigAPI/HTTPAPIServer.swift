import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import NIOCore
import RigInput
public import RigRuntime
import RigEngine

/// The HTTP API (`--api`): xmrig's summary, backends and config, Prometheus' `/metrics`,
/// rigtop's own state, and the JSON-RPC control endpoint, served by Hummingbird.
///
/// Control (`POST /json_rpc`) and xmrig's config (`GET`/`PUT /2/config`, which shows the pools
/// and changes settings) are xmrig's restricted endpoints: they need the access token, and with
/// none set they are off (403), as xmrig's `restricted` mode has them.
///
/// Reads are copies of the rig's state (a short lock, never the miners'); control calls hand a
/// command to the rig and return. ``HTTPServing``'s limits keep a misbehaving client from
/// hurting the rig.
public final class HTTPAPIServer: Sendable {
    public struct Limits: Sendable {
        /// Bytes of request body accepted (a control call is a few dozen).
        public var bodyBytes = 16 * 1024
        /// Bytes of headers accepted, all fields together.
        public var headerBytes = 16 * 1024
        /// Seconds for a client to send a request's line and headers, from connecting or from the
        /// last response: a client that connects and says nothing is closed this soon.
        public var headSeconds: Int64 = 2
        /// Seconds for a client to send a whole request.
        public var requestSeconds: Int64 = 10
        /// Connections kept open; above it a newcomer closes the connection that has waited
        /// longest for a request (``ConnectionRoster``).
        public var connections = 256

        public init() {}
    }

    public var endpoint: APIEndpoint { serving.endpoint }
    private let rig: Rig
    private let serving: HTTPServing
    private var token: AccessToken? { serving.token }
    private var limits: Limits { serving.limits }

    /// Refuses a non-loopback address without a token: control must never be open to a network.
    public init(endpoint: APIEndpoint, rig: Rig, token: AccessToken?, limits: Limits = Limits()) throws(APIStartError) {
        serving = try HTTPServing(
            endpoint: endpoint, token: token, limits: limits, name: "the HTTP API",
            why: "anyone on the network could control the rig. Set --api-token (or [api] token in the config), or bind 127.0.0.1")
        self.rig = rig
    }

    /// The port in use once ``start()`` returned (the requested one, or the one the system chose for 0).
    public var port: Int { serving.port }

    /// Binds and serves; returns once the server listens, throws when it cannot bind.
    public func start() async throws { try await serving.start(makeRouter()) }

    public func stop() async { await serving.stop() }

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
            if let refusal = Self.refusal(request, token: token) {
                return Self.json(ControlRPC.Failure(id: .null, code: -32001, message: refusal.message).response,
                                 status: refusal.status, headers: refusal.headers)
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
                return Self.json(text: call.responseText)
            case .failure(let failure):
                return Self.json(text: failure.responseText)
            }
        }
        addConfigRoutes(to: router)
        return router
    }

    /// xmrig's config endpoint; see ``XmrigConfig``.
    private func addConfigRoutes(to router: Router<BasicRequestContext>) {
        let (rig, token, bodyLimit, endpoint) = (rig, token, limits.bodyBytes, endpoint)
        @Sendable func configDocument() -> JSONValue {
            let state = rig.board.current
            let solo = state.engine.workSource.hasPrefix("solo ")
            // Before the engine's first snapshot the coin is the one the rig starts with.
            let pools = solo ? nil : rig.setup.pools(state.engine.coin ?? rig.setup.coin)
            return XmrigConfig.document(state, settings: .init(pools: pools, threads: rig.requestedThreads, endpoint: endpoint))
        }
        @Sendable func changeConfig(_ request: Request) async -> Response {
            if let refusal = Self.refusal(request, token: token) { return Self.configError(refusal) }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: bodyLimit)
            } catch {
                return Self.json(["error": .string("request body over \(bodyLimit) bytes")], status: .contentTooLarge)
            }
            switch XmrigConfig.change(String(buffer: body), current: configDocument(),
                                      algorithm: rig.board.current.engine.algorithm) {
            case .success(.none): return Response(status: .noContent)
            case .success(.setThreads(let threads)):
                rig.send(.setThreads(threads))
                return Response(status: .noContent)
            case .failure(let refusal):
                return Self.json(["error": .string(refusal.reason)], status: .init(code: refusal.status))
            }
        }
        // `/1/config` is xmrig's older name for the same endpoint. xmrig takes PUT; the
        // `xmrig-api` package sends POST, so both change it.
        for path in ["/1/config", "/2/config"] {
            router.get(RouterPath(path)) { request, _ in
                if let refusal = Self.refusal(request, token: token) { return Self.configError(refusal) }
                return Self.json(configDocument())
            }
            router.put(RouterPath(path)) { request, _ in await changeConfig(request) }
            router.post(RouterPath(path)) { request, _ in await changeConfig(request) }
        }
    }

    /// Why a request to a restricted endpoint is refused; nil when its token is right.
    struct Refusal {
        var status: HTTPResponse.Status
        var message: String
        var headers: HTTPFields = [:]
    }

    static func refusal(_ request: Request, token: AccessToken?) -> Refusal? {
        guard let token else { return Refusal(status: .forbidden, message: "control is off: start rigtop with --api-token") }
        guard token.authorizes(request.headers[.authorization]) else {
            return Refusal(status: .unauthorized, message: "unauthorized: wrong or missing bearer token",
                           headers: [.wwwAuthenticate: "Bearer"])
        }
        return nil
    }

    static func configError(_ refusal: Refusal) -> Response {
        json(["error": .string(refusal.message)], status: refusal.status, headers: refusal.headers)
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok,
                             headers: HTTPFields = [:]) -> Response {
        json(text: value.serialized, status: status, headers: headers)
    }

    private static func json(text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// An API server that cannot start, with the reason.
public struct APIStartError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
