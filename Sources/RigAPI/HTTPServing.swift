import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import RigRuntime
import Synchronization

/// Hummingbird under rigtop's request limits: the serving half of every HTTP server rigtop runs
/// (the rig's API, the exporter), so each adds only its routes.
///
/// A request's headers and body are capped, a request must arrive whole within a deadline (its
/// headers within a shorter one), and above ``HTTPAPIServer/Limits/connections`` connections a
/// newcomer closes the one that has waited longest for a request (``ConnectionRoster``).
final class HTTPServing: Sendable {
    let endpoint: APIEndpoint
    let limits: HTTPAPIServer.Limits
    /// The bearer token the server's protected routes want; never nil off loopback.
    let token: AccessToken?
    /// How errors name the server: "the HTTP API", "the exporter".
    let name: String
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let boundPort = Atomic<Int>(0)

    /// Refuses a non-loopback address without a token; `why` says what the token protects.
    init(endpoint: APIEndpoint, token: AccessToken?, limits: HTTPAPIServer.Limits, name: String,
         why: String) throws(APIStartError) {
        if !endpoint.isLoopback && token == nil {
            throw APIStartError("refusing to serve \(name) on \(endpoint) without an access token: \(why)")
        }
        self.endpoint = endpoint
        self.token = token
        self.limits = limits
        self.name = name
    }

    /// The port in use once ``start(_:)`` returned (the requested one, or the one the system chose for 0).
    var port: Int { boundPort.load(ordering: .relaxed) }

    /// Binds and serves `router`; returns once the server listens, throws when it cannot bind.
    func start(_ router: Router<BasicRequestContext>) async throws {
        let (started, signal) = AsyncStream.makeStream(of: Result<Int, any Error>.self, bufferingPolicy: .bufferingNewest(1))
        var logger = Logger(label: "rigtop.api")
        logger.logLevel = .critical
        let headDeadline = TimeAmount.seconds(limits.headSeconds)
        let deadline = TimeAmount.seconds(limits.requestSeconds)
        let roster = ConnectionRoster(limit: limits.connections)
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = limits.headerBytes
        decoder.maxHeaderFieldSize = limits.headerBytes
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestDeadlineHandler(headDeadline: headDeadline, deadline: deadline, roster: roster)],
                idleTimeout: .seconds(60), httpDecoderConfiguration: decoder)),
            configuration: .init(
                address: .hostname(endpoint.host, port: endpoint.port), serverName: "rigtop/\(RigtopVersion.string)"),
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
                throw APIStartError("cannot serve \(name) on \(endpoint): \(error)")
            }
        }
        throw APIStartError("cannot serve \(name) on \(endpoint)")
    }

    func stop() async {
        guard let running = task.withLock({ $0 }) else { return }
        running.cancel()
        await running.value
    }
}
