import RigEngine
import NIOCore
import NIOPosix

/// The reconnect plan both pool work sources follow: which pool to try next, and how long to wait.
///
/// A source's connection loop asks ``startAttempt()`` for the pool to connect to, runs one session,
/// and hands what ended it to ``next(after:gotJob:log:)``, which returns the wait and the message
/// for the snapshot. The policy: a pool's reconnect request is followed (to the host it names,
/// after at most ``PoolTiming/maximumBackoff``); the primary answering a probe brings the source
/// back to it at once; any other end backs off exponentially with jitter (reset by a session that
/// brought a job), and ``PoolTiming/failuresBeforeFailover`` failures in a row move to the next pool.
struct PoolFailover {
    let pools: [PoolURL]
    let timing: PoolTiming
    /// The pool in `pools` the source is on (0: the primary).
    private(set) var index = 0
    private var failures = 0
    private var backoff: ReconnectBackoff
    /// Where a pool's reconnect request points the next attempt, once.
    private var redirect: PoolURL?

    /// Why a session was ended by this side rather than by the pool.
    enum SessionEnd: Error {
        case primaryReturned
    }

    init(pools: [PoolURL], timing: PoolTiming) {
        precondition(!pools.isEmpty, "a pool work source needs a pool")
        self.pools = pools
        self.timing = timing
        backoff = ReconnectBackoff(timing: timing)
    }

    /// Whether the source is on a failover pool.
    var isFailover: Bool { index != 0 }

    /// The pool the next attempt goes to.
    var upcoming: PoolURL { redirect ?? pools[index] }

    /// The pool to connect to now (a one-time redirect is used up).
    mutating func startAttempt() -> PoolURL {
        defer { redirect = nil }
        return upcoming
    }

    /// Applies the policy to a session's end. Returns the seconds to wait before the next attempt
    /// and the line for the log and ``PoolStatus/message``.
    mutating func next(after ending: any Error, from url: PoolURL, gotJob: Bool,
                       log: (String) -> Void) -> (wait: Double, message: String) {
        var wait: Double
        switch ending {
        case StratumClientError.reconnectRequested(let host, let port, let seconds):
            redirect = PoolURL(host: host ?? url.host, port: port ?? url.port, tls: url.tls, tlsFingerprint: url.tlsFingerprint)
            wait = min(seconds, timing.maximumBackoff)
            failures = 0
            backoff.reset()
        case SessionEnd.primaryReturned:
            log("primary pool \(pools[0]) is back")
            index = 0
            wait = 0
            failures = 0
            backoff.reset()
        default:
            if gotJob {
                failures = 0
                backoff.reset()
            }
            failures += 1
            if failures >= timing.failuresBeforeFailover && pools.count > 1 {
                index = (index + 1) % pools.count
                failures = 0
                backoff.reset()
                wait = 0
            } else {
                wait = backoff.take()
            }
        }
        let next = upcoming
        let message = "\(ending); " + (wait > 0 ? "retrying \(next) in \(ReconnectBackoff.seconds(wait))" : "trying \(next)")
        return (wait, message)
    }

    // MARK: - Session watchdogs

    /// Throws ``StratumClientError/noJob(seconds:)`` once `lastJob` is more than
    /// ``PoolTiming/jobTimeout`` ago; runs beside a session until it is cancelled.
    static func watchJobs(timing: PoolTiming, lastJob: @Sendable () -> ContinuousClock.Instant) async throws {
        let interval = min(1, timing.jobTimeout / 4)
        while true {
            try await Task.sleep(for: .seconds(interval))
            if ContinuousClock.now - lastJob() > .seconds(timing.jobTimeout) {
                throw StratumClientError.noJob(seconds: timing.jobTimeout)
            }
        }
    }

    /// Throws ``SessionEnd/primaryReturned`` once `primary` accepts a TCP connection; checks every
    /// ``PoolTiming/primaryProbeInterval``. Runs beside a session on a failover pool.
    static func probePrimary(_ primary: PoolURL, timing: PoolTiming, group: any EventLoopGroup) async throws {
        while true {
            try await Task.sleep(for: .seconds(timing.primaryProbeInterval))
            let channel = try? await ClientBootstrap(group: group)
                .connectTimeout(.seconds(timing.connectTimeout))
                .connect(host: primary.host, port: primary.port).get()
            if let channel {
                try? await channel.close()
                throw SessionEnd.primaryReturned
            }
        }
    }
}
