import Hummingbird
import NIOCore
public import RigMiners
import Synchronization

/// `rigtop exporter`: reads miners rigtop does not run and serves what it read on `/metrics`
/// (``MinerMetricsExposition``), for a Prometheus to scrape beside the rigs.
///
/// The miners are read together every ``interval`` seconds, each bounded by its reader's own
/// deadline, so a dead miner costs its own series and never delays the others. A scrape answers
/// from the last reads and never waits for a miner. With a token (required off loopback, as for
/// the rig's API), `/metrics` wants `Authorization: Bearer TOKEN`: the labels name the miners,
/// their pools and workers.
public final class MinerExporter: Sendable {
    public let readers: [any MinerReader]
    /// Seconds from the start of one round of reads to the start of the next.
    public let interval: Double
    private let serving: HTTPServing
    private let latest: Mutex<[MinerMetricsExposition.Reading]>
    private let polling = Mutex<Task<Void, Never>?>(nil)

    public convenience init(endpoint: APIEndpoint, token: AccessToken?, readers: [any MinerReader], interval: Double,
                            limits: HTTPAPIServer.Limits = HTTPAPIServer.Limits()) throws(APIStartError) {
        // The throwing part runs before any stored property exists: Swift 6.3's optimizer crashes
        // (CopyPropagation, -O only) on a typed throw out of an init that has initialised a Mutex.
        let serving = try HTTPServing(
            endpoint: endpoint, token: token, limits: limits, name: "the exporter",
            why: "its metrics name the miners, pools and workers. Set --api-token, or bind 127.0.0.1")
        self.init(serving: serving, readers: readers, interval: interval)
    }

    private init(serving: HTTPServing, readers: [any MinerReader], interval: Double) {
        self.serving = serving
        self.readers = readers
        self.interval = interval
        latest = Mutex(readers.map { MinerMetricsExposition.Reading(endpoint: $0.endpoint, result: nil) })
    }

    public var endpoint: APIEndpoint { serving.endpoint }
    /// The port in use once ``start()`` returned.
    public var port: Int { serving.port }

    /// The last reads.
    public var readings: [MinerMetricsExposition.Reading] { latest.withLock { $0 } }

    /// Reads every miner once, together, and keeps the results.
    public func poll() async {
        let results = await readers.readTogether()
        latest.withLock { readings in
            for index in readings.indices where results.indices.contains(index) { readings[index].result = results[index] }
        }
    }

    /// Reads the miners once, then serves `/metrics` and goes on reading them; returns once the
    /// server listens, so the first scrape already has every miner.
    public func start() async throws {
        await poll()
        try await serving.start(makeRouter())
        let interval = interval
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(interval))
                guard !Task.isCancelled else { return }
                await poll()
            }
        }
        polling.withLock { $0 = task }
    }

    public func stop() async {
        if let task = polling.withLock({ $0 }) {
            task.cancel()
            await task.value
        }
        await serving.stop()
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let token = serving.token
        router.get("/metrics") { [self] request, _ in
            if let token, !token.authorizes(request.headers[.authorization]) {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                                body: .init(byteBuffer: ByteBuffer(string: "unauthorized: wrong or missing bearer token\n")))
            }
            return Response(status: .ok, headers: [.contentType: MetricsExposition.contentType],
                            body: .init(byteBuffer: ByteBuffer(string: MinerMetricsExposition.text(readings))))
        }
        return router
    }
}
