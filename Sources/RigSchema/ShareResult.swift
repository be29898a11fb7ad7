/// How a share ended: the values of `rigtop_shares_total`'s `result` label.
public enum ShareResult: String, Sendable, CaseIterable {
    /// Accepted or rejected by the pool.
    case accepted, rejected
    /// Found after its job was replaced, so not sent.
    case stale
    /// Never judged: a duplicate, no reply, a full queue.
    case dropped
    /// Failed the local re-verification.
    case hardwareError = "hardware_error"
}
