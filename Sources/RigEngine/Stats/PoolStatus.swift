/// A pool connection as the dashboard and the headless log show it.
///
/// Published by the pool work source through ``WorkSink/report(pool:)``; nil in a snapshot means
/// benchmark work.
public struct PoolStatus: Sendable, Equatable {
    /// Where the connection stands.
    public enum Connection: String, Sendable, Codable {
        case connecting
        /// Connected and subscribed, waiting for authorization or a first job.
        case connected
        /// Authorized, with a job to mine.
        case mining
        /// Between attempts; ``PoolStatus/message`` says why and when the next one is.
        case disconnected
    }

    /// The pool in use now (a failover pool while the primary is down).
    public var url: String
    public var connection: Connection
    /// The pool's share difficulty as it sent it (scrypt pools: 65536 times smaller than Bitcoin's).
    public var difficulty: Double?
    /// Round trip of the last share submission, in seconds.
    public var latencySeconds: Double?
    /// Why the last share was rejected, with the error code's name.
    public var lastRejectReason: String?
    /// What the user should know: the last disconnect reason and the retry plan.
    public var message: String?
    /// Whether a failover pool is in use.
    public var isFailover: Bool
    /// Solo mining: the height of the block being mined, from the node's template; nil for pools.
    public var height: Int? = nil

    public init(url: String, connection: Connection = .connecting, difficulty: Double? = nil,
                latencySeconds: Double? = nil, lastRejectReason: String? = nil, message: String? = nil,
                isFailover: Bool = false) {
        self.url = url
        self.connection = connection
        self.difficulty = difficulty
        self.latencySeconds = latencySeconds
        self.lastRejectReason = lastRejectReason
        self.message = message
        self.isFailover = isFailover
    }
}
