import RigEngine

/// What a solo work source keeps between the node's templates and the workers' blocks: the jobs
/// it posted, which tip they build on, whether a block of ours already replaced that tip, and the
/// status the snapshots show. A value inside the source's `Mutex`.
struct SoloState<Work: Sendable>: Sendable {
    struct Post: Sendable {
        var id: String
        var work: Work
        /// What the work builds on (a previous block hash, a height): shares are current while
        /// it is the newest and no block of ours has replaced it.
        var tip: String
    }

    var sink: WorkSink?
    private var posts: [Post] = []
    private var sequence = 0
    private(set) var tip: String?
    private var solvedTip: String?
    /// Set when a block of ours was taken, so the source fetches new work at once.
    var wake = false
    var status: PoolStatus

    /// Jobs remembered for matching blocks (templates every second for a minute and more).
    static var remembered: Int { 16 }

    init(node: NodeURL) { status = PoolStatus(url: Self.label(node)) }

    /// What the dashboard and the summary show as the work source.
    static func label(_ node: NodeURL) -> String { "solo \(node)" }

    /// Remembers posted work; returns its job id and whether it builds on a new tip.
    mutating func add(_ work: Work, tip: String, height: Int, difficulty: Double) -> (id: String, isNewTip: Bool) {
        sequence += 1
        let id = "\(height)-\(sequence)"
        posts.append(Post(id: id, work: work, tip: tip))
        if posts.count > Self.remembered { posts.removeFirst() }
        let isNewTip = self.tip != tip
        self.tip = tip
        status.connection = .mining
        status.difficulty = difficulty
        status.height = height
        status.message = nil
        return (id, isNewTip)
    }

    /// The work a job id names, and whether a block from it can still extend the chain.
    func work(for jobID: String) -> (work: Work, tip: String, isCurrent: Bool)? {
        guard let post = posts.last(where: { $0.id == jobID }) else { return nil }
        return (post.work, post.tip, post.tip == tip && post.tip != solvedTip)
    }

    /// Marks `tip` replaced by a block of ours.
    mutating func solved(_ tip: String) {
        solvedTip = tip
        wake = true
    }

    /// Forgets the tip when the node is lost: work from before is stale, whatever the node's
    /// chain is when it comes back.
    mutating func forgetTip() { tip = nil }

    /// Whether new work was asked for since the last call.
    mutating func takeWake() -> Bool {
        defer { wake = false }
        return wake
    }
}
