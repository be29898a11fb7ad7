import NIOCore
import Synchronization

/// The JSON-RPC requests one stratum connection has in flight: ids, the replies they wait for,
/// their timeouts, and the writer they go out through. Both stratum clients keep one per
/// connection; only how a request line is spelled differs between them.
final class StratumRequests: Sendable {
    private struct State {
        var nextID = 1
        var pending: [Int: CheckedContinuation<StratumClient.Reply, Never>] = [:]
        var writer: NIOAsyncChannelOutboundWriter<ByteBuffer>?
        var closed = false
    }

    private let state = Mutex(State())
    private let group: any EventLoopGroup
    private let timeout: TimeAmount

    init(group: any EventLoopGroup, timeout: TimeAmount) {
        self.group = group
        self.timeout = timeout
    }

    /// Where lines go once the connection is up.
    func attach(_ writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        state.withLock { $0.writer = writer }
    }

    /// Sends the line `makeLine` spells for a fresh id and waits for its reply, the timeout, or
    /// the connection's end.
    func request(_ method: String, makeLine: (Int) -> String) async -> StratumClient.Reply {
        await withCheckedContinuation { (continuation: CheckedContinuation<StratumClient.Reply, Never>) in
            let sent = state.withLock { state -> (Int, NIOAsyncChannelOutboundWriter<ByteBuffer>)? in
                guard !state.closed, let writer = state.writer else { return nil }
                let id = state.nextID
                state.nextID += 1
                state.pending[id] = continuation
                return (id, writer)
            }
            guard let (id, writer) = sent else {
                continuation.resume(returning: .failed("not connected"))
                return
            }
            let timeout = timeout
            group.next().scheduleTask(in: timeout) { [self] in
                resolve(id, with: .failed("no reply to \(method) within \(timeout.nanoseconds / 1_000_000_000) s"))
            }
            let line = makeLine(id)
            Task { [self] in
                do {
                    try await writer.write(ByteBuffer(string: line + "\n"))
                } catch {
                    resolve(id, with: .failed("write failed: \(error)"))
                }
            }
        }
    }

    /// Sends the line `makeLine` spells for a fresh id; nobody waits for the reply.
    func send(makeLine: (Int) -> String) {
        let sent = state.withLock { state -> (Int, NIOAsyncChannelOutboundWriter<ByteBuffer>)? in
            guard !state.closed, let writer = state.writer else { return nil }
            defer { state.nextID += 1 }
            return (state.nextID, writer)
        }
        guard let (id, writer) = sent else { return }
        let line = makeLine(id)
        Task { try? await writer.write(ByteBuffer(string: line + "\n")) }
    }

    /// Sends a line that is not a request (a reply to the pool's own request).
    func send(line: String) {
        guard let writer = state.withLock({ $0.closed ? nil : $0.writer }) else { return }
        Task { try? await writer.write(ByteBuffer(string: line + "\n")) }
    }

    /// Hands the reply with `id` to its waiter (a late or unknown id is ignored).
    func resolve(_ id: Int, with reply: StratumClient.Reply) {
        state.withLock { $0.pending.removeValue(forKey: id) }?.resume(returning: reply)
    }

    /// Fails every waiting request with `reason`; later requests fail at once.
    func close(reason: String) {
        let waiting = state.withLock { state -> [CheckedContinuation<StratumClient.Reply, Never>] in
            state.closed = true
            state.writer = nil
            defer { state.pending = [:] }
            return Array(state.pending.values)
        }
        for continuation in waiting { continuation.resume(returning: .failed(reason)) }
    }
}
