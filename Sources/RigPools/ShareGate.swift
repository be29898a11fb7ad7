import RigEngine
/// The checks a found share passes before a pool work source sends it, in one order and with one
/// set of outcomes and log lines for every pool dialect (Stratum and Monero stratum):
///
/// 1. it claims a job the source still holds, else it is stale (the pool's jobs have moved on);
/// 2. its input is that job rebuilt with its nonce, else it is dropped ("failed local verification");
/// 3. the job is still current on the live connection, else it is stale;
/// 4. it has not gone out already, else it is dropped ("duplicate");
/// 5. it meets the job's target when checked again, else it is dropped ("failed local verification").
///
/// Steps 1, 2 and 5 are pure; steps 3 and 4 run under the source's lock, with the gate kept in the
/// source's locked state beside its ``ShareBook``, so that two copies of one share found at once
/// cannot both pass. A share is marked sent at step 4, before step 5, and stays marked whatever
/// step 5 says: the same share again is then a duplicate, not a second verification failure.
///
/// ```swift
/// let post: Post
/// switch ShareGate.post(for: share, among: candidates, rebuilds: { $0.input(share) == share.input }) {
/// case .success(let found): post = found
/// case .failure(let refusal): return refusal.logged(to: log)
/// }
/// ```
struct ShareGate: Sendable {
    private var sent: Set<String> = []

    /// Shares remembered for duplicate detection; older ones are forgotten together.
    static let remembered = 4_096

    init() {}

    /// Why a share stays back: the outcome it counts as and the log line that says so.
    struct Refusal: Error, Equatable {
        var outcome: ShareOutcome
        var message: String

        /// Logs the reason and gives the outcome the engine counts.
        func logged(to log: (String) -> Void) -> ShareOutcome {
            log(message)
            return outcome
        }

        static func movedOn(_ share: FoundShare) -> Refusal {
            Refusal(outcome: .stale, message: "stale share for job \(share.jobID): the pool's jobs have moved on; not sent")
        }

        static func notRebuilt(_ share: FoundShare) -> Refusal {
            Refusal(outcome: .dropped(reason: ShareGate.failedVerification),
                    message: "share for job \(share.jobID) does not match the job the pool sent; not sent")
        }

        static func notCurrent(_ share: FoundShare) -> Refusal {
            Refusal(outcome: .stale, message: "stale share for job \(share.jobID): the job is no longer current; not sent")
        }

        static func duplicate(_ share: FoundShare) -> Refusal {
            Refusal(outcome: .dropped(reason: "duplicate"), message: "duplicate share for job \(share.jobID); not sent")
        }

        static func missesTarget(_ share: FoundShare) -> Refusal {
            Refusal(outcome: .dropped(reason: ShareGate.failedVerification),
                    message: "share for job \(share.jobID) does not meet the job's target on re-verification; not sent")
        }
    }

    /// The drop reason of a share that fails a local check (steps 2 and 5).
    static let failedVerification = "failed local verification"

    /// Steps 1 and 2: the newest of `candidates` (the posts the source still holds of the job the
    /// share claims, oldest first) that `rebuilds` the share's input.
    static func post<Post>(for share: FoundShare, among candidates: [Post],
                           rebuilds: (Post) -> Bool) -> Result<Post, Refusal> {
        if candidates.isEmpty { return .failure(.movedOn(share)) }
        guard let post = candidates.last(where: rebuilds) else { return .failure(.notRebuilt(share)) }
        return .success(post)
    }

    /// Steps 3 and 4, under the source's lock. `client` is the connection to send on when the
    /// share's job is still current on it, nil otherwise; `key` names the share (connection, job,
    /// extranonce, nonce). Marks the share sent when it may go.
    mutating func admit<Client>(_ share: FoundShare, key: String, client: Client?) -> Result<Client, Refusal> {
        guard let client else { return .failure(.notCurrent(share)) }
        if sent.count >= Self.remembered { sent.removeAll(keepingCapacity: true) }
        guard sent.insert(key).inserted else { return .failure(.duplicate(share)) }
        return .success(client)
    }

    /// Step 5: whether the share meets its job's target when checked again.
    static func verify(_ share: FoundShare, meetsTarget: Bool) -> Refusal? {
        meetsTarget ? nil : .missesTarget(share)
    }
}
