import RigEngine
import NIOCore
import NIOPosix
import Synchronization

/// Work from Stratum v1 pools (sha256d and scrypt coins), with reconnection and failover.
///
/// ``run(into:)`` keeps one ``StratumClient`` connected: after a disconnect, a refused connection,
/// a timeout (no job for ``PoolTiming/jobTimeout``) or bad input it waits (exponential backoff
/// with jitter) and reconnects; after ``PoolTiming/failuresBeforeFailover`` failures in a row it
/// moves to the next pool, and while on a failover pool it probes the primary and returns to it
/// once it accepts connections. With no valid job the workers idle and the snapshot's
/// ``PoolStatus`` says why.
///
/// Every share is rebuilt from the job it claims, re-hashed and checked against that job's target
/// before it is sent; a share for a job that is no longer current (clean_jobs, a job under an
/// extranonce since replaced, reconnect) is counted stale and not sent.
public final class PoolWorkSource: WorkSource, PoolConnectionOwner {
    public let pools: [PoolURL]
    public let algorithm: HashAlgorithm
    let user: String
    private let password: String
    let timing: PoolTiming
    let group: any EventLoopGroup
    let log: @Sendable (String) -> Void

    /// One posted job: a notify with the extranonce and target it was posted with.
    struct Post {
        var job: StratumJob
        var extranonce: StratumExtranonce
        var target: ShareTarget
        /// Added to every worker's roll, so a repost (new difficulty) searches fresh extranonce2s.
        var rollBase: UInt32
        var connection: Int
        /// The ``MiningJob/tag`` it was posted with: connection and post number.
        var tag: UInt64

        /// The extranonce2 a share found under this post hashed with.
        func extranonce2(for share: FoundShare) -> [UInt8] {
            extranonce.extranonce2(worker: share.worker, roll: rollBase &+ share.roll)
        }

        /// The header a share found under this post must have hashed.
        func header(for share: FoundShare) -> [UInt8] {
            job.header(extranonce1: extranonce.extranonce1, extranonce2: extranonce2(for: share), nonce: share.nonce)
        }
    }

    struct State {
        var sink: WorkSink?
        var client: StratumClient?
        var connection = 0
        var url: PoolURL
        var extranonce: StratumExtranonce?
        /// A `mining.set_extranonce` waiting for the next notify: the extension's spec (NiceHash)
        /// has the new value apply "beginning with the next mining.notify job", so the pool
        /// still takes the current job's shares under the old one.
        var pendingExtranonce: StratumExtranonce?
        /// Stratum's default before the first `mining.set_difficulty`.
        var difficulty: Double = 1
        var notify: StratumJob?
        /// Jobs the pool still takes shares for: those since the last clean_jobs, newest last.
        var validJobs: [String] = []
        /// Every post of a job the pool still takes, oldest first: a share is rebuilt from its own.
        var posts: [Post] = []
        var postSequence: UInt32 = 0
        var lastJob: ContinuousClock.Instant = .now
        var gotJob = false
        var gate = ShareGate()
        var shares = ShareBook()
        var status: PoolStatus
    }

    let state: Mutex<State>

