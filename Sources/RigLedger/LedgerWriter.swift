import Foundation
import Synchronization

/// Queues ledger records and commits them in batches on a thread of its own.
///
/// ``append(_:)`` only takes a short lock and appends to an array: it never touches the database,
/// so callers (the share and snapshot tasks) never wait for SQLite, and hash threads and the render
/// path never call it at all. The writer thread commits whatever has queued every
/// ``flushInterval`` (0.25 s by default), so a crash loses at most that much plus one commit.
///
/// A commit that fails (a full disk, a file gone read-only) is retried at once, then kept and
/// retried every interval; ``health`` says so, so that the front ends can (the dashboard, the
/// log, `mine`'s summary and exit status). Nothing is dropped silently: records past
/// ``retryLimit`` waiting, or still unwritten when ``stop()`` gives up, are counted lost.
public final class LedgerWriter: Sendable {
    public let ledger: any LedgerStore
    public let flushInterval: Double
    /// Records kept for retrying at most while commits fail; the oldest go first past it.
    public let retryLimit: Int
    private let queue = Mutex<[LedgerRecord]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let state = Mutex(LedgerHealth())

    /// Attempts per commit before it counts as failed (and waits for the next interval).
    static let attempts = 3

    public init(ledger: any LedgerStore, flushInterval: Double = 0.25, retryLimit: Int = 100_000) {
        self.ledger = ledger
        self.flushInterval = flushInterval
        self.retryLimit = max(1, retryLimit)
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
                pending = commit(pending)
                if stopping { break }
                usleep(UInt32(flushInterval * 1_000_000))
            }
            // A clean stop folds the write-ahead log into the database file, so the file alone is
            // the whole ledger (for a copy or a backup).
            var checkpointError: String?
            if pending.isEmpty {
                do { try ledger.checkpoint() } catch { checkpointError = "checkpoint failed: \(error)" }
            }
            // Whatever a failing disk kept back is lost now: say how much.
            state.withLock { health in
                health.lost += pending.count
                health.unwritten = 0
                if let checkpointError { health.lastError = checkpointError }
            }
            finished.store(true, ordering: .releasing)
        }
        thread.name = "rigtop-ledger"
        thread.start()
    }

    /// Writes `records` (trying ``attempts`` times); returns what is still unwritten.
    private func commit(_ records: [LedgerRecord]) -> [LedgerRecord] {
        guard !records.isEmpty else { return [] }
        var failure: String?
        for attempt in 0..<Self.attempts {
            do {
                try ledger.write(records)
                state.withLock { health in
                    health.written += records.count
                    health.unwritten = 0
                    health.failing = false
                }
                return []
            } catch {
                failure = "\(error)"
                if attempt + 1 < Self.attempts { usleep(20_000) }
            }
        }
        let kept = Array(records.suffix(retryLimit))
        state.withLock { health in
            health.errors += 1
            health.failing = true
            health.lastError = failure
            health.lost += records.count - kept.count
            health.unwritten = kept.count
        }
        return kept
    }

    /// Queues a record; committed within ``flushInterval``.
    public func append(_ record: LedgerRecord) {
        queue.withLock { $0.append(record) }
    }

    /// How writing has gone so far.
    public var health: LedgerHealth { state.withLock { $0 } }

    /// The last write error, if any.
    public var lastError: String? { health.lastError }

    /// Commits what is queued (one last round of attempts if the disk fails), checkpoints the
    /// database into its main file, and ends the writer thread.
    public func stop() async {
        stopRequested.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(nanoseconds: 10_000_000) }
    }
}

/// How a ``LedgerWriter`` has fared: what the dashboard, the log and `mine`'s summary report.
public struct LedgerHealth: Sendable, Equatable {
    /// Records committed.
    public var written = 0
    /// Commits that failed all their attempts (each was then retried later).
    public var errors = 0
    /// Records waiting for a commit that failed.
    public var unwritten = 0
    /// Records given up: past the retry limit, or unwritten at stop.
    public var lost = 0
    /// True from a failed commit until the next one succeeds.
    public var failing = false
    /// The last error, as SQLite said it.
    public var lastError: String?

    public init() {}
}
