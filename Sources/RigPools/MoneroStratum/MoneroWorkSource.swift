import RigEngine
import NIOCore
import NIOPosix
import Synchronization

/// Work from Monero stratum pools (RandomX), with the same reconnection and failover as
/// ``PoolWorkSource``.
///
/// Each `job` becomes a RandomX ``MiningJob`` with the pool's target and seed hash (a new seed makes
/// the worker pool rebuild its dataset). A Monero blob has no extranonce, so every worker hashes
/// the same blob and the 32-bit nonce is split instead: the nonce's top byte is the worker index
/// (``NonceRange/slice(worker:bits:)`` with 8 bits), leaving each worker 2^24 nonces per job, hours
/// of work for a full-mode thread against a new job every block (≈ 2 min). A worker that does run
/// out searches its slice again; the repeats are dropped here as duplicates.
///
/// A job names its RandomX revision in `algo` (rx/0 or rx/2; the configured one when it does not),
/// and each job is mined with its own: a pool that switches to rx/2 at Monero's fork switches the
/// workers on the same connection. Under rx/2 a share is judged by the commitment of the hash.
///
/// Shares are matched to the job they claim (the blob with their nonce must be their input) and
/// checked against its target; their digest was already re-hashed by the worker that found them
/// (a plain hash on its own VM), so it is sent as `result` as it is (with the hash itself as
/// `commitment` under rx/2). A share for a job the pool no
/// longer takes (a job for a new block height or seed, a reconnect) is counted stale and not sent.
public final class MoneroWorkSource: WorkSource, PoolConnectionOwner {
    public let pools: [PoolURL]
    let user: String
    private let password: String
    /// The RandomX revision of jobs that do not name one.
    let defaultVersion: RandomXVersion
    let timing: PoolTiming
    let group: any EventLoopGroup
    let log: @Sendable (String) -> Void

    /// Bits of the nonce that hold the worker index: 256 slices of 2^24 nonces.
    public static let workerNonceBits = 8

    /// One posted job and the connection it came on.
    struct Post {
        var job: MoneroJob
        var connection: Int
    }

    struct State {
        var sink: WorkSink?
        var client: MoneroStratumClient?
        var connection = 0
        var url: PoolURL
        var current: MoneroJob?
        /// Jobs the pool still takes shares for: those for the current job's height and seed, newest last.
        var validJobs: [String] = []
        var posts: [Post] = []
        var lastJob: ContinuousClock.Instant = .now
        var gotJob = false
        var gate = ShareGate()
        var shares = ShareBook()
        var status: PoolStatus
    }

    let state: Mutex<State>

    /// - Parameters:
    ///   - pools: the primary first, then failover pools in order; at least one.
    ///   - user: the login (a wallet address, often with a worker name).
    ///   - log: receives one line per event worth a log line; never the password.
    public init(pools: [PoolURL], user: String, password: String, defaultVersion: RandomXVersion = .v1,
                timing: PoolTiming = PoolTiming(),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        precondition(!pools.isEmpty, "a pool work source needs a pool")
        self.pools = pools
        self.user = user
        self.password = password
        self.defaultVersion = defaultVersion
        self.timing = timing
        self.group = group
        self.log = log
        state = Mutex(State(url: pools[0], status: PoolStatus(url: pools[0].description)))
    }

    public var label: String { pools[0].description }

    /// The mining job for a pool job: its blob for every worker, each worker in its own nonce slice.
    public static func miningJob(_ job: MoneroJob, defaultVersion: RandomXVersion = .v1) -> MiningJob {
        let blob = job.blob
        var mining = MiningJob(
            id: job.id, algorithm: HashAlgorithm(randomX: job.randomXVersion ?? defaultVersion),
            target: job.target, seedHash: job.seedHash,
            nonceRange: { worker in .slice(worker: worker, bits: workerNonceBits) }, rolls: false
        ) { _, _ in blob }
        mining.nextSeedHash = job.nextSeedHash
        return mining
    }

    // MARK: - Connection loop

    public func run(into sink: WorkSink) async {
        state.withLock { $0.sink = sink }
        await runConnections(into: sink)
    }

