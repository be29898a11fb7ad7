import Synchronization

/// What one refresh of the Prometheus farm leaves for the next, so that a refresh every few
/// seconds asks only for what can have changed: the rigs' identities (the hour-long
/// `last_over_time` that finds rigs gone is read again every `identitiesRereadSeconds`), when each
/// unreachable rig was last seen (that does not change while it stays unreachable), and the
/// history windows (only their new steps are read).
///
/// Shared by the copies of one `PrometheusFarmSource`; a refresh reads it when it starts and
/// stores what it learnt when it ends. Two refreshes at once (the farm view runs one at a time)
/// would each store a consistent state, the later one winning.
final class PrometheusFarmMemory: Sendable {
    struct State: Sendable {
        /// Every rig found by the last full read, updated with the live `rigtop_info` series of
        /// each refresh since, in first-seen order.
        var identities: [PromSample] = []
        /// When the identities were last read in full (evaluation time), nil before that.
        var identitiesReadAt: Double?
        /// For the instances that could not be scraped: when their info series was last seen
        /// (absent where it was not seen in the hour).
        var lastSeen: [PromSample] = []
        /// The instances `lastSeen` holds an answer for.
        var lastSeenAsked: Set<String> = []
        var history: PromQLRangeCache
        var accepted: PromQLRangeCache
    }

    private let state: Mutex<State>

    init(step: Double, window: Double) {
        state = Mutex(State(history: PromQLRangeCache(step: step, window: window),
                            accepted: PromQLRangeCache(step: step, window: window)))
    }

    var current: State { state.withLock { $0 } }

    func store(_ new: State) {
        state.withLock { $0 = new }
    }
}
