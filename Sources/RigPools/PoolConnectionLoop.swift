import RigEngine
import NIOCore

/// A pool work source as the shared connection loop sees it: ``PoolWorkSource`` (Stratum v1) and
/// ``MoneroWorkSource`` differ in their protocol and state, not in how they connect, watch, fail
/// over and reconnect, which ``runConnections(into:)`` does for both.
protocol PoolConnectionOwner: AnyObject, Sendable {
    var pools: [PoolURL] { get }
    var timing: PoolTiming { get }
    var group: any EventLoopGroup { get }
    var log: @Sendable (String) -> Void { get }

    /// Resets the source's state for a new connection to `url` (status "connecting") and returns
    /// the session: the protocol client's run loop, which throws or returns when the link ends.
    func beginConnection(to url: PoolURL, onFailover: Bool) -> @Sendable () async throws -> Void

    /// When the current connection last brought a job (the no-job watchdog's clock).
    var lastJobTime: ContinuousClock.Instant { get }

    /// Forgets the ended connection's client and jobs; returns whether it brought a job.
    func endConnection() -> Bool

    /// Marks the source disconnected, with the reason and what happens next.
    func markDisconnected(_ message: String)

    /// Sends the source's pool status to the sink.
    func report() async
}

extension PoolConnectionOwner {
    /// Connects to the pools until cancelled: one session at a time with its no-job watchdog and,
    /// on a failover pool, the primary probe; no work while disconnected; the wait and the next
    /// pool as ``PoolFailover`` decides.
    func runConnections(into sink: WorkSink) async {
        var failover = PoolFailover(pools: pools, timing: timing)
        while !Task.isCancelled {
            let onFailover = failover.isFailover
            let url = failover.startAttempt()
            let session = beginConnection(to: url, onFailover: onFailover)
            await report()
            log("connecting to \(url)" + (onFailover ? " (failover)" : ""))
            let ending = await run(session, onFailover: onFailover)
            let gotJob = endConnection()
            await sink.post(nil)
            if Task.isCancelled { break }

            let (wait, message) = failover.next(after: ending, from: url, gotJob: gotJob, log: log)
            log("\(url): \(message)")
            markDisconnected(message)
            await report()
            if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
        }
    }

    /// One session beside its watchdogs. Returns what ended it.
    private func run(_ session: @escaping @Sendable () async throws -> Void, onFailover: Bool) async -> any Error {
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await session() }
                tasks.addTask {
                    try await PoolFailover.watchJobs(timing: self.timing) { self.lastJobTime }
                }
                if onFailover {
                    tasks.addTask { try await PoolFailover.probePrimary(self.pools[0], timing: self.timing, group: self.group) }
                }
                _ = try await tasks.next()
                tasks.cancelAll()
            }
            return CancellationError()
        } catch {
            return error
        }
    }
}