    /// - Parameters:
    ///   - pools: the primary first, then failover pools in order; at least one.
    ///   - log: receives one line per event worth a log line; never the password.
    public init(pools: [PoolURL], algorithm: HashAlgorithm, user: String, password: String,
                timing: PoolTiming = PoolTiming(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        precondition(!pools.isEmpty, "a pool work source needs a pool")
        self.pools = pools
        self.algorithm = algorithm
        self.user = user
        self.password = password
        self.timing = timing
        self.group = group
        self.log = log
        state = Mutex(State(url: pools[0], status: PoolStatus(url: pools[0].description)))
    }

    public var label: String { pools[0].description }

    /// The share target for a pool difficulty: scrypt pools state difficulty 65536 times smaller
    /// (cpuminer's convention), so the same number means a 65536 times easier target.
    public static func target(difficulty: Double, algorithm: HashAlgorithm) -> ShareTarget {
        ShareTarget(difficulty: difficulty, scale: algorithm == .scrypt ? 65_536 : 1)
    }

    /// Posts kept per connection: the 4096 roll bases a post can have.
    static let postsKept = 4_096

    /// Nonce bits that tell `threads` threads apart (2 threads: 1 bit, 3–4: 2 bits, …, at most 12).
    static func nonceSliceBits(threads: Int) -> Int {
        var bits = 0
        while bits < 12, 1 << bits < threads { bits += 1 }
        return bits
    }

    // MARK: - Connection loop

    public func run(into sink: WorkSink) async {
        state.withLock { $0.sink = sink }
        await runConnections(into: sink)
    }

    func beginConnection(to url: PoolURL, onFailover: Bool) -> @Sendable () async throws -> Void {
        let client = StratumClient(
            url: url, user: url.user ?? user, password: url.password ?? password, group: group,
            connectTimeoutSeconds: timing.connectTimeout, requestTimeoutSeconds: timing.requestTimeout, log: log)
        let connection = state.withLock { state -> Int in
            state.connection += 1
            state.client = client
            state.url = url
            state.extranonce = nil
            state.pendingExtranonce = nil
            state.notify = nil
            state.validJobs = []
            state.difficulty = 1
            state.gotJob = false
            state.lastJob = .now
            state.status = PoolStatus(url: url.description, connection: .connecting, isFailover: onFailover)
            return state.connection
        }
        return { try await client.run { event in await self.handle(event, connection: connection) } }
    }

    var lastJobTime: ContinuousClock.Instant { state.withLock { $0.lastJob } }

    func endConnection() -> Bool {
        state.withLock { state -> Bool in
            state.client = nil
            state.notify = nil
            state.pendingExtranonce = nil
            state.validJobs = []
            return state.gotJob
        }
    }

    func markDisconnected(_ message: String) {
        state.withLock {
            $0.status.connection = .disconnected
            $0.status.message = message
        }
    }

    // MARK: - Pool events

    func handle(_ event: StratumClient.Event, connection: Int) async {
        var repost = false
        let current = state.withLock { state -> Bool in
            guard state.connection == connection else { return false }
            switch event {
            case .subscribed(let extranonce):
                // The client's handshake task delivers this while its reader delivers the pool's
                // notifications: a notify (or set_extranonce) sent right behind the subscribe reply
                // may already be handled. Keep a newer extranonce, and post the job that could not
                // be posted without one.
                if state.extranonce == nil { state.extranonce = extranonce }
                repost = state.notify != nil
                state.status.connection = .connected
                state.status.message = nil
            case .authorized:
                break
            case .difficulty(let difficulty):
                repost = state.difficulty != difficulty
                state.difficulty = difficulty
                state.status.difficulty = difficulty
            case .extranonce(let extranonce):
                if state.notify == nil {
                    state.extranonce = extranonce
                } else {
                    state.pendingExtranonce = extranonce
                }
            case .job(let job):
                if let pending = state.pendingExtranonce {
                    state.extranonce = pending
                    state.pendingExtranonce = nil
                }
                if job.cleanJobs { state.validJobs = [] }
                state.validJobs.removeAll { $0 == job.id }
                state.validJobs.append(job.id)
                if state.validJobs.count > 32 { state.validJobs.removeFirst() }
                // Posts of jobs the pool no longer takes are of no more use.
                let valid = Set(state.validJobs)
                state.posts.removeAll { !valid.contains($0.job.id) }
                state.notify = job
                state.lastJob = .now
                state.gotJob = true
                repost = true
            }
            return true
        }
        guard current else { return }
        switch event {
        case .authorized:
            let url = state.withLock { $0.url }
            log("\(url): authorized as \(url.user ?? user)")
        case .difficulty(let difficulty): log("pool difficulty \(difficulty)")
        case .extranonce(let extranonce):
            log("new extranonce1 \(HexCoding.string(extranonce.extranonce1)), extranonce2 \(extranonce.extranonce2Size) bytes"
                + " (from the next job)")
        case .job(let job): log("new job \(job.id)" + (job.cleanJobs ? " (clean)" : ""))
        case .subscribed: break
        }
        if repost { await postCurrentJob(connection: connection) }
        await report()
    }

    private func postCurrentJob(connection: Int) async {
        let algorithm = self.algorithm
        let threads = state.withLock { $0.sink }?.threadCount ?? 1
        let made = state.withLock { state -> (WorkSink, MiningJob)? in
            guard state.connection == connection, let sink = state.sink, let job = state.notify,
                  let extranonce = state.extranonce else { return nil }
            let target = Self.target(difficulty: state.difficulty, algorithm: algorithm)
            // 4096 posts per connection get disjoint roll ranges of 4096 rolls (2^44 hashes) each.
            let rollBase = (state.postSequence & 0xfff) << 12
            let tag = UInt64(UInt32(truncatingIfNeeded: connection)) << 32 | UInt64(state.postSequence)
            state.postSequence &+= 1
            state.posts.append(Post(job: job, extranonce: extranonce, target: target, rollBase: rollBase,
                                    connection: connection, tag: tag))
            // Past postsKept (one whole cycle of roll bases, so no two kept posts share one) the
            // oldest goes.
            if state.posts.count > Self.postsKept { state.posts.removeFirst() }
            state.status.connection = .mining
            state.status.difficulty = state.difficulty
            // An extranonce2 of 0 bytes cannot tell workers apart, and one under 2 bytes cannot
            // roll: the running threads then split the nonces, and each waits for the next job
            // once through its part instead of hashing it again.
            let size = extranonce.extranonce2Size
            let bits = size == 0 ? Self.nonceSliceBits(threads: threads) : 0
            let mining = MiningJob(
                id: job.id, algorithm: algorithm, target: target,
                nonceRange: { worker in bits > 0 ? .slice(worker: worker, bits: bits) : .all }, rolls: size >= 2,
                tag: tag
            ) { worker, roll in
                job.header(extranonce1: extranonce.extranonce1,
                           extranonce2: extranonce.extranonce2(worker: worker, roll: rollBase &+ roll))
            }
            return (sink, mining)
        }
        if let (sink, mining) = made { await sink.post(mining) }
    }

    func report() async {
        let (sink, status) = state.withLock { ($0.sink, $0.status) }
        await sink?.report(pool: status)
    }

    // MARK: - Shares

    public func submit(_ share: FoundShare) async -> ShareOutcome? {
        // The posting the share was found under, by its tag: one header rebuilt, however many
        // times the pool has changed the difficulty.
        let candidates = state.withLock { state in state.posts.filter { $0.tag == share.jobTag && $0.job.id == share.jobID } }
        let post: Post
        switch ShareGate.post(for: share, among: candidates, rebuilds: { $0.header(for: share) == share.input }) {
        case .success(let found): post = found
        case .failure(let refusal): return refusal.logged(to: log)
        }
        let extranonce2 = post.extranonce2(for: share)
        let key = "\(post.connection)/\(post.job.id)/\(HexCoding.string(extranonce2))/\(share.nonce)"
        let admitted = state.withLock { state -> Result<StratumClient, ShareGate.Refusal> in
            let current = post.connection == state.connection && state.validJobs.contains(post.job.id)
                && state.extranonce == post.extranonce
            return state.gate.admit(share, key: key, client: current ? state.client : nil)
        }
        let client: StratumClient
        switch admitted {
        case .success(let admittedClient): client = admittedClient
        case .failure(let refusal): return refusal.logged(to: log)
        }
        // The input is the post's header rebuilt (the gate checked it), so hashing it re-verifies.
        if let refusal = ShareGate.verify(share, meetsTarget: post.target.isMet(by: algorithm.referenceDigest(share.input))) {
            return refusal.logged(to: log)
        }

        let difficulty = Self.formatDifficulty(post.target.difficulty * (algorithm == .scrypt ? 65_536 : 1))
        let outcome = await ShareBook.send(difficulty: difficulty, log: log, book: { outcome, latency in
            state.withLock { $0.shares.record(outcome, latency: latency, status: &$0.status) }
        }) {
            switch await client.submit(jobID: post.job.id, extranonce2: extranonce2, time: post.job.time, nonce: share.nonce) {
            case .result(.bool(true)): (.accepted, true)
            case .result(let value): (.rejected(reason: "pool replied \(StratumMessage.trimmed(value.serialized))"), true)
            case .error(let error): (.rejected(reason: error.description), true)
            case .failed: (.dropped(reason: ShareBook.noReply), false)
            }
        }
        await report()
        return outcome
    }

    static func formatDifficulty(_ value: Double) -> String {
        if value >= 1, value < 1e15, value.rounded() == value { return String(Int64(value)) }
        return "\(Double(String(format: "%.4g", value)) ?? value)"
    }
}
