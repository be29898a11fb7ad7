import RigEngine
import RigPools
import Synchronization

/// A solo work source as its retry loop sees it: ``BlockTemplateWorkSource`` and
/// ``MoneroDaemonWorkSource`` speak different RPCs but reach their node, lose it and back off the
/// same way, which ``runSessions(into:)`` does for both.
protocol NodeSessionOwner: AnyObject, Sendable {
    /// What one posted job keeps for rebuilding its blocks.
    associatedtype Work: Sendable
    var state: Mutex<SoloState<Work>> { get }
    var rpc: NodeRPC { get }
    var timing: PoolTiming { get }
    var log: @Sendable (String) -> Void { get }

    /// Mines against the node until something goes wrong, and throws that; sets `gotWork` once the
    /// node handed out work.
    func session(sink: WorkSink, gotWork: inout Bool) async throws
}

extension NodeSessionOwner {
    /// Runs sessions until cancelled; between them no work, the reason in the log (once while it
    /// stays the same) and the status, and the pools' backoff.
    func runSessions(into sink: WorkSink) async {
        state.withLock { $0.sink = sink }
        var backoff = ReconnectBackoff(timing: timing)
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
            state.withLock { $0.forgetTip() }
            if Task.isCancelled { break }
            if gotWork { backoff.reset() }
            let wait = backoff.take()
            let reason = "\(ending)"
            let message = "\(reason); retrying in \(ReconnectBackoff.seconds(wait))"
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

    /// Returns after `seconds`, once `changed` (asked every `checkSeconds`) says the node moved on,
    /// or as soon as a block of ours asks for new work; throws on cancellation or a failed check.
    func waitForChange(seconds: Double, every checkSeconds: Double, changed: () async throws -> Bool) async throws {
        let started = ContinuousClock.now
        var lastCheck = started
        while ContinuousClock.now - started < .seconds(seconds) {
            try await Task.sleep(for: .milliseconds(100))
            if state.withLock({ $0.takeWake() }) { return }
            if ContinuousClock.now - lastCheck >= .seconds(checkSeconds) {
                lastCheck = .now
                if try await changed() { return }
            }
        }
    }
}

extension NodeSessionOwner {
    func updateStatus(_ change: (inout PoolStatus) -> Void) {
        state.withLock { change(&$0.status) }
    }

    /// Sends the status to the sink.
    func report() async {
        let (sink, status) = state.withLock { ($0.sink, $0.status) }
        await sink?.report(pool: status)
    }

    /// Remembers `work` and posts `job(id)` to the workers; returns whether it builds on a new tip.
    func post(_ work: Work, tip: String, height: Int, difficulty: Double, sink: WorkSink,
              job: (String) -> MiningJob) async -> Bool {
        let (id, isNewTip) = state.withLock { $0.add(work, tip: tip, height: height, difficulty: difficulty) }
        await sink.post(job(id))
        await report()
        return isNewTip
    }

    /// The work a share claims, if it can still make a block; otherwise the share's outcome
    /// (stale, or a local verification failure for a job this source never posted).
    func claim(_ share: FoundShare) -> SoloClaim<Work> {
        guard let found = state.withLock({ $0.work(for: share.jobID) }) else {
            log("block for job \(share.jobID) does not match any template; not sent")
            return .settled(.dropped(reason: "failed local verification"))
        }
        return found.isCurrent ? .current(found.work, tip: found.tip) : .settled(.stale)
    }

    /// Logs and counts a node's verdict on a block built on `tip`; after a block of ours its tip
    /// is done and new work is fetched at once. Returns the share outcome for the engine.
    func settle(_ outcome: BlockOutcome, height: Int, hash: String, tip: String) async -> ShareOutcome {
        switch outcome {
        case .accepted: log("BLOCK FOUND height \(height) hash \(hash) accepted by the node")
        case .rejected(let reason): log("BLOCK FOUND height \(height) hash \(hash) rejected by the node: \(reason)")
        case .undecided(let reason): log("block height \(height) hash \(hash) not counted: \(reason)")
        }
        let sink = state.withLock { state -> WorkSink? in
            switch outcome {
            case .accepted: state.solved(tip)
            case .rejected(let reason): state.status.lastRejectReason = reason
            case .undecided: break
            }
            return state.sink
        }
        await sink?.record(block: outcome)
        switch outcome {
        case .accepted: return .accepted
        case .rejected(let reason): return .rejected(reason: reason)
        case .undecided: return .stale
        }
    }

    /// A submission that got no verdict: a block the node never received, whose reply was lost,
    /// or that a node starting or stopping would not look at, is undecided, not refused; the node's
    /// error reply to the block itself is a refusal with its reason.
    static func failedSubmission(_ error: NodeRPCError, call: String) -> BlockOutcome {
        switch error {
        case .rpc where !error.isNodeNotReady: .rejected(reason: "\(call) failed: \(error)")
        default: .undecided(reason: "not delivered: \(error)")
        }
    }

    /// The line for a failed local check of a block; the share outcome it gets.
    func failedVerification(_ share: FoundShare) -> ShareOutcome {
        log("block for job \(share.jobID) fails local verification; not sent")
        return .dropped(reason: "failed local verification")
    }
}
