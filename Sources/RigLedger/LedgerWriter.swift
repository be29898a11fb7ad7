import Foundation
import Synchronization

/// Queues ledger records and commits them in batches on a thread of its own.
///
/// ``append(_:)`` only takes a short lock and appends to an array: it never touches the database,
/// so callers (the share and snapshot tasks) never wait for SQLite, and hash threads and the render
/// path never call it at all. The writer thread commits whatever has queued every
/// ``flushInterval`` (0.25 s by default), so a crash loses at most that much plus one commit.
public final class LedgerWriter: Sendable {
    public let ledger: Ledger
    public let flushInterval: Double
    private let queue = Mutex<[LedgerRecord]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    /// The last write error, if any; the writer keeps the failed batch and retries.
    private let failure = Mutex<String?>(nil)

    public init(ledger: Ledger, flushInterval: Double = 0.25) {
        self.ledger = ledger
        self.flushInterval = flushInterval
    }

    /// Starts the writer thread.
    public func start() {
        let thread = Thread { [self] in
            var pending: [LedgerRecord] = []
            while true {
                let stopping = stopRequested.load(ordering: .acquiring)
                pending += queue.withLock { queue in
                    defer { queue = [] }
                    return queue
                }
                do {
                    try ledger.write(pending)
                    pending = []
                } catch {
                    failure.withLock { $0 = "ledger write failed: \(error)" }
                }
                if stopping { break }
                usleep(UInt32(flushInterval * 1_000_000))
            }
            finished.store(true, ordering: .releasing)
        }
        thread.name = "rigtop-ledger"
        thread.start()
    }

    /// Queues a record; committed within ``flushInterval``.
    public func append(_ record: LedgerRecord) {
        queue.withLock { $0.append(record) }
    }

    /// The last write error, if any.
    public var lastError: String? { failure.withLock { $0 } }

    /// Commits what is queued and ends the writer thread.
    public func stop() async {
        stopRequested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(nanoseconds: 10_000_000) }
    }
}
