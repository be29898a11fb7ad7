/// How a pool work source waits: backoff, failover and timeouts, in seconds.
///
/// The defaults: reconnect after 1 s doubling to 60 s, so a pool back from a restart is found
/// within a minute without being hammered while it is down; ±25 % jitter, so rigs that lost a
/// pool together do not return in lockstep; fail over after 3 failed attempts; drop a connection
/// that brings no job for 2 minutes. Tests shrink them.
public struct PoolTiming: Sendable {
    public var initialBackoff: Double = 1
    public var maximumBackoff: Double = 60
    /// The fraction a backoff is randomly stretched or shrunk by, so a rig of miners does not
    /// reconnect in lockstep.
    public var jitter: Double = 0.25
    /// Failed attempts in a row on one pool before moving to the next.
    public var failuresBeforeFailover = 3
    /// A connection with no job for this long is dropped.
    public var jobTimeout: Double = 120
    /// While on a failover pool, how often to check whether the primary accepts connections.
    public var primaryProbeInterval: Double = 30
    public var connectTimeout: Int64 = 10
    /// How long to wait for a reply to subscribe, authorize or submit.
    public var requestTimeout: Int64 = 30

    public init() {}

    /// `backoff` stretched by a random factor in 1 ± ``jitter``, at most ``maximumBackoff``.
    func jittered(_ backoff: Double) -> Double {
        guard jitter > 0 else { return backoff }
        return min(maximumBackoff, backoff * Double.random(in: (1 - jitter)...(1 + jitter)))
    }
}
