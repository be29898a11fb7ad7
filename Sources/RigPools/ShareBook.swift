import RigEngine
/// One pool work source's share bookkeeping, shared by the Stratum and Monero sources: how each
/// reply counted, the round trip, and the log line a miner expects (`accepted (12/0) diff 65536
/// (41 ms)`). Which shares may go out at all is ``ShareGate``'s to say.
///
/// A value kept inside the source's locked state; ``send(difficulty:log:book:submit:)`` runs one
/// submission around it.
struct ShareBook: Sendable {
    private(set) var accepted = 0
    private(set) var rejected = 0

    /// Counts a reply's outcome, and notes the round trip (when the pool replied at all) and a
    /// rejection's reason in `status`. Returns the counts after it.
    mutating func record(_ outcome: ShareOutcome, latency: Double?, status: inout PoolStatus) -> (accepted: Int, rejected: Int) {
        if let latency { status.latencySeconds = latency }
        switch outcome {
        case .accepted: accepted += 1
        case .rejected(let reason):
            rejected += 1
            status.lastRejectReason = reason
        case .stale, .dropped: break
        }
        return (accepted, rejected)
    }

    /// The drop reason for a submission the pool never answered (timeout, connection lost).
    static let noReply = "no reply from the pool"

    /// Sends one share: times `submit` (which returns the outcome and whether the pool replied),
    /// records it through `book`, and logs the result.
    static func send(difficulty: String, log: @Sendable (String) -> Void,
                     book: (_ outcome: ShareOutcome, _ latency: Double?) -> (accepted: Int, rejected: Int),
                     submit: () async -> (outcome: ShareOutcome, replied: Bool)) async -> ShareOutcome {
        let started = ContinuousClock.now
        let (outcome, replied) = await submit()
        let elapsed = ContinuousClock.now - started
        let latency = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let (accepted, rejected) = book(outcome, replied ? latency : nil)
        switch outcome {
        case .accepted:
            log("accepted (\(accepted)/\(rejected)) diff \(difficulty) (\(Int((latency * 1000).rounded())) ms)")
        case .rejected(let reason):
            log("rejected (\(accepted)/\(rejected)) diff \(difficulty): \(reason)")
        case .dropped(let reason):
            log("share diff \(difficulty) not answered: \(reason)")
        case .stale: break
        }
        return outcome
    }
}
