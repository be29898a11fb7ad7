import NIOCore
import Synchronization

/// The HTTP API's open connections, and which of them are only waiting for a request.
///
/// A server that stops accepting at its cap lets idle connections starve it: 300 clients that
/// connect and say nothing kept a rig manager's `/1/summary` waiting in the backlog until they
/// timed out. Here the server keeps accepting; above the cap a newcomer closes the connection
/// that has waited longest for a request (once it has waited ``grace``), and above the hard
/// ceiling it closes the oldest waiting one however recent, so the newest client is answered.
/// A connection in the middle of a request is never closed for room; when every one is busy at
/// the hard ceiling, the newcomer is closed instead.
final class ConnectionRoster: Sendable {
    /// Connections kept without closing anyone.
    let limit: Int
    /// Connections never exceeded: twice the cap, and at least 64 over it.
    let ceiling: Int
    /// How long a connection may sit without a request before a newcomer over the cap may close
    /// it: a real client sends its request within a round trip of connecting.
    let grace: TimeAmount

    private struct Entry {
        let channel: any Channel
        /// When it began waiting for a request; nil while a request is being read or answered.
        var waitingSince: NIODeadline?
    }

    private let state = Mutex<(next: Int, entries: [Int: Entry])>((0, [:]))

    init(limit: Int, grace: TimeAmount = .seconds(1)) {
        self.limit = max(1, limit)
        ceiling = max(self.limit * 2, self.limit + 64)
        self.grace = grace
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Takes in a new connection, closing another (or this one) when there is no room; returns
    /// its number, or nil when it was closed.
    func admit(_ channel: any Channel) -> Int? {
        let now = NIODeadline.now()
        let (id, victim) = state.withLock { state -> (Int?, (any Channel)?) in
            let id = state.next
            state.next &+= 1
            state.entries[id] = Entry(channel: channel, waitingSince: now)
            guard state.entries.count > limit else { return (id, nil) }
            let waiting = state.entries.filter { $0.key != id && $0.value.waitingSince != nil }
            let oldest = waiting.min { ($0.value.waitingSince ?? now) < ($1.value.waitingSince ?? now) }
            if let oldest, let since = oldest.value.waitingSince,
               state.entries.count > ceiling || now - since >= grace {
                state.entries[oldest.key] = nil
                return (id, oldest.value.channel)
            }
            guard state.entries.count > ceiling else { return (id, nil) }
            state.entries[id] = nil
            return (nil, channel)
        }
        victim?.close(promise: nil)
        return id
    }

    /// A request has begun on connection `id`.
    func busy(_ id: Int) {
        state.withLock { $0.entries[id]?.waitingSince = nil }
    }

    /// Connection `id` answered and waits for the next request (kept alive).
    func waiting(_ id: Int) {
        let now = NIODeadline.now()
        state.withLock { $0.entries[id]?.waitingSince = now }
    }

    func remove(_ id: Int) {
        state.withLock { $0.entries[id] = nil }
    }
}
