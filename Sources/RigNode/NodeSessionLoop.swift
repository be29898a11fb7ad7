import RigEngine

/// A solo work source as its retry loop sees it: ``BlockTemplateWorkSource`` and
/// ``MoneroDaemonWorkSource`` speak different RPCs but reach their node, lose it and back off the
/// same way, which ``runSessions(into:)`` does for both.
protocol NodeSessionOwner: AnyObject, Sendable {
    var rpc: NodeRPC { get }
    var timing: PoolTiming { get }
    var log: @Sendable (String) -> Void { get }

    /// Mines against the node until something goes wrong, and throws that; sets `gotWork` once the
    /// node handed out work.
    func session(sink: WorkSink, gotWork: inout Bool) async throws

    /// Changes the status the snapshots show.
    func updateStatus(_ change: (inout PoolStatus) -> Void)

    /// Sends the status to the sink.
    func report() async
}

extension NodeSessionOwner {
    /// Runs sessions until cancelled; between them no work, the reason in the log (once while it
    /// stays the same) and the status, and the pools' backoff.
    func runSessions(into sink: WorkSink) async {
        var backoff = NodeBackoff(timing: timing)
        var lastReason: String?
        while !Task.isCancelled {
            updateStatus { $0.connection = .connecting }
            await report()
            var gotWork = false
            let ending: any Error
            do {
                try await session(sink: sink, gotWork: &gotWork)
                ending = CancellationError()
            } catch {
                ending = error
            }
            await sink.post(nil)
            if Task.isCancelled { break }
            if gotWork { backoff.reset() }
            let wait = backoff.take()
            let reason = "\(ending)"
            let message = "\(reason); retrying in \(NodeBackoff.seconds(wait))"
            // A node that stays down (or syncing) is said once, not at every attempt.
            if reason != lastReason { log("\(rpc.url): \(message)") }
            lastReason = reason
            updateStatus {
                $0.connection = .disconnected
                $0.message = message
            }
            await report()
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    /// Sleeps in 100 ms steps until `until` returns true or `seconds` pass; throws on cancellation.
    func waitForChange(seconds: Double, every checkSeconds: Double, wake: () -> Bool,
                       changed: () async throws -> Bool) async throws {
        let started = ContinuousClock.now
        var lastCheck = started
        while ContinuousClock.now - started < .seconds(seconds) {
            try await Task.sleep(for: .milliseconds(100))
            if wake() { return }
            if ContinuousClock.now - lastCheck >= .seconds(checkSeconds) {
                lastCheck = .now
                if try await changed() { return }
            }
        }
    }
}