    func beginConnection(to url: PoolURL, onFailover: Bool) -> @Sendable () async throws -> Void {
        let client = MoneroStratumClient(
            url: url, login: url.user ?? user, password: url.password ?? password, group: group,
            connectTimeoutSeconds: timing.connectTimeout, requestTimeoutSeconds: timing.requestTimeout, log: log)
        let connection = state.withLock { state -> Int in
            state.connection += 1
            state.client = client
            state.url = url
            state.current = nil
            state.validJobs = []
            state.gotJob = false
            state.lastJob = .now
            state.status = PoolStatus(url: url.description, connection: .connecting, isFailover: onFailover)
            return state.connection
        }
        return { try await client.run { job in await self.handle(job, connection: connection) } }
    }

    var lastJobTime: ContinuousClock.Instant { state.withLock { $0.lastJob } }

    func endConnection() -> Bool {
        state.withLock { state -> Bool in
            state.client = nil
            state.current = nil
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

    private func handle(_ job: MoneroJob, connection: Int) async {
        let made = state.withLock { state -> (WorkSink?, Bool)? in
            guard state.connection == connection else { return nil }
            let first = !state.gotJob
            if let current = state.current, current.height != job.height || current.seedHash != job.seedHash {
                state.validJobs = []
            } else if job.height == nil {
                state.validJobs = []  // without heights, only the newest job is known to be good
            }
            state.validJobs.removeAll { $0 == job.id }
            state.validJobs.append(job.id)
            if state.validJobs.count > 8 { state.validJobs.removeFirst() }
            state.current = job
            state.posts.append(Post(job: job, connection: connection))
            if state.posts.count > 64 { state.posts.removeFirst() }
            state.lastJob = .now
            state.gotJob = true
            state.status.connection = .mining
            state.status.difficulty = job.difficulty
            state.status.message = job.seedHash == nil ? "the pool sent no seed_hash: cannot mine RandomX" : nil
            return (state.sink, first)
        }
        guard let (sink, first) = made else { return }
        if first {
            let url = state.withLock { $0.url }
            log("\(url): logged in as \(url.user ?? user)")
        }
        log("new job \(job.id)" + (job.height.map { " height \($0)" } ?? "")
            + " diff \(PoolWorkSource.formatDifficulty(job.difficulty))")
        if job.seedHash == nil { log("job \(job.id) has no seed_hash; RandomX cannot hash it") }
        await sink?.post(Self.miningJob(job, defaultVersion: defaultVersion))
        await report()
    }

    func report() async {
        let (sink, status) = state.withLock { ($0.sink, $0.status) }
        await sink?.report(pool: status)
    }

    // MARK: - Shares

    public func submit(_ share: FoundShare) async -> ShareOutcome? {
        let candidates = state.withLock { $0.posts.filter { $0.job.id == share.jobID } }
        let post: Post
        switch ShareGate.post(for: share, among: candidates, rebuilds: { $0.job.input(nonce: share.nonce) == share.input }) {
        case .success(let found): post = found
        case .failure(let refusal): return refusal.logged(to: log)
        }
        let key = "\(post.connection)/\(post.job.id)/\(share.nonce)"
        let admitted = state.withLock { state -> Result<MoneroStratumClient, ShareGate.Refusal> in
            let current = post.connection == state.connection && state.validJobs.contains(post.job.id)
            return state.gate.admit(share, key: key, client: current ? state.client : nil)
        }
        let client: MoneroStratumClient
        switch admitted {
        case .success(let admittedClient): client = admittedClient
        case .failure(let refusal): return refusal.logged(to: log)
        }
        let algorithm = HashAlgorithm(randomX: post.job.randomXVersion ?? defaultVersion)
        let meetsTarget = share.algorithm == algorithm && share.digest.count == 32 && post.job.target.isMet(by: share.digest)
            && (algorithm == .randomx || share.randomXHash?.count == 32)
        if let refusal = ShareGate.verify(share, meetsTarget: meetsTarget) { return refusal.logged(to: log) }

        let commitment = algorithm == .randomxV2 ? share.randomXHash : nil
        let outcome = await ShareBook.send(difficulty: PoolWorkSource.formatDifficulty(post.job.difficulty), log: log,
                                           book: { outcome, latency in
            state.withLock { $0.shares.record(outcome, latency: latency, status: &$0.status) }
        }) {
            switch await client.submit(jobID: post.job.id, nonce: share.nonce, result: share.digest, commitment: commitment) {
            case .result: (.accepted, true)  // the client turns a status other than "OK" into an error
            case .error(let error): (.rejected(reason: error.description), true)
            case .failed: (.dropped(reason: ShareBook.noReply), false)
            }
        }
        await report()
        return outcome
    }
}
